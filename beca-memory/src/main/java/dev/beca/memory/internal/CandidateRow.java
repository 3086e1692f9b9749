package dev.beca.memory.internal;

/** A message that may match a semantic query, and its vector's id. */
record CandidateRow(long messageId, long embeddingId) {}
