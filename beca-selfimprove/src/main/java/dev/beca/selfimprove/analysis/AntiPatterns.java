package dev.beca.selfimprove.analysis;

import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.ImportDeclaration;
import com.github.javaparser.ast.Modifier;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.FieldDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.BooleanLiteralExpr;
import com.github.javaparser.ast.expr.ConditionalExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.IntegerLiteralExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.StringLiteralExpr;
import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.ast.stmt.ForEachStmt;
import com.github.javaparser.ast.stmt.IfStmt;
import com.github.javaparser.ast.stmt.ReturnStmt;
import com.github.javaparser.ast.stmt.Statement;
import com.github.javaparser.ast.type.Type;
import dev.beca.selfimprove.analysis.JavaCodeAnalyzer.IssueSink;
import dev.beca.selfimprove.analysis.internal.JavaSyntax;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The shape-based checks of {@link IssueKind} on one compilation unit. */
final class AntiPatterns {

  /** Classes whose construction is expensive (parsing patterns, building caches, reflection). */
  private static final Set<String> EXPENSIVE_TYPES =
      Set.of(
          "SimpleDateFormat",
          "DecimalFormat",
          "MessageFormat",
          "ObjectMapper",
          "XmlMapper",
          "YAMLMapper",
          "JsonMapper",
          "Gson",
          "GsonBuilder",
          "SecureRandom",
          "Random",
          "Yaml");

  /** {@code Type.method} factories that are expensive. */
  private static final Set<String> EXPENSIVE_FACTORIES =
      Set.of(
          "JAXBContext.newInstance",
          "DocumentBuilderFactory.newInstance",
          "TransformerFactory.newInstance",
          "XPathFactory.newInstance",
          "SAXParserFactory.newInstance",
          "XMLInputFactory.newInstance",
          "DateTimeFormatter.ofPattern");

  /** Names of objects that talk to a database or a remote service. */
  private static final Pattern DATA_ACCESS_SCOPE =
      Pattern.compile(
          "(?i).*(repository|repo|dao|mapper|client|jdbcTemplate|template|entityManager|session"
              + "|store|gateway|api)$");

  /** Method names of look-ups by key. */
  private static final Pattern LOOKUP_BY_KEY =
      Pattern.compile("(find|get|load|fetch|select|query|read|retrieve)\\w*By[A-Z]\\w*");

  /** Verbs of data-access calls on a data-access object. */
  private static final Pattern DATA_ACCESS_VERB =
      Pattern.compile("(find|get|load|fetch|select|query|read|retrieve|count|exists)\\w*");

  /** Regex metacharacters that defeat {@code String.split}'s one-character fast path. */
  private static final String REGEX_META = ".$|()[{^?*+\\";

  private static final Map<String, String> UNBOXING =
      Map.of(
          "Integer", "intValue",
          "Long", "longValue",
          "Double", "doubleValue",
          "Float", "floatValue",
          "Short", "shortValue",
          "Byte", "byteValue",
          "Boolean", "booleanValue",
          "Character", "charValue");

  private static final Pattern IDENTIFIER = Pattern.compile("[\\p{L}_$][\\p{L}\\p{N}_$]*");

  private final IssueSink sink;
  private final String source;
  private Map<String, Integer> identifiers;

  AntiPatterns(IssueSink sink, String source) {
    this.sink = sink;
    this.source = source;
  }

  void scan(CompilationUnit unit) {
    for (AssignExpr assign : unit.findAll(AssignExpr.class)) {
      stringConcatenation(assign);
      boxedAccumulator(assign);
    }
    for (ForEachStmt forEach : unit.findAll(ForEachStmt.class)) {
      boxedElements(forEach);
    }
    for (MethodCallExpr call : unit.findAll(MethodCallExpr.class)) {
      regexInLoop(call);
      expensiveFactoryInLoop(call);
      nPlusOne(call);
      constantPattern(call);
      redundantBoxing(call);
    }
    for (ObjectCreationExpr creation : unit.findAll(ObjectCreationExpr.class)) {
      String type = creation.getType().getNameAsString();
      if (EXPENSIVE_TYPES.contains(type) && JavaSyntax.enclosingLoop(creation).isPresent()) {
        sink.shape(
            IssueKind.EXPENSIVE_OBJECT_IN_LOOP,
            creation,
            "new " + type + " in a loop: build it once before the loop");
      }
    }
    for (IfStmt ifStmt : unit.findAll(IfStmt.class)) {
      containsKeyThenGet(ifStmt.getCondition(), ifStmt.getThenStmt(), ifStmt);
      booleanReturn(ifStmt);
    }
    for (ConditionalExpr conditional : unit.findAll(ConditionalExpr.class)) {
      containsKeyThenGet(conditional.getCondition(), conditional.getThenExpr(), conditional);
    }
    for (BinaryExpr binary : unit.findAll(BinaryExpr.class)) {
      sizeComparedWithZero(binary);
    }
    unusedPrivateFields(unit);
    unusedImports(unit);
  }

