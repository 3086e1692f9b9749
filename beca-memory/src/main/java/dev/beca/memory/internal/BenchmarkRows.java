package dev.beca.memory.internal;

/** Parameters of one result insert; mutable only so that MyBatis can hand back the generated id. */
final class BenchmarkResultInsert {
  final long benchmarkId;
  final long startedAt;
  final long durationMs;
  final double score;
  final String commitId;
  final boolean dirty;
  final String treeHash;
  final String cacheKey;
  final boolean timedOut;
  final String resultJson;
  long id;

  BenchmarkResultInsert(
      long benchmarkId,
      long startedAt,
      long durationMs,
      double score,
      String commitId,
      boolean dirty,
      String treeHash,
      String cacheKey,
      boolean timedOut,
      String resultJson) {
    this.benchmarkId = benchmarkId;
    this.startedAt = startedAt;
    this.durationMs = durationMs;
    this.score = score;
    this.commitId = commitId;
    this.dirty = dirty;
    this.treeHash = treeHash;
    this.cacheKey = cacheKey;
    this.timedOut = timedOut;
    this.resultJson = resultJson;
  }
}

/** A stored result's id and JSON. */
record StoredResultRow(long id, String resultJson) {}

/** One point of a trend. */
record TrendRow(long id, long startedAt, double score, String commitId, boolean dirty) {}

/** A benchmark with its latest result. */
record BenchmarkSummaryRow(
    String name,
    String projectPath,
    long runs,
    double latestScore,
    long latestAt,
    String latestCommit) {}

/** An open learning queue item. */
record LearningRow(
    long id, long resultId, String benchmark, double score, String hints, long queuedAt) {}
