package dev.beca.memory.internal;

/** A message still waiting for its embedding. */
record PendingRow(long id, String content) {}
