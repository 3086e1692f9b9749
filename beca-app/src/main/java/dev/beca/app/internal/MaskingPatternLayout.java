package dev.beca.app.internal;

import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.beca.core.secrets.SecretScanner;

/**
 * Logback's pattern layout with every secret masked: each formatted event (message, arguments,
 * stack trace) goes through the secret scanner before it reaches a log file. Used by {@link
 * Logging}.
 */
public final class MaskingPatternLayout extends PatternLayout {

  private final SecretScanner scanner = SecretScanner.standard();

  @Override
  public String doLayout(ILoggingEvent event) {
    return scanner.redact("log", super.doLayout(event)).text();
  }
}
