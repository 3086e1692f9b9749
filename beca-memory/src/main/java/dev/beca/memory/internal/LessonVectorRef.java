package dev.beca.memory.internal;

/** An active lesson and the id of its vector in {@code embeddings}. */
record LessonVectorRef(long id, long embeddingId) {}
