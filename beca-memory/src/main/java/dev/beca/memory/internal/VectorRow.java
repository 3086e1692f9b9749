package dev.beca.memory.internal;

/** A stored vector: little-endian float32 values. */
record VectorRow(long id, byte[] vector) {}
