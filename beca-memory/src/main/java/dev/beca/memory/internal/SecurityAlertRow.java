package dev.beca.memory.internal;

import dev.beca.core.secrets.Confidence;
import dev.beca.core.secrets.SecurityAlert;
import dev.beca.core.secrets.Severity;
import java.time.Instant;

/** A row of the {@code security_alerts} table, as MyBatis maps it. */
record SecurityAlertRow(
    long id,
    long createdAt,
    String source,
    String ruleId,
    String severity,
    String location,
    String fingerprint,
    String confidence) {

  SecurityAlert toAlert() {
    return new SecurityAlert(
        id,
        Instant.ofEpochMilli(createdAt),
        source,
        ruleId,
        Severity.valueOf(severity),
        location,
        fingerprint,
        confidence == null ? null : Confidence.valueOf(confidence));
  }
}
