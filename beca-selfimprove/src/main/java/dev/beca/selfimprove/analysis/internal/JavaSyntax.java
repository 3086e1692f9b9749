package dev.beca.selfimprove.analysis.internal;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.ParserConfiguration.LanguageLevel;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.BodyDeclaration;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.FieldDeclaration;
import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.LambdaExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.stmt.DoStmt;
import com.github.javaparser.ast.stmt.ForEachStmt;
import com.github.javaparser.ast.stmt.ForStmt;
import com.github.javaparser.ast.stmt.Statement;
import com.github.javaparser.ast.stmt.WhileStmt;
import com.github.javaparser.ast.type.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Syntax-tree helpers shared by the analyzer and the recipes (not published API). Types are
 * resolved by declaration only, without a symbol solver: a name's type is known when exactly one
 * declaration of that name (parameter, local variable or field of an enclosing type) is in sight.
 */
public final class JavaSyntax {

  /** Element and value types that box a primitive. */
  public static final Set<String> BOXED =
      Set.of("Integer", "Long", "Double", "Float", "Short", "Byte", "Character");

  /** {@code java.util} collection and map types, all of which have {@code isEmpty()}. */
  public static final Set<String> JDK_COLLECTIONS =
      Set.of(
          "Collection",
          "List",
          "ArrayList",
          "LinkedList",
          "Set",
          "HashSet",
          "LinkedHashSet",
          "TreeSet",
          "SortedSet",
          "NavigableSet",
          "Queue",
          "Deque",
          "ArrayDeque",
          "PriorityQueue",
          "Map",
          "HashMap",
          "LinkedHashMap",
          "TreeMap",
          "SortedMap",
          "NavigableMap",
          "ConcurrentHashMap",
          "ConcurrentMap",
          "IdentityHashMap",
          "EnumMap",
          "WeakHashMap",
          "Hashtable",
          "Vector",
          "Stack",
          "CopyOnWriteArrayList");

  /** {@code java.util} map types. */
  public static final Set<String> JDK_MAPS =
      Set.of(
          "Map",
          "HashMap",
          "LinkedHashMap",
          "TreeMap",
          "SortedMap",
          "NavigableMap",
          "ConcurrentHashMap",
          "ConcurrentMap",
          "IdentityHashMap",
          "EnumMap",
          "WeakHashMap",
          "Hashtable");

  private JavaSyntax() {}

  /**
   * A parser for Java up to 21 that keeps token ranges (columns count a tab as one).
   *
   * @return a new parser (parsers are not thread-safe)
   */
  public static JavaParser parser() {
    return new JavaParser(
        new ParserConfiguration()
            .setLanguageLevel(LanguageLevel.JAVA_21)
            .setAttributeComments(true)
            .setStoreTokens(true));
  }

  /**
   * Parses a source text.
   *
   * @param parser the parser
   * @param source the text
   * @return the tree, or empty with the first problem in {@code problem[0]}
   */
  public static Optional<CompilationUnit> parse(
      JavaParser parser, String source, String[] problem) {
    ParseResult<CompilationUnit> result = parser.parse(source);
    if (result.isSuccessful() && result.getResult().isPresent()) {
      return result.getResult();
    }
    problem[0] =
        result.getProblems().isEmpty()
            ? "the parser gave no tree"
            : result.getProblems().get(0).getVerboseMessage();
    return Optional.empty();
  }

  /**
   * Whether a statement is a loop.
   *
   * @param node the node
   * @return whether it is {@code for}, for-each, {@code while} or {@code do}
   */
  public static boolean isLoop(Node node) {
    return node instanceof ForStmt
        || node instanceof ForEachStmt
        || node instanceof WhileStmt
        || node instanceof DoStmt;
  }

  /**
   * The innermost loop whose body holds the node, within the same method, initializer or lambda (a
   * loop's own header - the iterable of a for-each, the condition of a {@code while} evaluated once
   * per iteration - counts as inside for {@code for} and {@code while} conditions and updates, but
   * not for a for-each's iterable or a {@code for}'s initialisation, which run once).
   *
   * @param node the node
   * @return the loop, if any
   */
  public static Optional<Statement> enclosingLoop(Node node) {
    Node child = node;
    Node parent = node.getParentNode().orElse(null);
    while (parent != null) {
      if (parent instanceof BodyDeclaration<?> || parent instanceof LambdaExpr) {
        return Optional.empty();
      }
      if (parent instanceof ObjectCreationExpr creation
          && creation.getAnonymousClassBody().isPresent()
          && !creation.getArguments().contains(child)) {
        return Optional.empty();
      }
      if (parent instanceof ForEachStmt forEach && child != forEach.getIterable()) {
        return Optional.of(forEach);
      }
      if (parent instanceof ForStmt forStmt && !forStmt.getInitialization().contains(child)) {
        return Optional.of(forStmt);
      }
      if (parent instanceof WhileStmt || parent instanceof DoStmt) {
        return Optional.of((Statement) parent);
      }
      child = parent;
      parent = parent.getParentNode().orElse(null);
    }
    return Optional.empty();
  }

