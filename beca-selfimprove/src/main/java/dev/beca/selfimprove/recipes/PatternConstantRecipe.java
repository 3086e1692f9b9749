package dev.beca.selfimprove.recipes;

import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.BodyDeclaration;
import com.github.javaparser.ast.body.ClassOrInterfaceDeclaration;
import com.github.javaparser.ast.body.EnumDeclaration;
import com.github.javaparser.ast.body.FieldDeclaration;
import com.github.javaparser.ast.body.RecordDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.IntegerLiteralExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.StringLiteralExpr;
import com.github.javaparser.ast.stmt.LocalClassDeclarationStmt;
import dev.beca.selfimprove.analysis.CodeIssue;
import dev.beca.selfimprove.analysis.IssueKind;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code Pattern.compile("constant")} in a method (or a loop) becomes a {@code private static final
 * Pattern} field of the enclosing class, compiled once. Only when the pattern and its flags are
 * constants the recipe can evaluate and the pattern compiles (a bad pattern must keep failing where
 * it failed, not at class initialisation), {@code Pattern} is {@code java.util.regex.Pattern}
 * (imported), and the class can hold a static field (a top-level or static nested class, enum or
 * record; not an interface, an inner, local or anonymous class).
 */
final class PatternConstantRecipe implements Recipe {

  @Override
  public RecipeKind kind() {
    return RecipeKind.PATTERN_CONSTANT;
  }

  @Override
  public Set<IssueKind> fixes() {
    return Set.of(IssueKind.CONSTANT_PATTERN_IN_METHOD, IssueKind.REGEX_IN_LOOP);
  }

  @Override
  public Optional<Rewrite> rewrite(CompilationUnit unit, SourceText text, CodeIssue issue) {
    MethodCallExpr call = Recipe.locate(unit, MethodCallExpr.class, issue).orElse(null);
    if (call == null
        || !call.getNameAsString().equals("compile")
        || !(call.getScope().orElse(null) instanceof NameExpr scope)
        || !scope.getNameAsString().equals("Pattern")
        || !importsPattern(unit)
        || call.getArguments().isEmpty()
        || call.getArguments().size() > 2) {
      return Optional.empty();
    }
    Optional<String> regex = constant(call.getArgument(0));
    OptionalInt flags =
        call.getArguments().size() == 2 ? flags(call.getArgument(1)) : OptionalInt.of(0);
    if (regex.isEmpty() || flags.isEmpty() || !compiles(regex.get(), flags.getAsInt())) {
      return Optional.empty();
    }
    TypeDeclaration<?> type = holder(call).orElse(null);
    if (type == null || type.getMembers().isEmpty()) {
      return Optional.empty();
    }
    String name = fieldName(call, text);
    BodyDeclaration<?> firstMember = type.getMember(0);
    Node first = firstMember.getComment().filter(c -> c.getRange().isPresent()).orElse(null);
    int firstLine = (first == null ? firstMember : first).getBegin().orElseThrow().line;
    if (!text.onlyWhitespaceBefore(text.offset(firstLine, 1) + text.indentation(firstLine).length())
        || firstLine <= type.getBegin().orElseThrow().line) {
      return Optional.empty();
    }
    String indentation = text.indentation(firstLine);
    String arguments =
        text.text()
            .substring(
                text.begin(call.getArgument(0)),
                text.end(call.getArguments().getLast().orElseThrow()));
    if (arguments.contains("\n") || arguments.contains("\r")) {
      return Optional.empty();
    }
    String declaration =
        indentation
            + "private static final Pattern "
            + name
            + " = Pattern.compile("
            + arguments
            + ");"
            + text.newline()
            + (firstMember instanceof FieldDeclaration ? "" : text.newline());
    return Optional.of(
        new Rewrite(
            List.of(
                TextEdit.insert(text.lineStart(firstLine), declaration),
                new TextEdit(text.begin(call), text.end(call), name)),
            "Compile the constant pattern once, in the static field "
                + name
                + ", instead of at every call."));
  }

