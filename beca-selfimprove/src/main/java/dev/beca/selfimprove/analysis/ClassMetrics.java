package dev.beca.selfimprove.analysis;

/**
 * Size of one class, interface, enum or record (nested ones are measured on their own and also
 * count in their enclosing type's lines).
 *
 * @param file the file, relative to the analysed root, with {@code /} separators
 * @param symbol the type's name, {@code Outer.Inner} for nested types
 * @param line the first line of the declaration
 * @param endLine the last line
 * @param lines {@code endLine - line + 1}
 * @param methods the methods declared in the type itself (constructors not counted)
 * @param fields the fields declared in the type itself ({@code int a, b;} counts two)
 */
public record ClassMetrics(
    String file, String symbol, int line, int endLine, int lines, int methods, int fields) {}
