package dev.beca.selfimprove.analysis;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.BodyDeclaration;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.ConstructorDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.ConditionalExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.stmt.CatchClause;
import com.github.javaparser.ast.stmt.DoStmt;
import com.github.javaparser.ast.stmt.ForEachStmt;
import com.github.javaparser.ast.stmt.ForStmt;
import com.github.javaparser.ast.stmt.IfStmt;
import com.github.javaparser.ast.stmt.SwitchEntry;
import com.github.javaparser.ast.stmt.SwitchStmt;
import com.github.javaparser.ast.stmt.SynchronizedStmt;
import com.github.javaparser.ast.stmt.TryStmt;
import com.github.javaparser.ast.stmt.WhileStmt;
import dev.beca.core.quality.Finding;
import dev.beca.core.quality.Severity;
import dev.beca.selfimprove.analysis.internal.JavaSyntax;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Measures Java code and finds issues on its syntax tree (JavaParser; no compilation, no class
 * path): size and complexity of every method and class against {@link AnalysisThresholds}, and the
 * shapes of {@link IssueKind} that cost time (string concatenation, regular expressions and
 * expensive objects in loops, boxed arithmetic, N+1 calls, double map lookups) or readability.
 *
 * <p>Types are known from declarations only (see {@code JavaSyntax}): a check that needs a type it
 * cannot see stays silent rather than guess, so the findings lean towards precision.
 *
 * <pre>{@code
 * CodeAnalysis analysis = JavaCodeAnalyzer.builder().build().analyze(Path.of("my-project"));
 * analysis.issues(IssueKind.STRING_CONCAT_IN_LOOP).forEach(System.out::println);
 * }</pre>
 */
public final class JavaCodeAnalyzer {

  /** Folders never entered: build output, tool caches, version control. */
  private static final Set<String> SKIPPED_FOLDERS =
      Set.of(
          ".git",
          "target",
          "build",
          "out",
          "node_modules",
          ".gradle",
          ".mvn",
          ".idea",
          ".beca",
          "bin");

  /** Files above this size are left out (generated code, not what a person maintains). */
  private static final long MAX_FILE_BYTES = 2L * 1024 * 1024;

  private final AnalysisThresholds thresholds;
  private final boolean includeTests;

  private JavaCodeAnalyzer(Builder builder) {
    this.thresholds = builder.thresholds;
    this.includeTests = builder.includeTests;
  }

  /**
   * A builder with the default thresholds, test code included.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The thresholds in use.
   *
   * @return the thresholds
   */
  public AnalysisThresholds thresholds() {
    return thresholds;
  }

  /**
   * Analyses every {@code .java} file below a folder, skipping build output ({@code target}, {@code
   * build}, {@code out}, {@code bin}), {@code .git} and tool folders, and files over 2 MiB.
   *
   * @param root the project folder
   * @return the analysis; files that do not parse are listed in {@link CodeAnalysis#problems()}
   * @throws IllegalArgumentException if the folder does not exist
   * @throws UncheckedIOException if the folder cannot be walked
   */
  public CodeAnalysis analyze(Path root) {
    Objects.requireNonNull(root, "root");
    if (!Files.isDirectory(root)) {
      throw new IllegalArgumentException(
          "cannot analyse " + root + ": not a folder; give the project's root folder");
    }
    List<Path> files = javaFiles(root);
    Collector collector = new Collector();
    JavaParser parser = JavaSyntax.parser();
    int parsed = 0;
    for (Path file : files) {
      String relative = root.relativize(file).toString().replace('\\', '/');
      if (!includeTests && Finding.isTestPath(relative)) {
        continue;
      }
      String source;
      try {
        source = Files.readString(file, StandardCharsets.UTF_8);
      } catch (MalformedInputException e) {
        source = readLatin1(file, relative, collector);
        if (source == null) {
          continue;
        }
      } catch (IOException e) {
        collector.problems.add(new ParseProblem(relative, "cannot read: " + e.getMessage()));
        continue;
      }
      if (analyzeInto(parser, relative, source, collector)) {
        parsed++;
      }
    }
    return collector.result(root, parsed);
  }

  /**
   * Analyses one source text (for a file that is not on disk, or a test).
   *
   * @param file the name to report, relative with {@code /} separators
   * @param source the Java source
   * @return the analysis of that one file, with root {@code .}
   */
  public CodeAnalysis analyzeSource(String file, String source) {
    Collector collector = new Collector();
    boolean ok = analyzeInto(JavaSyntax.parser(), file, source, collector);
    return collector.result(Path.of("."), ok ? 1 : 0);
  }

  private static String readLatin1(Path file, String relative, Collector collector) {
    try {
      return Files.readString(file, StandardCharsets.ISO_8859_1);
    } catch (IOException e) {
      collector.problems.add(new ParseProblem(relative, "cannot read: " + e.getMessage()));
      return null;
    }
  }