  private static boolean importsPattern(CompilationUnit unit) {
    return unit.getImports().stream()
        .anyMatch(
            i ->
                !i.isStatic()
                    && (i.getNameAsString().equals("java.util.regex.Pattern")
                        || i.isAsterisk() && i.getNameAsString().equals("java.util.regex")));
  }

  private static Optional<String> constant(Expression expression) {
    if (expression instanceof StringLiteralExpr literal) {
      return Optional.of(literal.asString()).map(s -> unescape(literal));
    }
    if (expression instanceof BinaryExpr binary
        && binary.getOperator() == BinaryExpr.Operator.PLUS) {
      Optional<String> left = constant(binary.getLeft());
      Optional<String> right = constant(binary.getRight());
      return left.isPresent() && right.isPresent()
          ? Optional.of(left.get() + right.get())
          : Optional.empty();
    }
    return Optional.empty();
  }

  private static String unescape(StringLiteralExpr literal) {
    return com.github.javaparser.utils.StringEscapeUtils.unescapeJava(literal.getValue());
  }

  private static OptionalInt flags(Expression expression) {
    if (expression instanceof IntegerLiteralExpr literal) {
      return literal.asNumber() instanceof Integer value
          ? OptionalInt.of(value)
          : OptionalInt.empty();
    }
    if (expression instanceof FieldAccessExpr field
        && field.getScope() instanceof NameExpr scope
        && scope.getNameAsString().equals("Pattern")) {
      try {
        return OptionalInt.of(Pattern.class.getField(field.getNameAsString()).getInt(null));
      } catch (ReflectiveOperationException | IllegalArgumentException e) {
        return OptionalInt.empty();
      }
    }
    if (expression instanceof BinaryExpr binary
        && binary.getOperator() == BinaryExpr.Operator.BINARY_OR) {
      OptionalInt left = flags(binary.getLeft());
      OptionalInt right = flags(binary.getRight());
      return left.isPresent() && right.isPresent()
          ? OptionalInt.of(left.getAsInt() | right.getAsInt())
          : OptionalInt.empty();
    }
    return OptionalInt.empty();
  }

  private static boolean compiles(String regex, int flags) {
    try {
      Pattern.compile(regex, flags);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** The type the field goes into, if it may hold a static field. */
  private static Optional<TypeDeclaration<?>> holder(Node node) {
    Node current = node.getParentNode().orElse(null);
    while (current != null) {
      if (current instanceof ObjectCreationExpr creation
          && creation.getAnonymousClassBody().isPresent()
          && !creation.getArguments().stream().anyMatch(a -> Shapes.within(node, a))) {
        return Optional.empty();
      }
      if (current instanceof TypeDeclaration<?> type) {
        boolean kind =
            type instanceof ClassOrInterfaceDeclaration c && !c.isInterface()
                || type instanceof EnumDeclaration
                || type instanceof RecordDeclaration;
        Node parent = type.getParentNode().orElse(null);
        boolean place =
            parent instanceof CompilationUnit
                || parent instanceof TypeDeclaration<?>
                    && (type.isStatic() || !(type instanceof ClassOrInterfaceDeclaration))
                    && !(parent instanceof LocalClassDeclarationStmt);
        return kind && place ? Optional.of(type) : Optional.empty();
      }
      current = current.getParentNode().orElse(null);
    }
    return Optional.empty();
  }

  private static String fieldName(MethodCallExpr call, SourceText text) {
    String base = "PATTERN";
    if (call.getParentNode().orElse(null) instanceof VariableDeclarator variable
        && variable.getNameAsString().length() > 1) {
      base = Shapes.upperSnake(variable.getNameAsString());
      if (!base.endsWith("PATTERN")) {
        base = base + "_PATTERN";
      }
    }
    String name = base;
    for (int i = 2; Shapes.occurrences(text.text(), name) > 0; i++) {
      name = base + "_" + i;
    }
    return name;
  }
}
