package dev.beca.memory.internal;

/** A message and the id of its stored vector. */
record MessageLink(long messageId, long embeddingId) {}
