package dev.beca.memory.internal;

/** An indexed term and how many messages contain it. */
record TermRow(String term, long doc) {}
