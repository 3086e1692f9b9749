package dev.beca.memory.internal;

import dev.beca.core.secrets.NewSecurityAlert;
import dev.beca.core.secrets.Redaction;
import dev.beca.core.secrets.SecretFinding;
import dev.beca.core.secrets.SecretLocation;
import org.apache.ibatis.session.SqlSession;

/** Records the secrets a redaction removed, inside the caller's transaction. */
final class SecretAlerts {

  private SecretAlerts() {}

  /**
   * Writes one {@code security_alerts} row per finding (fingerprints, never secrets).
   *
   * @param session the transaction that also writes the redacted text
   * @param source what the text was, e.g. {@code message:USER}
   * @param where the row it went to, e.g. {@code messages/42}; line and column are appended
   * @param redaction what the scanner replaced
   * @param now the time of the write, epoch milliseconds
   */
  static void record(
      SqlSession session, String source, String where, Redaction redaction, long now) {
    for (SecretFinding finding : redaction.findings()) {
      SecretLocation at = finding.location();
      SqliteSecurityAlertStore.insert(
          session,
          new NewSecurityAlert(
              source,
              finding.ruleId(),
              finding.severity(),
              where + ":" + at.line() + ":" + at.column(),
              finding.fingerprint(),
              finding.confidence()),
          now);
    }
  }
}
