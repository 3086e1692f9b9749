package dev.beca.memory.internal;

import dev.beca.core.secrets.NewSecurityAlert;

/** Parameters of one alert insert; mutable only so that MyBatis can hand back the generated id. */
final class SecurityAlertInsert {
  final long createdAt;
  final String source;
  final String ruleId;
  final String severity;
  final String location;
  final String fingerprint;
  final String confidence;
  long id;

  SecurityAlertInsert(NewSecurityAlert alert, long createdAt) {
    this.createdAt = createdAt;
    this.source = alert.source();
    this.ruleId = alert.ruleId();
    this.severity = alert.severity().name();
    this.location = alert.location();
    this.fingerprint = alert.fingerprint();
    this.confidence = alert.confidence().name();
  }
}
