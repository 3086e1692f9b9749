package dev.beca.memory.internal;

/** Parameters of one pattern insert; mutable only so that MyBatis can hand back the id. */
final class PatternInsert {
  final String identity;
  final String kind;
  final String taskType;
  final String request;
  final String solutionSummary;
  final String toolsUsed;
  final String architectureType;
  final String frameworks;
  final String performanceNotes;
  final String source;
  final String evidence;
  final long at;
  long id;

  PatternInsert(
      String identity,
      String kind,
      String taskType,
      String request,
      String solutionSummary,
      String toolsUsed,
      String architectureType,
      String frameworks,
      String performanceNotes,
      String source,
      String evidence,
      long at) {
    this.identity = identity;
    this.kind = kind;
    this.taskType = taskType;
    this.request = request;
    this.solutionSummary = solutionSummary;
    this.toolsUsed = toolsUsed;
    this.architectureType = architectureType;
    this.frameworks = frameworks;
    this.performanceNotes = performanceNotes;
    this.source = source;
    this.evidence = evidence;
    this.at = at;
  }
}
