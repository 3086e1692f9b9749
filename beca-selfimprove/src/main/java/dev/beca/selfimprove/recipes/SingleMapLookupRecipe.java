package dev.beca.selfimprove.recipes;

import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.ArrayCreationExpr;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.ConditionalExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.LambdaExpr;
import com.github.javaparser.ast.expr.LiteralExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.MethodReferenceExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.NullLiteralExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.StringLiteralExpr;
import com.github.javaparser.ast.expr.UnaryExpr;
import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.ast.stmt.IfStmt;
import com.github.javaparser.ast.type.Type;
import dev.beca.selfimprove.analysis.CodeIssue;
import dev.beca.selfimprove.analysis.IssueKind;
import dev.beca.selfimprove.analysis.internal.JavaSyntax;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One map look-up instead of {@code containsKey} then {@code get}, in two shapes:
 *
 * <ul>
 *   <li>{@code m.containsKey(k) ? m.get(k) : d} becomes {@code m.getOrDefault(k, d)}, which is the
 *       same for every map content, null values included; only when {@code m} is declared a JDK
 *       map, {@code m} and {@code k} are names or literals, and {@code d} is {@code null}, a string
 *       literal or a name of a reference type (a numeric {@code d} would make the ternary unbox,
 *       and {@code getOrDefault} would not);
 *   <li>{@code if (m.containsKey(k)) { ... m.get(k) ... }} becomes {@code V v = m.get(k); if (v !=
 *       null) { ... v ... }}, only when the map provably holds no null value: a local variable
 *       initialised with {@code new HashMap<>()} (or another JDK map) without arguments, used only
 *       through look-ups and through {@code put}/{@code putIfAbsent} of values that cannot be null
 *       (a {@code new}, a lambda or method reference, a non-null literal, arithmetic or
 *       concatenation), {@code computeIfAbsent} and {@code merge} (which never store null), never
 *       passed on, returned or reassigned; and the {@code if} branch neither changes the map nor
 *       reassigns {@code k}.
 * </ul>
 */
final class SingleMapLookupRecipe implements Recipe {

  /** Map methods a local map may be used through and still provably hold no null value. */
  private static final Set<String> SAFE_USES =
      Set.of(
          "get",
          "containsKey",
          "containsValue",
          "getOrDefault",
          "size",
          "isEmpty",
          "keySet",
          "values",
          "remove",
          "clear",
          "forEach",
          "computeIfAbsent",
          "merge",
          "put",
          "putIfAbsent",
          "toString",
          "hashCode");

  private static final Set<String> MUTATORS =
      Set.of(
          "put",
          "putIfAbsent",
          "remove",
          "clear",
          "computeIfAbsent",
          "computeIfPresent",
          "compute",
          "merge",
          "putAll",
          "replace",
          "replaceAll");

  @Override
  public RecipeKind kind() {
    return RecipeKind.SINGLE_MAP_LOOKUP;
  }

  @Override
  public Set<IssueKind> fixes() {
    return Set.of(IssueKind.CONTAINS_KEY_THEN_GET);
  }

  @Override
  public Optional<Rewrite> rewrite(CompilationUnit unit, SourceText text, CodeIssue issue) {
    Optional<ConditionalExpr> conditional = Recipe.locate(unit, ConditionalExpr.class, issue);
    if (conditional.isPresent()) {
      return ternary(conditional.get(), text);
    }
    return Recipe.locate(unit, IfStmt.class, issue).flatMap(ifStmt -> ifShape(ifStmt, text));
  }

