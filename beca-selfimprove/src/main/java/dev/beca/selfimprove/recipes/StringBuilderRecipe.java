package dev.beca.selfimprove.recipes;

import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.StringLiteralExpr;
import com.github.javaparser.ast.expr.TextBlockLiteralExpr;
import com.github.javaparser.ast.expr.UnaryExpr;
import com.github.javaparser.ast.expr.VariableDeclarationExpr;
import com.github.javaparser.ast.stmt.ExpressionStmt;
import com.github.javaparser.ast.stmt.SynchronizedStmt;
import dev.beca.selfimprove.analysis.CodeIssue;
import dev.beca.selfimprove.analysis.IssueKind;
import dev.beca.selfimprove.analysis.internal.JavaSyntax;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A local {@code String s} built with {@code s += x} (or {@code s = s + x + y}) in a loop becomes a
 * {@code StringBuilder s}: each such statement an {@code s.append(x)} chain, every other read of
 * {@code s} an {@code s.toString()}.
 *
 * <p>Only the shape that is provably the same: {@code s} is a local variable declared {@code
 * String} alone in its declaration, the only variable of that name in the method, initialised with
 * a literal or a concatenation (never null: {@code new StringBuilder(null)} would throw); every
 * write is a statement {@code s += x} or {@code s = s + ...} whose appended parts do not read
 * {@code s}, are not {@code null} and cannot be a {@code char[]} ({@code append(char[])} appends
 * the characters where concatenation appends {@code [C@...}); no read is inside a loop (it would
 * copy the builder at each pass), compares identity ({@code ==}) or locks on it.
 */
final class StringBuilderRecipe implements Recipe {

  @Override
  public RecipeKind kind() {
    return RecipeKind.STRING_BUILDER;
  }

  @Override
  public Set<IssueKind> fixes() {
    return Set.of(IssueKind.STRING_CONCAT_IN_LOOP);
  }

  @Override
  public Optional<Rewrite> rewrite(CompilationUnit unit, SourceText text, CodeIssue issue) {
    AssignExpr found = Recipe.locate(unit, AssignExpr.class, issue).orElse(null);
    if (found == null || !(found.getTarget() instanceof NameExpr target)) {
      return Optional.empty();
    }
    String name = target.getNameAsString();
    CallableDeclaration<?> callable = found.findAncestor(CallableDeclaration.class).orElse(null);
    if (callable == null) {
      return Optional.empty();
    }
    VariableDeclarator declarator = onlyLocal(callable, name).orElse(null);
    if (declarator == null
        || !declarator.getType().asString().equals("String")
        || !(declarator.getParentNode().orElse(null) instanceof VariableDeclarationExpr declaration)
        || declaration.getVariables().size() != 1
        || !(declaration.getParentNode().orElse(null) instanceof ExpressionStmt)
        || declarator.getInitializer().isEmpty()
        || !neverNull(declarator.getInitializer().get())) {
      return Optional.empty();
    }
    List<TextEdit> edits = new ArrayList<>();
    Expression initializer = declarator.getInitializer().get();
    edits.add(
        new TextEdit(
            text.begin(declarator.getType()), text.end(declarator.getType()), "StringBuilder"));
    String init = text.of(initializer);
    edits.add(
        new TextEdit(
            text.begin(initializer),
            text.end(initializer),
            init.equals("\"\"") ? "new StringBuilder()" : "new StringBuilder(" + init + ")"));
    boolean appendsInLoop = false;
    for (NameExpr use : callable.findAll(NameExpr.class)) {
      if (!use.getNameAsString().equals(name)) {
        continue;
      }
      Node parent = use.getParentNode().orElse(null);
      if (parent instanceof AssignExpr assign && assign.getTarget() == use) {
        Optional<List<Expression>> parts = appendedParts(assign, name);
        if (parts.isEmpty() || !(assign.getParentNode().orElse(null) instanceof ExpressionStmt)) {
          return Optional.empty();
        }
        StringBuilder chain = new StringBuilder(name);
        for (Expression part : parts.get()) {
          chain.append(".append(").append(text.of(part)).append(')');
        }
        edits.add(new TextEdit(text.begin(assign), text.end(assign), chain.toString()));
        appendsInLoop |= JavaSyntax.enclosingLoop(assign).isPresent();
      } else if (isInsideAppendedPart(use, name)) {
        continue; // rewritten with its statement
      } else {
        if (JavaSyntax.enclosingLoop(use).isPresent()
            || parent instanceof UnaryExpr
            || parent instanceof SynchronizedStmt
            || parent instanceof BinaryExpr binary
                && (binary.getOperator() == BinaryExpr.Operator.EQUALS
                    || binary.getOperator() == BinaryExpr.Operator.NOT_EQUALS)) {
          return Optional.empty();
        }
        edits.add(new TextEdit(text.begin(use), text.end(use), name + ".toString()"));
      }
    }
    if (!appendsInLoop) {
      return Optional.empty();
    }
    return Optional.of(
        new Rewrite(
            edits,
            "Build "
                + name
                + " in a StringBuilder instead of copying the whole String at each pass of the"
                + " loop."));
  }

  /** The one declaration of the name in the method, if it is a local variable. */
  private static Optional<VariableDeclarator> onlyLocal(
      CallableDeclaration<?> callable, String name) {
    if (callable.findAll(Parameter.class).stream()
        .anyMatch(p -> p.getNameAsString().equals(name))) {
      return Optional.empty();
    }
    List<VariableDeclarator> declarations =
        callable.findAll(VariableDeclarator.class).stream()
            .filter(v -> v.getNameAsString().equals(name))
            .toList();
    return declarations.size() == 1 ? Optional.of(declarations.get(0)) : Optional.empty();
  }

  private static boolean neverNull(Expression initializer) {
    return initializer instanceof StringLiteralExpr
        || initializer instanceof TextBlockLiteralExpr
        || initializer instanceof BinaryExpr binary
            && binary.getOperator() == BinaryExpr.Operator.PLUS;
  }

  /** {@code [x]} for {@code s += x}, {@code [a, b]} for {@code s = s + a + b}; empty otherwise. */
  private static Optional<List<Expression>> appendedParts(AssignExpr assign, String name) {
    List<Expression> parts = new ArrayList<>();
    if (assign.getOperator() == AssignExpr.Operator.PLUS) {
      parts.add(assign.getValue());
    } else if (assign.getOperator() == AssignExpr.Operator.ASSIGN
        && assign.getValue() instanceof BinaryExpr binary
        && binary.getOperator() == BinaryExpr.Operator.PLUS) {
      Expression left = binary;
      List<Expression> reversed = new ArrayList<>();
      while (left instanceof BinaryExpr chain && chain.getOperator() == BinaryExpr.Operator.PLUS) {
        reversed.add(chain.getRight());
        left = chain.getLeft();
      }
      if (!(left instanceof NameExpr first) || !first.getNameAsString().equals(name)) {
        return Optional.empty();
      }
      for (int i = reversed.size() - 1; i >= 0; i--) {
        parts.add(reversed.get(i));
      }
    } else {
      return Optional.empty();
    }
    for (Expression part : parts) {
      if (Shapes.maybeCharArray(part)
          || part.findAll(NameExpr.class).stream().anyMatch(n -> n.getNameAsString().equals(name))
          || part instanceof NameExpr n && n.getNameAsString().equals(name)) {
        return Optional.empty();
      }
    }
    return Optional.of(parts);
  }

  /** Whether a use is the leading {@code s} of {@code s = s + ...} (handled with its statement). */
  private static boolean isInsideAppendedPart(NameExpr use, String name) {
    Node node = use;
    while (node.getParentNode().orElse(null) instanceof BinaryExpr binary
        && binary.getOperator() == BinaryExpr.Operator.PLUS
        && binary.getLeft() == node) {
      node = binary;
    }
    return node != use
        && node.getParentNode().orElse(null) instanceof AssignExpr assign
        && assign.getValue() == node
        && assign.getTarget() instanceof NameExpr target
        && target.getNameAsString().equals(name);
  }
}