  private void stringConcatenation(AssignExpr assign) {
    if (!(assign.getTarget() instanceof NameExpr target)) {
      return;
    }
    boolean concatenates =
        assign.getOperator() == AssignExpr.Operator.PLUS
            || assign.getOperator() == AssignExpr.Operator.ASSIGN
                && assign.getValue() instanceof BinaryExpr binary
                && binary.getOperator() == BinaryExpr.Operator.PLUS
                && leftmost(binary) instanceof NameExpr first
                && first.getNameAsString().equals(target.getNameAsString());
    if (!concatenates || JavaSyntax.enclosingLoop(assign).isEmpty()) {
      return;
    }
    Optional<Type> type = JavaSyntax.declaredType(target);
    if (type.isPresent() && JavaSyntax.simpleName(type.get()).equals("String")) {
      sink.shape(
          IssueKind.STRING_CONCAT_IN_LOOP,
          assign,
          "String "
              + target.getNameAsString()
              + " is concatenated in a loop (each pass copies it): use a StringBuilder");
    }
  }

  private static Expression leftmost(BinaryExpr binary) {
    Expression left = binary.getLeft();
    while (left instanceof BinaryExpr inner && inner.getOperator() == BinaryExpr.Operator.PLUS) {
      left = inner.getLeft();
    }
    return left;
  }

  private void boxedAccumulator(AssignExpr assign) {
    if (assign.getOperator() == AssignExpr.Operator.ASSIGN
        || !(assign.getTarget() instanceof NameExpr target)
        || JavaSyntax.enclosingLoop(assign).isEmpty()) {
      return;
    }
    Optional<Type> type = JavaSyntax.declaredType(target);
    if (type.isPresent() && JavaSyntax.BOXED.contains(JavaSyntax.simpleName(type.get()))) {
      sink.shape(
          IssueKind.BOXED_ARITHMETIC_IN_LOOP,
          assign,
          "boxed "
              + JavaSyntax.simpleName(type.get())
              + " "
              + target.getNameAsString()
              + " is updated in a loop (a new object each pass): use the primitive type");
    }
  }

  private void boxedElements(ForEachStmt forEach) {
    Optional<Type> iterable = JavaSyntax.declaredType(forEach.getIterable());
    if (iterable.isEmpty()
        || !JavaSyntax.JDK_COLLECTIONS.contains(JavaSyntax.simpleName(iterable.get()))) {
      return;
    }
    List<Type> arguments = JavaSyntax.typeArguments(iterable.get());
    if (arguments.size() != 1
        || !JavaSyntax.BOXED.contains(JavaSyntax.simpleName(arguments.get(0)))) {
      return;
    }
    String element = forEach.getVariableDeclarator().getNameAsString();
    boolean arithmetic =
        forEach.getBody().findAll(AssignExpr.class).stream()
            .anyMatch(
                assign ->
                    assign.getOperator() != AssignExpr.Operator.ASSIGN
                        && assign.getValue() instanceof NameExpr value
                        && value.getNameAsString().equals(element));
    if (arithmetic) {
      sink.shape(
          IssueKind.BOXED_ARITHMETIC_IN_LOOP,
          forEach.getVariable(),
          "the elements of "
              + iterable.get()
              + " are unboxed one by one in a loop: keep the numbers in a primitive array or"
              + " use a primitive stream");
    }
  }

  private void regexInLoop(MethodCallExpr call) {
    String name = call.getNameAsString();
    boolean regex =
        switch (name) {
          case "compile" -> isScope(call, "Pattern");
          case "matches" ->
              call.getArguments().size() == 1 || isScope(call, "Pattern") && arity(call, 2);
          case "replaceAll", "replaceFirst" -> arity(call, 2);
          case "split" -> (arity(call, 1) || arity(call, 2)) && !fastSplit(call.getArgument(0));
          default -> false;
        };
    if (regex && call.getScope().isPresent() && JavaSyntax.enclosingLoop(call).isPresent()) {
      sink.shape(
          IssueKind.REGEX_IN_LOOP,
          call,
          name
              + " compiles a regular expression at each pass of the loop: compile the Pattern"
              + " once");
    }
  }

