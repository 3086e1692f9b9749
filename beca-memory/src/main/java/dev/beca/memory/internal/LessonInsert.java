package dev.beca.memory.internal;

/** Parameters of a lesson insert; mutable only so that MyBatis can hand back the generated id. */
final class LessonInsert {
  final String text;
  final byte[] textHash;
  final String category;
  final String source;
  final String evidence;
  final long createdAt;
  final double confidence;
  final Long embeddingId;
  long id;

  LessonInsert(
      String text,
      byte[] textHash,
      String category,
      String source,
      String evidence,
      long createdAt,
      double confidence,
      Long embeddingId) {
    this.text = text;
    this.textHash = textHash;
    this.category = category;
    this.source = source;
    this.evidence = evidence;
    this.createdAt = createdAt;
    this.confidence = confidence;
    this.embeddingId = embeddingId;
  }
}
