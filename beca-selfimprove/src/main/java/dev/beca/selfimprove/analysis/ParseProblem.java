package dev.beca.selfimprove.analysis;

/**
 * A file the analyzer could not read or parse; it is left out of the analysis.
 *
 * @param file the file, relative to the analysed root, with {@code /} separators
 * @param message the parser's or the file system's first problem
 */
public record ParseProblem(String file, String message) {}