  /**
   * The declared type of a variable name as seen from a node: the parameters and local variables of
   * the enclosing methods and lambdas, then the fields of the enclosing types.
   *
   * @param name the variable's name
   * @param context where the name is used
   * @return the type, if exactly one declaration (or several of the same type) is in sight
   */
  public static Optional<Type> declaredType(String name, Node context) {
    Node scope = context.getParentNode().orElse(null);
    while (scope != null) {
      if (scope instanceof CallableDeclaration<?> || scope instanceof LambdaExpr) {
        List<Type> types = new ArrayList<>();
        for (Parameter parameter : scope.findAll(Parameter.class)) {
          if (parameter.getNameAsString().equals(name)) {
            types.add(parameter.getType());
          }
        }
        for (VariableDeclarator variable : scope.findAll(VariableDeclarator.class)) {
          if (variable.getNameAsString().equals(name)
              && !(variable.getParentNode().orElse(null) instanceof FieldDeclaration)) {
            types.add(variable.getType());
          }
        }
        if (!types.isEmpty()) {
          return sameType(types);
        }
      }
      if (scope instanceof TypeDeclaration<?> type) {
        List<Type> types = new ArrayList<>();
        for (FieldDeclaration field : type.getFields()) {
          for (VariableDeclarator variable : field.getVariables()) {
            if (variable.getNameAsString().equals(name)) {
              types.add(variable.getType());
            }
          }
        }
        if (!types.isEmpty()) {
          return sameType(types);
        }
      }
      scope = scope.getParentNode().orElse(null);
    }
    return Optional.empty();
  }

  /**
   * The declared type of an expression that is a plain name.
   *
   * @param expression the expression
   * @return the type, when the expression is a name with a type in sight
   */
  public static Optional<Type> declaredType(Expression expression) {
    if (expression instanceof NameExpr name) {
      return declaredType(name.getNameAsString(), name);
    }
    return Optional.empty();
  }

  /**
   * The simple name of a type without type arguments ({@code Map} for {@code java.util.Map<K, V>}).
   *
   * @param type the type
   * @return its simple name; for arrays the element name followed by {@code []}
   */
  public static String simpleName(Type type) {
    if (type.isArrayType()) {
      return simpleName(type.asArrayType().getComponentType()) + "[]";
    }
    if (type.isClassOrInterfaceType()) {
      return type.asClassOrInterfaceType().getNameAsString();
    }
    return type.asString();
  }

  /**
   * The type arguments of a class type ({@code [String, Integer]} for {@code Map<String,
   * Integer>}).
   *
   * @param type the type
   * @return its type arguments; empty for a raw, diamond-less or non-class type
   */
  public static List<Type> typeArguments(Type type) {
    if (type.isClassOrInterfaceType()) {
      return type.asClassOrInterfaceType().getTypeArguments().map(List::copyOf).orElse(List.of());
    }
    return List.of();
  }

  /**
   * {@code Outer.Inner.method} for a node: the names of its enclosing types and method.
   *
   * @param node the node
   * @return the symbol; empty outside any type
   */
  public static String symbolOf(Node node) {
    List<String> names = new ArrayList<>();
    Node current = node;
    while (current != null) {
      if (current instanceof TypeDeclaration<?> type) {
        names.add(0, type.getNameAsString());
      } else if (current instanceof CallableDeclaration<?> callable && names.isEmpty()) {
        names.add(callable.isConstructorDeclaration() ? "<init>" : callable.getNameAsString());
      }
      current = current.getParentNode().orElse(null);
    }
    return String.join(".", names);
  }

  private static Optional<Type> sameType(List<Type> types) {
    Type first = types.get(0);
    for (Type type : types) {
      if (!type.equals(first)) {
        return Optional.empty();
      }
    }
    return first.isVarType() ? Optional.empty() : Optional.of(first);
  }
}
