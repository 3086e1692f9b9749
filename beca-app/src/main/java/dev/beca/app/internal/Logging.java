package dev.beca.app.internal;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import java.net.URL;
import java.nio.file.Path;
import org.slf4j.LoggerFactory;

/** Sends all logging to {@code DATA_DIR/logs/beca.log}; the console stays the user's. */
public final class Logging {

  private Logging() {}

  /**
   * Reconfigures Logback to write into the data directory.
   *
   * @param dataDir the data directory; {@code logs/} is created inside it
   * @return the log file
   */
  public static Path toDataDirectory(Path dataDir) {
    Path logDir = dataDir.toAbsolutePath().resolve("logs");
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    context.reset();
    context.putProperty("BECA_LOG_DIR", logDir.toString());
    URL config = Logging.class.getResource("/dev/beca/app/logback-file.xml");
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(context);
    try {
      configurator.doConfigure(config);
    } catch (JoranException e) {
      // Logging is a diagnostic aid: a broken log set-up must not stop the user's command.
      context.reset();
    }
    return logDir.resolve("beca.log");
  }
}
