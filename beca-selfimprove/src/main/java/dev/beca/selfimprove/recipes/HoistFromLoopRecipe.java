package dev.beca.selfimprove.recipes;

import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.LambdaExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.StringLiteralExpr;
import com.github.javaparser.ast.expr.VariableDeclarationExpr;
import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.ast.stmt.ExpressionStmt;
import com.github.javaparser.ast.stmt.Statement;
import dev.beca.selfimprove.analysis.CodeIssue;
import dev.beca.selfimprove.analysis.IssueKind;
import dev.beca.selfimprove.analysis.internal.JavaSyntax;
import java.text.DecimalFormat;
import java.text.SimpleDateFormat;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Moves {@code X x = new X("constant");} from the top level of a loop's body to just before the
 * loop, for objects that are expensive to build and safe to reuse within one thread: {@code
 * SimpleDateFormat} and {@code DecimalFormat} (used only through {@code format}/{@code parse}, so
 * no iteration changes their settings), {@code ObjectMapper} and {@code Gson} built without
 * arguments (used only to read and write values), and {@code DateTimeFormatter.ofPattern}
 * (immutable). Only when the variable is the one declaration of its name in the method, every use
 * of the name is inside the loop's body, nothing assigns it, no lambda or anonymous class captures
 * it, and the constant pattern is valid (a bad pattern must keep failing only when the loop runs).
 * {@code Random} is never moved: reusing one changes the numbers drawn.
 */
final class HoistFromLoopRecipe implements Recipe {

  /** Type to the methods through which it may be used once shared by the iterations. */
  private static final Map<String, Set<String>> REUSABLE =
      Map.of(
          "SimpleDateFormat", Set.of("format", "parse", "toPattern"),
          "DecimalFormat", Set.of("format", "parse", "toPattern"),
          "ObjectMapper",
              Set.of(
                  "readValue",
                  "readTree",
                  "writeValueAsString",
                  "writeValueAsBytes",
                  "convertValue",
                  "treeToValue",
                  "valueToTree"),
          "Gson", Set.of("toJson", "fromJson", "toJsonTree"));

  @Override
  public RecipeKind kind() {
    return RecipeKind.HOIST_FROM_LOOP;
  }

  @Override
  public Set<IssueKind> fixes() {
    return Set.of(IssueKind.EXPENSIVE_OBJECT_IN_LOOP);
  }

  @Override
  public Optional<Rewrite> rewrite(CompilationUnit unit, SourceText text, CodeIssue issue) {
    Expression creation =
        Recipe.locate(unit, ObjectCreationExpr.class, issue)
            .map(Expression.class::cast)
            .or(() -> Recipe.locate(unit, MethodCallExpr.class, issue))
            .orElse(null);
    if (creation == null) {
      return Optional.empty();
    }
    Set<String> allowed = allowedUses(creation).orElse(null);
    if (allowed == null
        || !(creation.getParentNode().orElse(null) instanceof VariableDeclarator variable)
        || !(variable.getParentNode().orElse(null) instanceof VariableDeclarationExpr declaration)
        || declaration.getVariables().size() != 1
        || !(declaration.getParentNode().orElse(null) instanceof ExpressionStmt statement)
        || statement.getComment().isPresent()
        || !(statement.getParentNode().orElse(null) instanceof BlockStmt body)) {
      return Optional.empty();
    }
    Optional<Statement> loop = JavaSyntax.enclosingLoop(statement);
    if (loop.isEmpty()
        || loop.get().getChildNodes().stream().noneMatch(child -> child == body)
        || !(loop.get().getParentNode().orElse(null) instanceof BlockStmt)) {
      return Optional.empty();
    }
    String name = variable.getNameAsString();
    CallableDeclaration<?> callable =
        statement.findAncestor(CallableDeclaration.class).orElse(null);
    if (callable == null
        || !onlyDeclaration(callable, name)
        || !usesAreSafe(callable, body, name, allowed)) {
      return Optional.empty();
    }
    int statementLine = statement.getBegin().orElseThrow().line;
    if (statementLine != statement.getEnd().orElseThrow().line
        || !text.onlyWhitespaceBefore(text.begin(statement))
        || !text.onlyWhitespaceAfter(text.end(statement))) {
      return Optional.empty();
    }
    int loopLine = loop.get().getBegin().orElseThrow().line;
    if (!text.onlyWhitespaceBefore(text.begin(loop.get()))) {
      return Optional.empty();
    }
    String moved = text.indentation(loopLine) + text.of(statement) + text.newline();
    return Optional.of(
        new Rewrite(
            List.of(
                TextEdit.insert(text.lineStart(loopLine), moved),
                new TextEdit(
                    text.lineStart(statementLine), text.lineEndWithBreak(statementLine), "")),
            "Build " + name + " once before the loop instead of at every pass."));
  }