  /** Whether {@code String.split} takes its fast path (no regex compiled) for this argument. */
  private static boolean fastSplit(Expression argument) {
    if (!(argument instanceof StringLiteralExpr literal)) {
      return false;
    }
    String value = literal.asString();
    if (value.length() == 1) {
      return REGEX_META.indexOf(value.charAt(0)) < 0;
    }
    return value.length() == 2
        && value.charAt(0) == '\\'
        && !Character.isLetterOrDigit(value.charAt(1));
  }

  private void expensiveFactoryInLoop(MethodCallExpr call) {
    if (call.getScope().isEmpty() || !(call.getScope().get() instanceof NameExpr scope)) {
      return;
    }
    String factory = scope.getNameAsString() + "." + call.getNameAsString();
    if (EXPENSIVE_FACTORIES.contains(factory) && JavaSyntax.enclosingLoop(call).isPresent()) {
      sink.shape(
          IssueKind.EXPENSIVE_OBJECT_IN_LOOP,
          call,
          factory + " in a loop: build it once before the loop");
    }
  }

  private void nPlusOne(MethodCallExpr call) {
    Optional<Statement> loop = JavaSyntax.enclosingLoop(call);
    if (loop.isEmpty() || call.getScope().isEmpty() || call.getArguments().isEmpty()) {
      return;
    }
    String scopeName = scopeName(call.getScope().get());
    String method = call.getNameAsString();
    boolean dataAccess =
        LOOKUP_BY_KEY.matcher(method).matches() && !scopeName.isEmpty()
            || DATA_ACCESS_SCOPE.matcher(scopeName).matches()
                && DATA_ACCESS_VERB.matcher(method).matches();
    if (!dataAccess || scopeName.equals("Map") || isJdkCollection(call.getScope().get())) {
      return;
    }
    Set<String> loopVariables = loopVariables(loop.get());
    boolean perElement =
        call.getArguments().stream()
                .flatMap(argument -> argument.findAll(NameExpr.class).stream())
                .anyMatch(name -> loopVariables.contains(name.getNameAsString()))
            || call.getArguments().stream()
                .anyMatch(a -> a instanceof NameExpr n && loopVariables.contains(n.toString()));
    if (perElement) {
      sink.shape(
          IssueKind.N_PLUS_ONE_CALL,
          call,
          scopeName
              + "."
              + method
              + " is called once per element of the loop (N+1 calls): fetch all in one call"
              + " before the loop");
    }
  }

  private static boolean isJdkCollection(Expression scope) {
    return JavaSyntax.declaredType(scope)
        .map(type -> JavaSyntax.JDK_COLLECTIONS.contains(JavaSyntax.simpleName(type)))
        .orElse(false);
  }

  private static String scopeName(Expression scope) {
    if (scope instanceof NameExpr name) {
      return name.getNameAsString();
    }
    if (scope instanceof FieldAccessExpr field) {
      return field.getNameAsString();
    }
    if (scope instanceof MethodCallExpr getter
        && getter.getArguments().isEmpty()
        && getter.getNameAsString().startsWith("get")) {
      return getter.getNameAsString().substring(3);
    }
    return "";
  }

  private static Set<String> loopVariables(Statement loop) {
    Set<String> names = new HashSet<>();
    if (loop instanceof ForEachStmt forEach) {
      names.add(forEach.getVariableDeclarator().getNameAsString());
    } else if (loop instanceof com.github.javaparser.ast.stmt.ForStmt forStmt) {
      forStmt
          .getInitialization()
          .forEach(
              init ->
                  init.findAll(VariableDeclarator.class)
                      .forEach(v -> names.add(v.getNameAsString())));
    }
    // variables declared in the loop body from the element (Item item = items.get(i)).
    loop.findAll(VariableDeclarator.class).forEach(v -> names.add(v.getNameAsString()));
    return names;
  }

  private void containsKeyThenGet(Expression condition, Node then, Node at) {
    if (!(condition instanceof MethodCallExpr contains)
        || !contains.getNameAsString().equals("containsKey")
        || !arity(contains, 1)
        || contains.getScope().isEmpty()) {
      return;
    }
    String map = contains.getScope().get().toString();
    String key = contains.getArgument(0).toString();
    boolean gets =
        then.findAll(MethodCallExpr.class).stream()
            .anyMatch(
                get ->
                    get.getNameAsString().equals("get")
                        && arity(get, 1)
                        && get.getScope().map(s -> s.toString().equals(map)).orElse(false)
                        && get.getArgument(0).toString().equals(key));
    if (gets) {
      sink.shape(
          IssueKind.CONTAINS_KEY_THEN_GET,
          at,
          map
              + ".containsKey("
              + key
              + ") then "
              + map
              + ".get("
              + key
              + "): one get (with a null check, or getOrDefault) looks up once");
    }
  }

