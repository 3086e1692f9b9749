package dev.beca.selfimprove.recipes;

import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.Node;
import dev.beca.selfimprove.analysis.CodeIssue;
import dev.beca.selfimprove.analysis.IssueKind;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** One rewrite: from an issue on a parsed file to text edits, or nothing when not provably safe. */
interface Recipe {

  RecipeKind kind();

  Set<IssueKind> fixes();

  Optional<Rewrite> rewrite(CompilationUnit unit, SourceText text, CodeIssue issue);

  /**
   * The edits and the description of one rewrite.
   *
   * @param edits non-overlapping text edits of the file
   * @param description what the change does
   */
  record Rewrite(List<TextEdit> edits, String description) {}

  /** The node of a type whose range is exactly the issue's range. */
  static <T extends Node> Optional<T> locate(CompilationUnit unit, Class<T> type, CodeIssue issue) {
    return unit.findFirst(
        type,
        node ->
            node.getRange()
                .map(
                    range ->
                        range.begin.line == issue.line()
                            && range.begin.column == issue.column()
                            && range.end.line == issue.endLine()
                            && range.end.column == issue.endColumn())
                .orElse(false));
  }
}
