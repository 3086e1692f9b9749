/**
 * Java code analysis on JavaParser's syntax tree, without compiling: {@link
 * dev.beca.selfimprove.analysis.JavaCodeAnalyzer} measures every method and class ({@link
 * dev.beca.selfimprove.analysis.MethodMetrics}, {@link dev.beca.selfimprove.analysis.ClassMetrics})
 * against {@link dev.beca.selfimprove.analysis.AnalysisThresholds} and finds the shapes of {@link
 * dev.beca.selfimprove.analysis.IssueKind} (string concatenation, regular expressions, expensive
 * objects and N+1 calls in loops, boxed arithmetic, double map look-ups, and a few readability
 * ones), each a {@link dev.beca.selfimprove.analysis.CodeIssue} with severity and location. The
 * result, {@link dev.beca.selfimprove.analysis.CodeAnalysis}, feeds the model-free proposer in
 * {@link dev.beca.selfimprove.recipes}.
 */
package dev.beca.selfimprove.analysis;
