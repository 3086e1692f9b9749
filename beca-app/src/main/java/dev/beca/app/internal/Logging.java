package dev.beca.app.internal;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeAndTimeBasedRollingPolicy;
import ch.qos.logback.core.spi.ContextAwareBase;
import ch.qos.logback.core.util.FileSize;
import java.nio.file.Path;
import org.slf4j.LoggerFactory;

/**
 * Sends all logging to {@code DATA_DIR/logs/beca.log}; the console stays the user's. Logback is
 * configured in code, not from XML: parsing a configuration file cost a quarter of a second of
 * every command's start-up. Until a command knows its data directory, nothing is logged ({@link
 * Silent}, registered as Logback's configurator).
 */
public final class Logging {

  /**
   * Environment variable (or system property) with the level of BECA's own loggers; INFO by
   * default.
   */
  public static final String LEVEL_ENV = "BECA_LOG_LEVEL";

  private static final String PATTERN =
      "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level [%thread] %logger{36} - %msg%n";

  private Logging() {}

  /**
   * Reconfigures Logback to write into the data directory: {@code logs/beca.log}, rolled daily and
   * at 10 MB, 14 days and 200 MB kept, every line through {@link MaskingPatternLayout}; BECA's
   * loggers at {@value #LEVEL_ENV} (default INFO), everything else at WARN.
   *
   * @param dataDir the data directory; {@code logs/} is created inside it
   * @return the log file
   */
  public static Path toDataDirectory(Path dataDir) {
    Path logDir = dataDir.toAbsolutePath().resolve("logs");
    Path logFile = logDir.resolve("beca.log");
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    context.reset();

    MaskingPatternLayout layout = new MaskingPatternLayout();
    layout.setContext(context);
    layout.setPattern(PATTERN);
    layout.start();
    LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
    encoder.setContext(context);
    encoder.setLayout(layout);
    encoder.start();

    RollingFileAppender<ILoggingEvent> appender = new RollingFileAppender<>();
    appender.setContext(context);
    appender.setName("FILE");
    appender.setFile(logFile.toString());
    SizeAndTimeBasedRollingPolicy<ILoggingEvent> policy = new SizeAndTimeBasedRollingPolicy<>();
    policy.setContext(context);
    policy.setParent(appender);
    policy.setFileNamePattern(logDir.resolve("beca.%d{yyyy-MM-dd}.%i.log").toString());
    policy.setMaxFileSize(FileSize.valueOf("10MB"));
    policy.setMaxHistory(14);
    policy.setTotalSizeCap(FileSize.valueOf("200MB"));
    policy.start();
    appender.setRollingPolicy(policy);
    appender.setEncoder(encoder);
    appender.start();
    if (!appender.isStarted()) {
      // Logging is a diagnostic aid: a log folder that cannot be written must not stop the command.
      context.reset();
      silence(context);
      return logFile;
    }

    ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.WARN);
    root.addAppender(appender);
    context.getLogger("dev.beca").setLevel(Level.toLevel(setting(LEVEL_ENV), Level.INFO));
    return logFile;
  }

  private static String setting(String name) {
    String property = System.getProperty(name);
    return property != null ? property : System.getenv(name);
  }

  private static void silence(LoggerContext context) {
    context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).setLevel(Level.OFF);
  }

  /**
   * Logback's configurator for the app (found through {@code META-INF/services}): logs nothing
   * until {@link #toDataDirectory} is called, and spares Logback its search for XML files.
   */
  @ConfiguratorRank(ConfiguratorRank.CUSTOM_HIGH_PRIORITY)
  public static final class Silent extends ContextAwareBase
      implements ch.qos.logback.classic.spi.Configurator {

    @Override
    public ExecutionStatus configure(LoggerContext context) {
      silence(context);
      return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }
  }
}
