package dev.beca.selfimprove.analysis;

/**
 * Size and complexity of one method or constructor.
 *
 * @param file the file, relative to the analysed root, with {@code /} separators
 * @param symbol {@code Class.method} ({@code Outer.Inner.method} for nested classes, {@code
 *     Class.<init>} for constructors)
 * @param line the first line of the declaration (annotations included, javadoc not)
 * @param endLine the last line
 * @param lines {@code endLine - line + 1}
 * @param complexity cyclomatic complexity: 1 plus one per {@code if}, loop, {@code case} label,
 *     {@code catch}, {@code ?:}, {@code &&} and {@code ||}
 * @param parameters the number of parameters
 * @param nesting the deepest nesting of control statements ({@code if}, loops, {@code switch},
 *     {@code try}, {@code synchronized}); an {@code else if} does not nest
 */
public record MethodMetrics(
    String file,
    String symbol,
    int line,
    int endLine,
    int lines,
    int complexity,
    int parameters,
    int nesting) {}
