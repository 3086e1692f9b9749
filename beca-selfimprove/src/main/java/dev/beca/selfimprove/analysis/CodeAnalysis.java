package dev.beca.selfimprove.analysis;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The result of {@link JavaCodeAnalyzer#analyze(Path)}: metrics of every method and class, the
 * issues found, and the files that could not be parsed.
 *
 * @param root the analysed folder; every {@code file} in the lists is relative to it
 * @param files the number of Java files parsed
 * @param classes metrics of every class, interface, enum and record
 * @param methods metrics of every method and constructor
 * @param issues every issue, in file and line order
 * @param problems files that could not be read or parsed
 */
public record CodeAnalysis(
    Path root,
    int files,
    List<ClassMetrics> classes,
    List<MethodMetrics> methods,
    List<CodeIssue> issues,
    List<ParseProblem> problems) {

  /** Copies the lists. */
  public CodeAnalysis {
    Objects.requireNonNull(root, "root");
    classes = List.copyOf(classes);
    methods = List.copyOf(methods);
    issues = List.copyOf(issues);
    problems = List.copyOf(problems);
  }

  /**
   * The issues of one kind.
   *
   * @param kind the kind
   * @return its issues, in file and line order
   */
  public List<CodeIssue> issues(IssueKind kind) {
    return issues.stream().filter(issue -> issue.kind() == kind).toList();
  }

  /**
   * How many issues of each kind were found (kinds without issues are left out).
   *
   * @return counts in the order of {@link IssueKind}
   */
  public Map<IssueKind, Integer> countsByKind() {
    Map<IssueKind, Integer> counts = new EnumMap<>(IssueKind.class);
    for (CodeIssue issue : issues) {
      counts.merge(issue.kind(), 1, Integer::sum);
    }
    return counts;
  }
}
