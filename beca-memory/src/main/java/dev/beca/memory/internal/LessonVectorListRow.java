package dev.beca.memory.internal;

/** One persisted list of the lesson vector index: its centroid's sign bits (V17). */
record LessonVectorListRow(int list, byte[] centroid, long trainedOn) {}
