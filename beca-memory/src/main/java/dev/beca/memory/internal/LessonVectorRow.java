package dev.beca.memory.internal;

/** An active lesson with its vector, as {@link LessonVectorIndex} is built from. */
record LessonVectorRow(long id, long embeddingId, byte[] vector) {}
