package dev.beca.selfimprove.recipes;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.body.CallableDeclaration;
import dev.beca.core.quality.Severity;
import dev.beca.selfimprove.analysis.CodeAnalysis;
import dev.beca.selfimprove.analysis.CodeIssue;
import dev.beca.selfimprove.analysis.IssueKind;
import dev.beca.selfimprove.analysis.internal.JavaSyntax;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;

/**
 * The proposer that needs no model: deterministic recipes turn the issues of a {@link CodeAnalysis}
 * into unified diffs, each behaviour-preserving by construction (a recipe that cannot prove a shape
 * safe from the syntax tree proposes nothing for it), ordered by expected impact and risk.
 *
 * <pre>{@code
 * CodeAnalysis analysis = JavaCodeAnalyzer.builder().build().analyze(project);
 * List<RecipeChange> changes = RecipeProposer.builder().build().propose(project, analysis);
 * }</pre>
 *
 * <p>Each change is computed against the file as it is on disk, independently of the others: two
 * changes in one file may overlap, so apply them one at a time and re-analyse. Issues in test code
 * are left alone unless {@link Builder#includeTests(boolean)} says otherwise.
 */
public final class RecipeProposer {

  private final Set<RecipeKind> enabled;
  private final boolean includeTests;
  private final List<Recipe> recipes;

  private RecipeProposer(Builder builder) {
    this.enabled = EnumSet.copyOf(builder.enabled);
    this.includeTests = builder.includeTests;
    this.recipes =
        List.of(
            new StringBuilderRecipe(),
            new SingleMapLookupRecipe(),
            new PatternConstantRecipe(),
            new HoistFromLoopRecipe(),
            new RemoveUnusedFieldRecipe(),
            new RemoveUnusedImportRecipe(),
            new IsEmptyRecipe(),
            new UnboxDirectlyRecipe(),
            new ReturnConditionRecipe());
  }

  /**
   * A builder with every recipe enabled, test code left alone.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Proposes changes for the issues of an analysis, without coverage.
   *
   * @param project the analysed folder (the files are read from it)
   * @param analysis its analysis
   * @return the changes, highest priority first
   */
  public List<RecipeChange> propose(Path project, CodeAnalysis analysis) {
    return propose(project, analysis, Map.of());
  }