  private Optional<Rewrite> ternary(ConditionalExpr conditional, SourceText text) {
    MethodCallExpr contains = containsKey(conditional.getCondition()).orElse(null);
    if (contains == null
        || !(conditional.getThenExpr() instanceof MethodCallExpr get)
        || !isGetOf(get, contains)
        || !isJdkMap(contains.getScope().get())) {
      return Optional.empty();
    }
    Expression fallback = conditional.getElseExpr();
    boolean referenceFallback =
        fallback instanceof NullLiteralExpr
            || fallback instanceof StringLiteralExpr
            || fallback instanceof NameExpr name
                && JavaSyntax.declaredType(name).map(t -> !t.isPrimitiveType()).orElse(false);
    if (!referenceFallback) {
      return Optional.empty();
    }
    String replacement =
        text.of(contains.getScope().get())
            + ".getOrDefault("
            + text.of(contains.getArgument(0))
            + ", "
            + text.of(fallback)
            + ")";
    return Optional.of(
        new Rewrite(
            List.of(new TextEdit(text.begin(conditional), text.end(conditional), replacement)),
            "Look the key up once with getOrDefault instead of containsKey then get."));
  }

  private Optional<Rewrite> ifShape(IfStmt ifStmt, SourceText text) {
    MethodCallExpr contains = containsKey(ifStmt.getCondition()).orElse(null);
    if (contains == null
        || !(contains.getScope().get() instanceof NameExpr map)
        || !(ifStmt.getParentNode().orElse(null) instanceof BlockStmt)
        || !text.onlyWhitespaceBefore(text.begin(ifStmt))) {
      return Optional.empty();
    }
    Expression key = contains.getArgument(0);
    CallableDeclaration<?> callable = ifStmt.findAncestor(CallableDeclaration.class).orElse(null);
    if (callable == null) {
      return Optional.empty();
    }
    Optional<String> valueType = nullFreeLocalMap(callable, map.getNameAsString());
    if (valueType.isEmpty() || changes(ifStmt.getThenStmt(), map.getNameAsString(), key)) {
      return Optional.empty();
    }
    List<MethodCallExpr> gets =
        ifStmt.getThenStmt().findAll(MethodCallExpr.class).stream()
            .filter(get -> isGetOf(get, contains))
            .toList();
    if (gets.isEmpty()) {
      return Optional.empty();
    }
    String variable = freshName(callable, key, text);
    int line = ifStmt.getBegin().orElseThrow().line;
    List<TextEdit> edits = new ArrayList<>();
    edits.add(
        TextEdit.insert(
            text.lineStart(line),
            text.indentation(line)
                + valueType.get()
                + " "
                + variable
                + " = "
                + text.of(map)
                + ".get("
                + text.of(key)
                + ");"
                + text.newline()));
    edits.add(new TextEdit(text.begin(contains), text.end(contains), variable + " != null"));
    for (MethodCallExpr get : gets) {
      edits.add(new TextEdit(text.begin(get), text.end(get), variable));
    }
    return Optional.of(
        new Rewrite(
            edits,
            "Look the key up once (the map holds no null value) instead of containsKey then"
                + " get."));
  }

  private static Optional<MethodCallExpr> containsKey(Expression condition) {
    if (condition instanceof MethodCallExpr call
        && call.getNameAsString().equals("containsKey")
        && call.getArguments().size() == 1
        && call.getScope().isPresent()
        && Shapes.isPure(call.getScope().get())
        && Shapes.isPure(call.getArgument(0))) {
      return Optional.of(call);
    }
    return Optional.empty();
  }

  private static boolean isGetOf(MethodCallExpr get, MethodCallExpr contains) {
    return get.getNameAsString().equals("get")
        && get.getArguments().size() == 1
        && get.getScope().map(s -> s.equals(contains.getScope().get())).orElse(false)
        && get.getArgument(0).equals(contains.getArgument(0));
  }

  private static boolean isJdkMap(Expression scope) {
    return JavaSyntax.declaredType(scope)
        .map(type -> JavaSyntax.JDK_MAPS.contains(JavaSyntax.simpleName(type)))
        .orElse(false);
  }

