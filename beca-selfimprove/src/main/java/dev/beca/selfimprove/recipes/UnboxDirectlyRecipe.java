package dev.beca.selfimprove.recipes;

import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.IntegerLiteralExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.StringLiteralExpr;
import com.github.javaparser.ast.type.Type;
import dev.beca.selfimprove.analysis.CodeIssue;
import dev.beca.selfimprove.analysis.IssueKind;
import dev.beca.selfimprove.analysis.internal.JavaSyntax;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code Integer.valueOf(x).intValue()} (or {@code new Integer(x).intValue()}) becomes {@code x}
 * when {@code x} is declared {@code int} (the same primitive: a {@code char} would change which
 * overload the result picks), and {@code Integer.parseInt(s)} when {@code s} is a {@code String} or
 * a string literal; the same for {@code Long}, {@code Double}, {@code Float}, {@code Short}, {@code
 * Byte} and {@code Boolean}. Any other argument is left alone.
 */
final class UnboxDirectlyRecipe implements Recipe {

  /** Box type to its primitive and its parse method. */
  private static final Map<String, String[]> BOXES =
      Map.of(
          "Integer", new String[] {"int", "parseInt", "intValue"},
          "Long", new String[] {"long", "parseLong", "longValue"},
          "Double", new String[] {"double", "parseDouble", "doubleValue"},
          "Float", new String[] {"float", "parseFloat", "floatValue"},
          "Short", new String[] {"short", "parseShort", "shortValue"},
          "Byte", new String[] {"byte", "parseByte", "byteValue"},
          "Boolean", new String[] {"boolean", "parseBoolean", "booleanValue"});

  @Override
  public RecipeKind kind() {
    return RecipeKind.UNBOX_DIRECTLY;
  }

  @Override
  public Set<IssueKind> fixes() {
    return Set.of(IssueKind.REDUNDANT_BOXING);
  }

  @Override
  public Optional<Rewrite> rewrite(CompilationUnit unit, SourceText text, CodeIssue issue) {
    MethodCallExpr unboxing = Recipe.locate(unit, MethodCallExpr.class, issue).orElse(null);
    if (unboxing == null || unboxing.getScope().isEmpty()) {
      return Optional.empty();
    }
    Expression boxing = unboxing.getScope().get();
    String box;
    Expression argument;
    if (boxing instanceof MethodCallExpr valueOf
        && valueOf.getArguments().size() == 1
        && valueOf.getScope().orElse(null) instanceof NameExpr type) {
      box = type.getNameAsString();
      argument = valueOf.getArgument(0);
    } else if (boxing instanceof ObjectCreationExpr creation
        && creation.getArguments().size() == 1) {
      box = creation.getType().getNameAsString();
      argument = creation.getArgument(0);
    } else {
      return Optional.empty();
    }
    String[] facts = BOXES.get(box);
    if (facts == null || !unboxing.getNameAsString().equals(facts[2])) {
      return Optional.empty();
    }
    String replacement;
    if (argument instanceof StringLiteralExpr || isDeclared(argument, "String")) {
      replacement = box + "." + facts[1] + "(" + text.of(argument) + ")";
    } else if (isDeclared(argument, facts[0])
        || box.equals("Integer") && argument instanceof IntegerLiteralExpr) {
      replacement = text.of(argument);
    } else {
      return Optional.empty();
    }
    return Optional.of(
        new Rewrite(
            List.of(new TextEdit(text.begin(unboxing), text.end(unboxing), replacement)),
            "Use the "
                + facts[0]
                + " directly instead of boxing it into "
                + box
                + " and unboxing it again."));
  }

  private static boolean isDeclared(Expression argument, String typeName) {
    Optional<Type> type = JavaSyntax.declaredType(argument);
    return type.isPresent() && type.get().asString().equals(typeName);
  }
}
