package dev.beca.memory.internal;

/** A row of {@code turn_outcomes}. */
record TurnOutcomeRow(long messageId, String verdict, String reason, long decidedAt) {}
