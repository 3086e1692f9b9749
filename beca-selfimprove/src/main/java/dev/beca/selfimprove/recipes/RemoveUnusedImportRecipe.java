package dev.beca.selfimprove.recipes;

import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.ImportDeclaration;
import dev.beca.selfimprove.analysis.CodeIssue;
import dev.beca.selfimprove.analysis.IssueKind;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Removes the line of an import whose simple name occurs nowhere else in the file, comments and
 * strings included (so a name only used in a {@code {@link}} keeps its import). Only when the
 * import is alone on its line.
 */
final class RemoveUnusedImportRecipe implements Recipe {

  @Override
  public RecipeKind kind() {
    return RecipeKind.REMOVE_UNUSED_IMPORT;
  }

  @Override
  public Set<IssueKind> fixes() {
    return Set.of(IssueKind.UNUSED_IMPORT);
  }

  @Override
  public Optional<Rewrite> rewrite(CompilationUnit unit, SourceText text, CodeIssue issue) {
    ImportDeclaration declaration =
        Recipe.locate(unit, ImportDeclaration.class, issue).orElse(null);
    if (declaration == null
        || declaration.isAsterisk()
        || Shapes.occurrences(text.text(), declaration.getName().getIdentifier()) != 1
        || !text.onlyWhitespaceBefore(text.begin(declaration))
        || !text.onlyWhitespaceAfter(text.end(declaration))) {
      return Optional.empty();
    }
    int start = text.lineStart(issue.line());
    int end = text.lineEndWithBreak(issue.endLine());
    return Optional.of(
        new Rewrite(
            List.of(new TextEdit(start, end, "")),
            "Remove the unused import " + declaration.getNameAsString() + "."));
  }
}