  /** The methods the variable may be used through, if the creation is one the recipe moves. */
  private static Optional<Set<String>> allowedUses(Expression creation) {
    if (creation instanceof ObjectCreationExpr object && object.getAnonymousClassBody().isEmpty()) {
      String type = object.getType().getNameAsString();
      Set<String> uses = REUSABLE.get(type);
      if (uses == null) {
        return Optional.empty();
      }
      if (type.equals("ObjectMapper") || type.equals("Gson")) {
        return object.getArguments().isEmpty() ? Optional.of(uses) : Optional.empty();
      }
      if (object.getArguments().size() == 1
          && object.getArgument(0) instanceof StringLiteralExpr literal
          && validPattern(type, unescape(literal))) {
        return Optional.of(uses);
      }
      return Optional.empty();
    }
    if (creation instanceof MethodCallExpr call
        && call.getNameAsString().equals("ofPattern")
        && call.getScope().orElse(null) instanceof NameExpr scope
        && scope.getNameAsString().equals("DateTimeFormatter")
        && call.getArguments().size() == 1
        && call.getArgument(0) instanceof StringLiteralExpr literal
        && validPattern("DateTimeFormatter", unescape(literal))) {
      return Optional.of(Set.of()); // immutable: any use is safe
    }
    return Optional.empty();
  }

  private static String unescape(StringLiteralExpr literal) {
    return com.github.javaparser.utils.StringEscapeUtils.unescapeJava(literal.getValue());
  }

  private static boolean validPattern(String type, String pattern) {
    try {
      switch (type) {
        case "SimpleDateFormat" -> new SimpleDateFormat(pattern);
        case "DecimalFormat" -> new DecimalFormat(pattern);
        case "DateTimeFormatter" -> DateTimeFormatter.ofPattern(pattern);
        default -> {
          return false;
        }
      }
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static boolean onlyDeclaration(CallableDeclaration<?> callable, String name) {
    long declarations =
        callable.findAll(VariableDeclarator.class).stream()
                .filter(v -> v.getNameAsString().equals(name))
                .count()
            + callable.findAll(Parameter.class).stream()
                .filter(p -> p.getNameAsString().equals(name))
                .count();
    return declarations == 1;
  }

  private static boolean usesAreSafe(
      CallableDeclaration<?> callable, Node body, String name, Set<String> allowed) {
    for (NameExpr use : callable.findAll(NameExpr.class)) {
      if (!use.getNameAsString().equals(name)) {
        continue;
      }
      if (!Shapes.within(use, body)
          || use.findAncestor(LambdaExpr.class).filter(l -> Shapes.within(l, body)).isPresent()
          || use.findAncestor(ObjectCreationExpr.class)
              .filter(o -> o.getAnonymousClassBody().isPresent() && Shapes.within(o, body))
              .isPresent()) {
        return false;
      }
      Node parent = use.getParentNode().orElse(null);
      if (parent instanceof com.github.javaparser.ast.expr.AssignExpr assign
          && assign.getTarget() == use) {
        return false;
      }
      if (!allowed.isEmpty()
          && !(parent instanceof MethodCallExpr call
              && call.getScope().map(s -> s == use).orElse(false)
              && allowed.contains(call.getNameAsString()))) {
        return false;
      }
    }
    return true;
  }
}
