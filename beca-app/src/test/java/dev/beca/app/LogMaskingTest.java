package dev.beca.app;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import dev.beca.app.internal.Logging;
import dev.beca.core.testkit.DummySecrets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The log file configuration masks secrets in messages, arguments and stack traces. */
class LogMaskingTest {

  @TempDir Path dataDir;

  @AfterEach
  void stopLogging() {
    ((LoggerContext) LoggerFactory.getILoggerFactory()).reset();
  }

  @Test
  void secretsNeverReachTheLogFileInClear() {
    DummySecrets secrets = new DummySecrets(8);
    String key = secrets.awsAccessKeyId();
    String token = secrets.githubPat();
    String password = secrets.alnum(20);
    Path logFile = Logging.toDataDirectory(dataDir);
    Logger log = LoggerFactory.getLogger("dev.beca.test");

    log.warn("configured with key {}", key);
    log.error("request failed", new IllegalStateException("Authorization: token " + token));
    log.warn("connecting to postgres://app:{}@db:5432/app", password);
    ((LoggerContext) LoggerFactory.getILoggerFactory()).stop();

    assertThat(logFile)
        .content()
        .contains(
            "configured with key AKIA****",
            "IllegalStateException: Authorization: token ghp_****",
            "postgres://app:" + password.substring(0, 4) + "****@db")
        .doesNotContain(key, token, password);
  }
}