  /**
   * Proposes changes for the issues of an analysis, taking coverage into the risk.
   *
   * @param project the analysed folder (the files are read from it)
   * @param analysis its analysis
   * @param coveredLines covered 1-based line numbers per file (paths absolute, or relative to the
   *     project); empty when unknown
   * @return the changes, highest priority first
   * @throws UncheckedIOException if a file of the analysis cannot be read
   */
  public List<RecipeChange> propose(
      Path project, CodeAnalysis analysis, Map<Path, Set<Integer>> coveredLines) {
    Objects.requireNonNull(project, "project");
    Objects.requireNonNull(analysis, "analysis");
    Objects.requireNonNull(coveredLines, "coveredLines");
    Map<Path, Set<Integer>> coverage = new HashMap<>();
    coveredLines.forEach(
        (path, lines) -> coverage.put(project.resolve(path).toAbsolutePath().normalize(), lines));
    Map<String, List<CodeIssue>> byFile = new LinkedHashMap<>();
    for (CodeIssue issue : analysis.issues()) {
      if ((includeTests || !issue.inTests()) && recipeFor(issue.kind()).isPresent()) {
        byFile.computeIfAbsent(issue.file(), f -> new ArrayList<>()).add(issue);
      }
    }
    JavaParser parser = JavaSyntax.parser();
    List<RecipeChange> changes = new ArrayList<>();
    for (Map.Entry<String, List<CodeIssue>> entry : byFile.entrySet()) {
      Path file = project.resolve(entry.getKey());
      String source;
      try {
        source = Files.readString(file, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(
            "cannot read " + file + " to propose changes; analyse the project again", e);
      }
      Optional<CompilationUnit> unit = JavaSyntax.parse(parser, source, new String[1]);
      if (unit.isEmpty()) {
        continue;
      }
      SourceText text = new SourceText(source);
      Set<Integer> executable = executableLines(unit.get());
      Set<Integer> covered = coverage.get(file.toAbsolutePath().normalize());
      for (CodeIssue issue : entry.getValue()) {
        proposeOne(parser, unit.get(), text, issue, executable, covered, coverage.isEmpty())
            .ifPresent(changes::add);
      }
    }
    changes.sort(
        Comparator.comparingDouble(RecipeChange::priority)
            .reversed()
            .thenComparing(c -> c.finding().file())
            .thenComparingInt(c -> c.finding().line()));
    return changes;
  }

  private Optional<RecipeChange> proposeOne(
      JavaParser parser,
      CompilationUnit unit,
      SourceText text,
      CodeIssue issue,
      Set<Integer> executable,
      Set<Integer> covered,
      boolean noCoverage) {
    Recipe recipe = recipeFor(issue.kind()).orElseThrow();
    Optional<Recipe.Rewrite> rewrite;
    try {
      rewrite = recipe.rewrite(unit, text, issue);
    } catch (RuntimeException e) {
      // A shape the recipe did not foresee: no proposal rather than a wrong one.
      return Optional.empty();
    }
    if (rewrite.isEmpty() || rewrite.get().edits().isEmpty()) {
      return Optional.empty();
    }
    String after = text.apply(rewrite.get().edits());
    if (after.equals(text.text()) || JavaSyntax.parse(parser, after, new String[1]).isEmpty()) {
      return Optional.empty();
    }
    SortedSet<Integer> touched = UnifiedDiffs.touchedOldLines(text.text(), after);
    int executableTouched = (int) touched.stream().filter(executable::contains).count();
    int coveredTouched =
        noCoverage
            ? -1
            : covered == null
                ? 0
                : (int)
                    touched.stream().filter(executable::contains).filter(covered::contains).count();
    ChangeRisk risk =
        ChangeRisk.of(
            UnifiedDiffs.changedLines(text.text(), after), 1, executableTouched, coveredTouched);
    return Optional.of(
        new RecipeChange(
            recipe.kind(),
            rewrite.get().description(),
            issue,
            UnifiedDiffs.of(issue.file(), text.text(), after),
            List.of(issue.file()),
            risk,
            priority(issue, risk)));
  }

  /**
   * Expected impact divided by risk: the severity's weight (high 3, medium 2, low 1) times one plus
   * the metric's excess, times 1.5 for performance issues, divided by one plus a fifth of the
   * change's weighted lines ({@link ChangeRisk#weightedLines()}).
   *
   * @param issue the fixed issue
   * @param risk the change's risk
   * @return the priority, higher first
   */
  public static double priority(CodeIssue issue, ChangeRisk risk) {
    double severity =
        issue.severity() == Severity.HIGH ? 3 : issue.severity() == Severity.MEDIUM ? 2 : 1;
    double category = issue.kind().category() == IssueKind.Category.PERFORMANCE ? 1.5 : 1;
    double impact = severity * (1 + issue.excess()) * category;
    return impact / (1 + risk.weightedLines() / 5);
  }

  private Optional<Recipe> recipeFor(IssueKind kind) {
    return recipes.stream()
        .filter(recipe -> enabled.contains(recipe.kind()) && recipe.fixes().contains(kind))
        .findFirst();
  }

  /** Lines inside method, constructor and initializer bodies: the lines tests can cover. */
  private static Set<Integer> executableLines(CompilationUnit unit) {
    Set<Integer> lines = new java.util.HashSet<>();
    for (CallableDeclaration<?> callable : unit.findAll(CallableDeclaration.class)) {
      callable
          .getRange()
          .ifPresent(
              range -> {
                for (int line = range.begin.line; line <= range.end.line; line++) {
                  lines.add(line);
                }
              });
    }
    return lines;
  }

  /** Builds a {@link RecipeProposer}. */
  public static final class Builder {
    private Set<RecipeKind> enabled = EnumSet.allOf(RecipeKind.class);
    private boolean includeTests;

    private Builder() {}

    /**
     * Enables only these recipes.
     *
     * @param recipes the recipes to run; not empty
     * @return this builder
     */
    public Builder recipes(Set<RecipeKind> recipes) {
      if (recipes == null || recipes.isEmpty()) {
        throw new IllegalArgumentException("recipes must name at least one RecipeKind");
      }
      this.enabled = EnumSet.copyOf(recipes);
      return this;
    }

    /**
     * Whether issues in test code get proposals too; they do not by default.
     *
     * @param includeTests whether to change tests
     * @return this builder
     */
    public Builder includeTests(boolean includeTests) {
      this.includeTests = includeTests;
      return this;
    }

    /**
     * Builds the proposer.
     *
     * @return the proposer
     */
    public RecipeProposer build() {
      return new RecipeProposer(this);
    }
  }
}
