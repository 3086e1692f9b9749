package dev.beca.memory.internal;

/** A row of {@code lesson_extractions}. */
record ExtractionRow(
    long id,
    String sessionId,
    long messageId,
    String state,
    int attempts,
    String failure,
    String rawReply,
    long queuedAt) {

  static final String COLUMNS =
      "id, session_id AS sessionId, message_id AS messageId, state, attempts, failure,"
          + " raw_reply AS rawReply, queued_at AS queuedAt";
}
