package dev.beca.selfimprove.recipes;

import dev.beca.selfimprove.analysis.CodeIssue;
import java.util.List;
import java.util.Objects;

/**
 * One proposed edit of a deterministic recipe, as a unified diff {@code git apply} takes.
 *
 * @param recipe the recipe that wrote it
 * @param description what the change does and why, in one or two sentences
 * @param finding the issue it fixes
 * @param diff the unified diff ({@code diff --git a/F b/F}, {@code ---}, {@code +++}, hunks with
 *     three lines of context), paths relative to the analysed root
 * @param files the files it edits, relative with {@code /} separators
 * @param risk how risky it is to apply
 * @param priority expected impact divided by risk; higher first (see {@link
 *     RecipeProposer#priority(CodeIssue, ChangeRisk)})
 */
public record RecipeChange(
    RecipeKind recipe,
    String description,
    CodeIssue finding,
    String diff,
    List<String> files,
    ChangeRisk risk,
    double priority) {

  /** Checks and copies the components. */
  public RecipeChange {
    Objects.requireNonNull(recipe, "recipe");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(finding, "finding");
    Objects.requireNonNull(diff, "diff");
    Objects.requireNonNull(risk, "risk");
    files = List.copyOf(files);
    if (diff.isEmpty() || files.isEmpty()) {
      throw new IllegalArgumentException("a change needs a diff and at least one file");
    }
  }
}
