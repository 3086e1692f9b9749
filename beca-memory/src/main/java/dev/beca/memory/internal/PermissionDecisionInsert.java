package dev.beca.memory.internal;

/** Parameters of one decision insert; mutable only so that MyBatis can hand back the id. */
final class PermissionDecisionInsert {
  final long decidedAt;
  final String sessionId;
  final String tool;
  final String arguments;
  final String risk;
  final String rule;
  final String answer;
  long id;

  PermissionDecisionInsert(
      long decidedAt,
      String sessionId,
      String tool,
      String arguments,
      String risk,
      String rule,
      String answer) {
    this.decidedAt = decidedAt;
    this.sessionId = sessionId;
    this.tool = tool;
    this.arguments = arguments;
    this.risk = risk;
    this.rule = rule;
    this.answer = answer;
  }
}