  private void constantPattern(MethodCallExpr call) {
    if (!call.getNameAsString().equals("compile")
        || !isScope(call, "Pattern")
        || call.getArguments().isEmpty()
        || !isConstantString(call.getArgument(0))
        || call.findAncestor(CallableDeclaration.class).isEmpty()
        || JavaSyntax.enclosingLoop(call).isPresent()) {
      return;
    }
    if (call.getArguments().size() == 2 && !isConstantFlags(call.getArgument(1))) {
      return;
    }
    sink.shape(
        IssueKind.CONSTANT_PATTERN_IN_METHOD,
        call,
        "Pattern.compile of a constant runs at every call: keep it in a static final field");
  }

  /** A string literal or a {@code +} of string literals. */
  static boolean isConstantString(Expression expression) {
    if (expression instanceof StringLiteralExpr) {
      return true;
    }
    return expression instanceof BinaryExpr binary
        && binary.getOperator() == BinaryExpr.Operator.PLUS
        && isConstantString(binary.getLeft())
        && isConstantString(binary.getRight());
  }

  /** {@code Pattern.FLAG}, an int literal, or an {@code |} of those. */
  static boolean isConstantFlags(Expression expression) {
    if (expression instanceof IntegerLiteralExpr) {
      return true;
    }
    if (expression instanceof FieldAccessExpr field) {
      return field.getScope() instanceof NameExpr scope
          && scope.getNameAsString().equals("Pattern")
          && field.getNameAsString().chars().allMatch(c -> c == '_' || Character.isUpperCase(c));
    }
    return expression instanceof BinaryExpr binary
        && binary.getOperator() == BinaryExpr.Operator.BINARY_OR
        && isConstantFlags(binary.getLeft())
        && isConstantFlags(binary.getRight());
  }

  private void redundantBoxing(MethodCallExpr call) {
    if (!call.getArguments().isEmpty() || call.getScope().isEmpty()) {
      return;
    }
    Expression scope = call.getScope().get();
    String boxed = null;
    if (scope instanceof MethodCallExpr valueOf
        && valueOf.getNameAsString().equals("valueOf")
        && arity(valueOf, 1)
        && valueOf.getScope().orElse(null) instanceof NameExpr type) {
      boxed = type.getNameAsString();
    } else if (scope instanceof ObjectCreationExpr creation
        && creation.getArguments().size() == 1
        && creation.getAnonymousClassBody().isEmpty()) {
      boxed = creation.getType().getNameAsString();
    }
    if (boxed != null && call.getNameAsString().equals(UNBOXING.get(boxed))) {
      sink.shape(
          IssueKind.REDUNDANT_BOXING,
          call,
          boxed + " is boxed only to be unboxed by " + call.getNameAsString() + "()");
    }
  }

  private void booleanReturn(IfStmt ifStmt) {
    Optional<Boolean> then = returnedBoolean(ifStmt.getThenStmt());
    if (then.isEmpty()) {
      return;
    }
    Optional<Boolean> otherwise;
    if (ifStmt.getElseStmt().isPresent()) {
      otherwise = returnedBoolean(ifStmt.getElseStmt().get());
    } else {
      otherwise = nextStatement(ifStmt).flatMap(AntiPatterns::returnedBoolean);
    }
    if (otherwise.isPresent() && !otherwise.get().equals(then.get())) {
      sink.shape(
          IssueKind.BOOLEAN_RETURN_IF,
          ifStmt,
          "if returning true or false: return the condition itself");
    }
  }

  /** The boolean literal a statement (or a block of one statement) returns. */
  static Optional<Boolean> returnedBoolean(Statement statement) {
    Statement single = statement;
    if (statement instanceof BlockStmt block) {
      if (block.getStatements().size() != 1) {
        return Optional.empty();
      }
      single = block.getStatement(0);
    }
    if (single instanceof ReturnStmt ret
        && ret.getExpression().orElse(null) instanceof BooleanLiteralExpr literal) {
      return Optional.of(literal.getValue());
    }
    return Optional.empty();
  }

  /** The statement after this one in its block. */
  static Optional<Statement> nextStatement(Statement statement) {
    if (statement.getParentNode().orElse(null) instanceof BlockStmt block) {
      int index = block.getStatements().indexOf(statement);
      if (index >= 0 && index + 1 < block.getStatements().size()) {
        return Optional.of(block.getStatement(index + 1));
      }
    }
    return Optional.empty();
  }

