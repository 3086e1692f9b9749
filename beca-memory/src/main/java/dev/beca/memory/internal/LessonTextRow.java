package dev.beca.memory.internal;

/** A lesson's text, as {@link LessonKeywordIndex} is built from; superseded ones count too. */
record LessonTextRow(long id, String text, boolean active) {}