  private boolean analyzeInto(JavaParser parser, String file, String source, Collector collector) {
    String[] problem = new String[1];
    Optional<CompilationUnit> unit = JavaSyntax.parse(parser, source, problem);
    if (unit.isEmpty()) {
      collector.problems.add(new ParseProblem(file, problem[0]));
      return false;
    }
    IssueSink sink = new IssueSink(file, collector.issues);
    measure(unit.get(), file, collector, sink);
    new AntiPatterns(sink, source).scan(unit.get());
    return true;
  }

  private void measure(CompilationUnit unit, String file, Collector collector, IssueSink sink) {
    for (TypeDeclaration<?> type : unit.findAll(TypeDeclaration.class)) {
      if (type.getRange().isEmpty()) {
        continue;
      }
      int line = type.getBegin().get().line;
      int end = type.getEnd().get().line;
      int fields = type.getFields().stream().mapToInt(field -> field.getVariables().size()).sum();
      ClassMetrics metrics =
          new ClassMetrics(
              file,
              JavaSyntax.symbolOf(type),
              line,
              end,
              end - line + 1,
              type.getMethods().size(),
              fields);
      collector.classes.add(metrics);
      Node name = type.getName();
      sink.metric(
          IssueKind.CLASS_LENGTH,
          name,
          metrics.symbol(),
          "class",
          "lines",
          metrics.lines(),
          thresholds.classLines());
      sink.metric(
          IssueKind.CLASS_METHODS,
          name,
          metrics.symbol(),
          "class",
          "methods",
          metrics.methods(),
          thresholds.classMethods());
      sink.metric(
          IssueKind.CLASS_FIELDS,
          name,
          metrics.symbol(),
          "class",
          "fields",
          metrics.fields(),
          thresholds.classFields());
    }
    for (CallableDeclaration<?> callable : unit.findAll(CallableDeclaration.class)) {
      Optional<? extends Node> body = body(callable);
      if (body.isEmpty() || callable.getRange().isEmpty()) {
        continue;
      }
      int line = callable.getBegin().get().line;
      int end = callable.getEnd().get().line;
      MethodMetrics metrics =
          new MethodMetrics(
              file,
              JavaSyntax.symbolOf(callable),
              line,
              end,
              end - line + 1,
              complexity(callable, body.get()),
              callable.getParameters().size(),
              nesting(body.get(), 0));
      collector.methods.add(metrics);
      Node name = callable.getName();
      String what = callable.isConstructorDeclaration() ? "constructor" : "method";
      sink.metric(
          IssueKind.METHOD_COMPLEXITY,
          name,
          metrics.symbol(),
          what,
          "cyclomatic complexity",
          metrics.complexity(),
          thresholds.methodComplexity());
      sink.metric(
          IssueKind.METHOD_LENGTH,
          name,
          metrics.symbol(),
          what,
          "lines",
          metrics.lines(),
          thresholds.methodLines());
      sink.metric(
          IssueKind.METHOD_PARAMETERS,
          name,
          metrics.symbol(),
          what,
          "parameters",
          metrics.parameters(),
          thresholds.methodParameters());
      sink.metric(
          IssueKind.METHOD_NESTING,
          name,
          metrics.symbol(),
          what,
          "nesting depth",
          metrics.nesting(),
          thresholds.methodNesting());
    }
  }

  private static Optional<? extends Node> body(CallableDeclaration<?> callable) {
    if (callable instanceof MethodDeclaration method) {
      return method.getBody();
    }
    return Optional.of(((ConstructorDeclaration) callable).getBody());
  }

  /** 1 + decisions of the body, leaving out nested and anonymous classes (measured apart). */
  static int complexity(CallableDeclaration<?> callable, Node body) {
    int[] decisions = {1};
    walkOwn(
        body,
        node -> {
          if (node instanceof IfStmt
              || node instanceof ForStmt
              || node instanceof ForEachStmt
              || node instanceof WhileStmt
              || node instanceof DoStmt
              || node instanceof CatchClause
              || node instanceof ConditionalExpr) {
            decisions[0]++;
          } else if (node instanceof SwitchEntry entry) {
            decisions[0] += entry.getLabels().size();
          } else if (node instanceof BinaryExpr binary
              && (binary.getOperator() == BinaryExpr.Operator.AND
                  || binary.getOperator() == BinaryExpr.Operator.OR)) {
            decisions[0]++;
          }
        });
    return decisions[0];
  }

  private static int nesting(Node node, int depth) {
    int deepest = depth;
    for (Node child : node.getChildNodes()) {
      if (child instanceof TypeDeclaration<?> || isAnonymousBody(child)) {
        continue;
      }
      int childDepth = depth;
      if (nests(child)) {
        childDepth++;
      }
      deepest = Math.max(deepest, Math.max(childDepth, nesting(child, childDepth)));
    }
    return deepest;
  }