  private void sizeComparedWithZero(BinaryExpr binary) {
    Expression left = binary.getLeft();
    Expression right = binary.getRight();
    MethodCallExpr size;
    if (isSizeCall(left) && isZero(right)) {
      size = left.asMethodCallExpr();
    } else if (isZero(left) && isSizeCall(right)) {
      size = right.asMethodCallExpr();
    } else {
      return;
    }
    BinaryExpr.Operator operator = binary.getOperator();
    boolean zeroOnLeft = isZero(left);
    boolean emptiness =
        operator == BinaryExpr.Operator.EQUALS
            || operator == BinaryExpr.Operator.NOT_EQUALS
            || !zeroOnLeft && operator == BinaryExpr.Operator.GREATER
            || zeroOnLeft && operator == BinaryExpr.Operator.LESS;
    if (emptiness
        && size.getScope().isPresent()
        && hasIsEmpty(size.getScope().get(), size.getNameAsString())) {
      sink.shape(
          IssueKind.SIZE_COMPARED_WITH_ZERO,
          binary,
          size.getNameAsString() + "() compared with 0: isEmpty() says it directly");
    }
  }

  private static boolean isSizeCall(Expression expression) {
    return expression instanceof MethodCallExpr call
        && (call.getNameAsString().equals("size") || call.getNameAsString().equals("length"))
        && call.getArguments().isEmpty();
  }

  private static boolean isZero(Expression expression) {
    return expression instanceof IntegerLiteralExpr literal && literal.getValue().equals("0");
  }

  /** Whether the receiver of {@code size()}/{@code length()} is a JDK collection, map or String. */
  static boolean hasIsEmpty(Expression scope, String method) {
    Optional<Type> type = JavaSyntax.declaredType(scope);
    if (type.isEmpty()) {
      return scope instanceof MethodCallExpr view
          && view.getArguments().isEmpty()
          && Set.of("keySet", "values", "entrySet").contains(view.getNameAsString())
          && method.equals("size");
    }
    String name = JavaSyntax.simpleName(type.get());
    return method.equals("size") && JavaSyntax.JDK_COLLECTIONS.contains(name)
        || method.equals("length") && name.equals("String");
  }

  private void unusedPrivateFields(CompilationUnit unit) {
    Set<String> used = new HashSet<>();
    unit.findAll(NameExpr.class).forEach(name -> used.add(name.getNameAsString()));
    unit.findAll(FieldAccessExpr.class).forEach(field -> used.add(field.getNameAsString()));
    unit.findAll(com.github.javaparser.ast.expr.MethodReferenceExpr.class)
        .forEach(ref -> used.add(ref.getIdentifier()));
    for (FieldDeclaration field : unit.findAll(FieldDeclaration.class)) {
      if (!field.isPrivate() || !field.getAnnotations().isEmpty()) {
        continue;
      }
      for (VariableDeclarator variable : field.getVariables()) {
        String name = variable.getNameAsString();
        if (!used.contains(name)
            && !name.equals("serialVersionUID")
            && !name.equals("serialPersistentFields")
            && !field.getModifiers().contains(Modifier.nativeModifier())) {
          sink.shape(
              IssueKind.UNUSED_PRIVATE_FIELD,
              field.getVariables().size() == 1 ? field : variable,
              "private field " + name + " is never used");
        }
      }
    }
  }

  private void unusedImports(CompilationUnit unit) {
    for (ImportDeclaration importDeclaration : unit.getImports()) {
      if (importDeclaration.isAsterisk()) {
        continue;
      }
      String name = importDeclaration.getName().getIdentifier();
      if (identifierCounts().getOrDefault(name, 0) < 2) {
        sink.shape(
            IssueKind.UNUSED_IMPORT,
            importDeclaration,
            "import " + importDeclaration.getNameAsString() + " is not used");
      }
    }
  }

  /** How often each identifier occurs in the text, comments and strings included. */
  private Map<String, Integer> identifierCounts() {
    if (identifiers == null) {
      identifiers = new HashMap<>();
      Matcher matcher = IDENTIFIER.matcher(source);
      while (matcher.find()) {
        identifiers.merge(matcher.group(), 1, Integer::sum);
      }
    }
    return identifiers;
  }

  private static boolean isScope(MethodCallExpr call, String name) {
    return call.getScope().orElse(null) instanceof NameExpr scope
            && scope.getNameAsString().equals(name)
        || call.getScope().orElse(null) instanceof FieldAccessExpr field
            && field.toString().equals("java.util.regex." + name);
  }

  private static boolean arity(MethodCallExpr call, int count) {
    return call.getArguments().size() == count;
  }
}
