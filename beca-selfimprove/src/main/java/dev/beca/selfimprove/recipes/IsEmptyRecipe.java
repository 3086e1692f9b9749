package dev.beca.selfimprove.recipes;

import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.IntegerLiteralExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import dev.beca.selfimprove.analysis.CodeIssue;
import dev.beca.selfimprove.analysis.IssueKind;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code c.size() == 0} becomes {@code c.isEmpty()}, {@code c.size() != 0}, {@code > 0} and {@code
 * 0 <} become {@code !c.isEmpty()} (the analysis only reports receivers known to be a JDK
 * collection, map or, for {@code length()}, a {@code String}).
 */
final class IsEmptyRecipe implements Recipe {

  @Override
  public RecipeKind kind() {
    return RecipeKind.IS_EMPTY;
  }

  @Override
  public Set<IssueKind> fixes() {
    return Set.of(IssueKind.SIZE_COMPARED_WITH_ZERO);
  }

  @Override
  public Optional<Rewrite> rewrite(CompilationUnit unit, SourceText text, CodeIssue issue) {
    BinaryExpr binary = Recipe.locate(unit, BinaryExpr.class, issue).orElse(null);
    if (binary == null) {
      return Optional.empty();
    }
    boolean zeroLeft = isZero(binary.getLeft());
    Expression sizeSide = zeroLeft ? binary.getRight() : binary.getLeft();
    if (!(sizeSide instanceof MethodCallExpr size) || size.getScope().isEmpty()) {
      return Optional.empty();
    }
    boolean empty;
    switch (binary.getOperator()) {
      case EQUALS -> empty = true;
      case NOT_EQUALS -> empty = false;
      case GREATER -> {
        if (zeroLeft) {
          return Optional.empty();
        }
        empty = false;
      }
      case LESS -> {
        if (!zeroLeft) {
          return Optional.empty();
        }
        empty = false;
      }
      default -> {
        return Optional.empty();
      }
    }
    Expression scope = size.getScope().get();
    String receiver = Shapes.isPrimary(scope) ? text.of(scope) : "(" + text.of(scope) + ")";
    String replacement = (empty ? "" : "!") + receiver + ".isEmpty()";
    return Optional.of(
        new Rewrite(
            List.of(new TextEdit(text.begin(binary), text.end(binary), replacement)),
            "Ask isEmpty() instead of comparing " + size.getNameAsString() + "() with 0."));
  }

  private static boolean isZero(Expression expression) {
    return expression instanceof IntegerLiteralExpr literal && literal.getValue().equals("0");
  }
}