  private static boolean nests(Node node) {
    if (node instanceof IfStmt ifStmt) {
      Node parent = ifStmt.getParentNode().orElse(null);
      return !(parent instanceof IfStmt outer
          && outer.getElseStmt().map(e -> e == ifStmt).orElse(false));
    }
    return node instanceof ForStmt
        || node instanceof ForEachStmt
        || node instanceof WhileStmt
        || node instanceof DoStmt
        || node instanceof SwitchStmt
        || node instanceof TryStmt
        || node instanceof SynchronizedStmt;
  }

  private static boolean isAnonymousBody(Node node) {
    return node instanceof BodyDeclaration<?>
        && node.getParentNode().orElse(null) instanceof ObjectCreationExpr;
  }

  private static void walkOwn(Node node, Consumer<Node> action) {
    for (Node child : node.getChildNodes()) {
      if (child instanceof TypeDeclaration<?> || isAnonymousBody(child)) {
        continue;
      }
      action.accept(child);
      walkOwn(child, action);
    }
  }

  private static List<Path> javaFiles(Path root) {
    List<Path> files = new ArrayList<>();
    try {
      Files.walkFileTree(
          root,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
              Path name = dir.getFileName();
              if (!dir.equals(root) && name != null && SKIPPED_FOLDERS.contains(name.toString())) {
                return FileVisitResult.SKIP_SUBTREE;
              }
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
              if (attrs.isRegularFile()
                  && file.getFileName().toString().endsWith(".java")
                  && attrs.size() <= MAX_FILE_BYTES) {
                files.add(file);
              }
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      throw new UncheckedIOException("cannot walk " + root + ": " + e.getMessage(), e);
    }
    files.sort(Comparator.naturalOrder());
    return files;
  }

  /** Results gathered over all files. */
  private static final class Collector {
    final List<ClassMetrics> classes = new ArrayList<>();
    final List<MethodMetrics> methods = new ArrayList<>();
    final List<CodeIssue> issues = new ArrayList<>();
    final List<ParseProblem> problems = new ArrayList<>();

    CodeAnalysis result(Path root, int files) {
      issues.sort(
          Comparator.comparing(CodeIssue::file)
              .thenComparingInt(CodeIssue::line)
              .thenComparingInt(CodeIssue::column)
              .thenComparing(CodeIssue::kind));
      return new CodeAnalysis(root, files, classes, methods, issues, problems);
    }
  }

  /** Turns nodes into issues of one file. */
  static final class IssueSink {
    private final String file;
    private final List<CodeIssue> issues;

    IssueSink(String file, List<CodeIssue> issues) {
      this.file = file;
      this.issues = issues;
    }

    void metric(
        IssueKind kind,
        Node at,
        String symbol,
        String what,
        String metric,
        int value,
        int threshold) {
      if (value <= threshold) {
        return;
      }
      Severity severity = value >= 2 * threshold ? Severity.HIGH : Severity.MEDIUM;
      add(
          kind,
          severity,
          at,
          symbol,
          what + " " + symbol + " has " + metric + " " + value + " (threshold " + threshold + ")",
          value,
          threshold);
    }

    void shape(IssueKind kind, Node at, String message) {
      add(kind, kind.fixedSeverity(), at, JavaSyntax.symbolOf(at), message, 0, 0);
    }

    private void add(
        IssueKind kind,
        Severity severity,
        Node at,
        String symbol,
        String message,
        int value,
        int threshold) {
      if (at.getRange().isEmpty()) {
        return;
      }
      var range = at.getRange().get();
      issues.add(
          new CodeIssue(
              kind,
              severity,
              file,
              range.begin.line,
              range.begin.column,
              range.end.line,
              range.end.column,
              symbol,
              message,
              value,
              threshold));
    }
  }

  /** Builds a {@link JavaCodeAnalyzer}. */
  public static final class Builder {
    private AnalysisThresholds thresholds = AnalysisThresholds.defaults();
    private boolean includeTests = true;

    private Builder() {}

    /**
     * Sets the thresholds of the metric issues.
     *
     * @param thresholds the thresholds
     * @return this builder
     */
    public Builder thresholds(AnalysisThresholds thresholds) {
      this.thresholds = Objects.requireNonNull(thresholds, "thresholds");
      return this;
    }

    /**
     * Whether test code (see {@link CodeIssue#inTests()}) is analysed; it is by default.
     *
     * @param includeTests whether to analyse tests
     * @return this builder
     */
    public Builder includeTests(boolean includeTests) {
      this.includeTests = includeTests;
      return this;
    }

    /**
     * Builds the analyzer.
     *
     * @return the analyzer
     */
    public JavaCodeAnalyzer build() {
      return new JavaCodeAnalyzer(this);
    }
  }
}
