package dev.beca.selfimprove.recipes;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.expr.ArrayAccessExpr;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.CastExpr;
import com.github.javaparser.ast.expr.EnclosedExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.LiteralExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.NullLiteralExpr;
import com.github.javaparser.ast.expr.ThisExpr;
import com.github.javaparser.ast.expr.UnaryExpr;
import com.github.javaparser.ast.type.Type;
import dev.beca.selfimprove.analysis.internal.JavaSyntax;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Small safety questions the recipes share. */
final class Shapes {

  private static final Pattern IDENTIFIER = Pattern.compile("[\\p{L}_$][\\p{L}\\p{N}_$]*");

  private Shapes() {}

  /** How often an identifier occurs as a word in a text (comments and strings included). */
  static int occurrences(String text, String identifier) {
    int count = 0;
    Matcher matcher = IDENTIFIER.matcher(text);
    while (matcher.find()) {
      if (matcher.group().equals(identifier)) {
        count++;
      }
    }
    return count;
  }

  /** An expression that needs no parentheses as an operand or a call's receiver. */
  static boolean isPrimary(Expression expression) {
    return expression instanceof NameExpr
        || expression instanceof LiteralExpr
        || expression instanceof MethodCallExpr
        || expression instanceof FieldAccessExpr
        || expression instanceof EnclosedExpr
        || expression instanceof ArrayAccessExpr
        || expression instanceof ThisExpr;
  }

  /** A name, a literal or a field access on names: evaluating it twice or once is the same. */
  static boolean isPure(Expression expression) {
    if (expression instanceof NameExpr
        || expression instanceof LiteralExpr
        || expression instanceof ThisExpr) {
      return true;
    }
    return expression instanceof FieldAccessExpr field && isPure(field.getScope());
  }

  /** Whether the expression might be a {@code char[]} (which {@code append} treats differently). */
  static boolean maybeCharArray(Expression expression) {
    if (expression instanceof NullLiteralExpr) {
      return true;
    }
    if (expression instanceof LiteralExpr || expression instanceof BinaryExpr) {
      return false;
    }
    if (expression instanceof UnaryExpr unary) {
      return unary.getOperator() != UnaryExpr.Operator.LOGICAL_COMPLEMENT
          && unary.getOperator() != UnaryExpr.Operator.MINUS
          && unary.getOperator() != UnaryExpr.Operator.PLUS
          && unary.getOperator() != UnaryExpr.Operator.BITWISE_COMPLEMENT;
    }
    if (expression instanceof EnclosedExpr enclosed) {
      return maybeCharArray(enclosed.getInner());
    }
    if (expression instanceof CastExpr cast) {
      return cast.getType().isArrayType();
    }
    if (expression instanceof NameExpr) {
      return JavaSyntax.declaredType(expression).map(Type::isArrayType).orElse(true);
    }
    if (expression instanceof ArrayAccessExpr access) {
      Optional<Type> array = JavaSyntax.declaredType(access.getName());
      return array
          .map(t -> !t.isArrayType() || t.asArrayType().getComponentType().isArrayType())
          .orElse(true);
    }
    if (expression instanceof MethodCallExpr call) {
      if (call.getNameAsString().equals("toCharArray")) {
        return true;
      }
      Node root = call.findRootNode();
      return root.findAll(com.github.javaparser.ast.body.MethodDeclaration.class).stream()
          .anyMatch(
              m -> m.getNameAsString().equals(call.getNameAsString()) && m.getType().isArrayType());
    }
    return true;
  }

  /** Whether a node lies within another (by range). */
  static boolean within(Node inner, Node outer) {
    return inner.getRange().isPresent()
        && outer.getRange().isPresent()
        && outer.getRange().get().contains(inner.getRange().get());
  }

  /** {@code UPPER_SNAKE} of a camelCase name. */
  static String upperSnake(String camel) {
    return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toUpperCase(java.util.Locale.ROOT);
  }
}