  /** The value type of a local map that provably holds no null value. */
  private static Optional<String> nullFreeLocalMap(CallableDeclaration<?> callable, String name) {
    if (callable.findAll(Parameter.class).stream()
        .anyMatch(p -> p.getNameAsString().equals(name))) {
      return Optional.empty();
    }
    List<VariableDeclarator> declarations =
        callable.findAll(VariableDeclarator.class).stream()
            .filter(v -> v.getNameAsString().equals(name))
            .toList();
    if (declarations.size() != 1) {
      return Optional.empty();
    }
    VariableDeclarator declarator = declarations.get(0);
    Type type = declarator.getType();
    List<Type> arguments = JavaSyntax.typeArguments(type);
    if (!JavaSyntax.JDK_MAPS.contains(JavaSyntax.simpleName(type))
        || arguments.size() != 2
        || arguments.get(1).isWildcardType()
        || !(declarator.getInitializer().orElse(null) instanceof ObjectCreationExpr creation)
        || !creation.getArguments().isEmpty()
        || creation.getAnonymousClassBody().isPresent()
        || !JavaSyntax.JDK_MAPS.contains(creation.getType().getNameAsString())) {
      return Optional.empty();
    }
    for (NameExpr use : callable.findAll(NameExpr.class)) {
      if (!use.getNameAsString().equals(name)) {
        continue;
      }
      if (!(use.getParentNode().orElse(null) instanceof MethodCallExpr call)
          || call.getScope().map(s -> s != use).orElse(true)
          || !SAFE_USES.contains(call.getNameAsString())) {
        return Optional.empty();
      }
      if ((call.getNameAsString().equals("put") || call.getNameAsString().equals("putIfAbsent"))
          && (call.getArguments().size() != 2 || !neverNull(call.getArgument(1)))) {
        return Optional.empty();
      }
    }
    return Optional.of(arguments.get(1).asString());
  }

  private static boolean neverNull(Expression value) {
    return value instanceof ObjectCreationExpr
        || value instanceof ArrayCreationExpr
        || value instanceof LambdaExpr
        || value instanceof MethodReferenceExpr
        || value instanceof LiteralExpr && !(value instanceof NullLiteralExpr)
        || value instanceof BinaryExpr
        || value instanceof UnaryExpr;
  }

  /** Whether a branch changes the map or reassigns the key. */
  private static boolean changes(Node branch, String map, Expression key) {
    boolean mapChanged =
        branch.findAll(MethodCallExpr.class).stream()
            .anyMatch(
                call ->
                    MUTATORS.contains(call.getNameAsString())
                        && call.getScope()
                            .map(s -> s instanceof NameExpr n && n.getNameAsString().equals(map))
                            .orElse(false));
    String keyText = key.toString();
    boolean keyChanged =
        branch.findAll(AssignExpr.class).stream()
                .anyMatch(a -> a.getTarget().toString().equals(keyText))
            || branch.findAll(UnaryExpr.class).stream()
                .anyMatch(
                    u ->
                        (u.getOperator() == UnaryExpr.Operator.PREFIX_INCREMENT
                                || u.getOperator() == UnaryExpr.Operator.PREFIX_DECREMENT
                                || u.getOperator() == UnaryExpr.Operator.POSTFIX_INCREMENT
                                || u.getOperator() == UnaryExpr.Operator.POSTFIX_DECREMENT)
                            && u.getExpression().toString().equals(keyText));
    boolean mapAssigned =
        branch.findAll(AssignExpr.class).stream()
            .anyMatch(a -> a.getTarget().toString().equals(map));
    return mapChanged || keyChanged || mapAssigned || key instanceof FieldAccessExpr;
  }

  private static String freshName(
      CallableDeclaration<?> callable, Expression key, SourceText text) {
    String base = key instanceof NameExpr name ? name.getNameAsString() + "Value" : "value";
    String callableText = text.of(callable);
    String name = base;
    for (int i = 2; Shapes.occurrences(callableText, name) > 0; i++) {
      name = base + i;
    }
    return name;
  }
}
