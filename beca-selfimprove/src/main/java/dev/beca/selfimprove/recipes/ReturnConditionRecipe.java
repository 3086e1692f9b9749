package dev.beca.selfimprove.recipes;

import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.expr.EnclosedExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.LambdaExpr;
import com.github.javaparser.ast.expr.UnaryExpr;
import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.ast.stmt.IfStmt;
import com.github.javaparser.ast.stmt.ReturnStmt;
import com.github.javaparser.ast.stmt.Statement;
import com.github.javaparser.ast.type.PrimitiveType;
import dev.beca.selfimprove.analysis.CodeIssue;
import dev.beca.selfimprove.analysis.IssueKind;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code if (c) return true; else return false;} (or without the {@code else}, followed by {@code
 * return false;}) becomes {@code return c;} ({@code return !c;} the other way round). Only in a
 * method returning primitive {@code boolean} (a {@code Boolean} method would return a null {@code
 * Boolean} condition where the {@code if} threw), and only when no comment would be lost.
 */
final class ReturnConditionRecipe implements Recipe {

  @Override
  public RecipeKind kind() {
    return RecipeKind.RETURN_CONDITION;
  }

  @Override
  public Set<IssueKind> fixes() {
    return Set.of(IssueKind.BOOLEAN_RETURN_IF);
  }

  @Override
  public Optional<Rewrite> rewrite(CompilationUnit unit, SourceText text, CodeIssue issue) {
    IfStmt ifStmt = Recipe.locate(unit, IfStmt.class, issue).orElse(null);
    if (ifStmt == null || !returnsPrimitiveBoolean(ifStmt)) {
      return Optional.empty();
    }
    Optional<Boolean> then = returned(ifStmt.getThenStmt());
    Node last;
    Optional<Boolean> otherwise;
    if (ifStmt.getElseStmt().isPresent()) {
      last = ifStmt;
      otherwise = returned(ifStmt.getElseStmt().get());
    } else {
      Optional<Statement> next = next(ifStmt);
      if (next.isEmpty()) {
        return Optional.empty();
      }
      last = next.get();
      otherwise = returned(next.get());
    }
    if (then.isEmpty() || otherwise.isEmpty() || then.get().equals(otherwise.get())) {
      return Optional.empty();
    }
    Expression condition = ifStmt.getCondition();
    int start = text.begin(ifStmt);
    int end = text.end(last);
    String replaced = text.text().substring(start, end);
    String conditionText = text.of(condition);
    String outside = replaced.replace(conditionText, "");
    if (outside.contains("//") || outside.contains("/*")) {
      return Optional.empty();
    }
    String returned = then.get() ? conditionText : negate(condition, conditionText, text);
    return Optional.of(
        new Rewrite(
            List.of(new TextEdit(start, end, "return " + returned + ";")),
            "Return the condition itself instead of branching to return true or false."));
  }

  private static String negate(Expression condition, String conditionText, SourceText text) {
    if (condition instanceof UnaryExpr unary
        && unary.getOperator() == UnaryExpr.Operator.LOGICAL_COMPLEMENT) {
      Expression inner = unary.getExpression();
      return inner instanceof EnclosedExpr enclosed ? text.of(enclosed.getInner()) : text.of(inner);
    }
    return Shapes.isPrimary(condition) ? "!" + conditionText : "!(" + conditionText + ")";
  }

  private static boolean returnsPrimitiveBoolean(IfStmt ifStmt) {
    Node parent = ifStmt.getParentNode().orElse(null);
    while (parent != null) {
      if (parent instanceof LambdaExpr) {
        return false;
      }
      if (parent instanceof MethodDeclaration method) {
        return method.getType() instanceof PrimitiveType primitive
            && primitive.getType() == PrimitiveType.Primitive.BOOLEAN;
      }
      parent = parent.getParentNode().orElse(null);
    }
    return false;
  }

  private static Optional<Boolean> returned(Statement statement) {
    Statement single = statement;
    if (statement instanceof BlockStmt block) {
      if (block.getStatements().size() != 1) {
        return Optional.empty();
      }
      single = block.getStatement(0);
    }
    if (single instanceof ReturnStmt ret
        && ret.getExpression().isPresent()
        && ret.getExpression().get().isBooleanLiteralExpr()) {
      return Optional.of(ret.getExpression().get().asBooleanLiteralExpr().getValue());
    }
    return Optional.empty();
  }

  private static Optional<Statement> next(Statement statement) {
    if (statement.getParentNode().orElse(null) instanceof BlockStmt block) {
      int index = block.getStatements().indexOf(statement);
      if (index >= 0 && index + 1 < block.getStatements().size()) {
        return Optional.of(block.getStatement(index + 1));
      }
    }
    return Optional.empty();
  }
}
