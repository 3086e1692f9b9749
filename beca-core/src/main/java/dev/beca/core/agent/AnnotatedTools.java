package dev.beca.core.agent;

import dev.beca.core.BecaException;
import dev.beca.core.InvalidInputException;
import dev.beca.core.secrets.SecretTools;
import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.agent.tool.ToolSpecifications;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Offers the {@code @Tool} methods of an object (BECA's memory, model, benchmark and secret tools,
 * or a user's own) as {@link AgentTool}s, so that they run through the same {@link ToolRunner} as
 * the project's tools: schema-checked arguments, the permission policy, the audit and the secret
 * filter. Each method declares what it does with {@link Acts}; its path parameters must lie inside
 * the project and reach the method resolved (absolute).
 *
 * <p>Parameters may be {@code String}, {@code long}/{@code Long}, {@code int}/{@code Integer} and
 * {@code boolean}/{@code Boolean}, the types {@link ToolArguments} checks; a method returns its
 * text for the model. A {@link BecaException} thrown by the method becomes an error result with its
 * message; other exceptions are left to the runner.
 */
public final class AnnotatedTools {

  private static final Set<Class<?>> SUPPORTED =
      Set.of(
          String.class,
          long.class,
          Long.class,
          int.class,
          Integer.class,
          boolean.class,
          Boolean.class);

  private AnnotatedTools() {}

  /**
   * What a {@code @Tool} method does, for a class that cannot carry {@link Acts} (its package is
   * one the agent package depends on, so the annotation would make a package cycle).
   *
   * @param kind what a call does
   * @param paths the names of the path parameters
   */
  public record Declared(ActionKind kind, List<String> paths) {

    /** Checks the components. */
    public Declared {
      Objects.requireNonNull(kind, "kind");
      paths = List.copyOf(paths);
    }
  }

  /**
   * The secret tools ({@link SecretTools}): scanning a text, scanning a path inside the project and
   * listing alerts, all reads.
   *
   * @param tools the secret tools
   * @param root the project that scanned paths must lie in
   * @return the tools
   */
  public static List<AgentTool> secretTools(SecretTools tools, ProjectRoot root) {
    return from(
        tools,
        root,
        Map.of(
            "scanText", new Declared(ActionKind.READ, List.of()),
            "scanPath", new Declared(ActionKind.READ, List.of("path")),
            "recentAlerts", new Declared(ActionKind.READ, List.of())));
  }

  /**
   * The tools of an object, one per {@code @Tool} method, in name order.
   *
   * @param target the object whose public {@code @Tool} methods are offered
   * @param root the project that path parameters must lie in
   * @return the tools
   * @throws IllegalArgumentException when a {@code @Tool} method lacks {@link Acts}, names a path
   *     parameter it does not have, or takes a parameter of an unsupported type
   */
  public static List<AgentTool> from(Object target, ProjectRoot root) {
    return from(target, root, Map.of());
  }

  /**
   * The tools of an object whose methods' effects are declared here rather than with {@link Acts}.
   *
   * @param target the object whose public {@code @Tool} methods are offered
   * @param root the project that path parameters must lie in
   * @param declared what each method does, by method name; a method's {@link Acts} wins
   * @return the tools
   * @throws IllegalArgumentException when a {@code @Tool} method is declared neither way, names a
   *     path parameter it does not have, or takes a parameter of an unsupported type
   */
  public static List<AgentTool> from(
      Object target, ProjectRoot root, Map<String, Declared> declared) {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(root, "root");
    Objects.requireNonNull(declared, "declared");
    List<AgentTool> tools = new ArrayList<>();
    Method[] methods = target.getClass().getMethods();
    Arrays.sort(methods, Comparator.comparing(Method::getName));
    for (Method method : methods) {
      if (method.isAnnotationPresent(Tool.class) && !Modifier.isStatic(method.getModifiers())) {
        Acts acts = method.getAnnotation(Acts.class);
        Declared declaration =
            acts != null
                ? new Declared(acts.value(), List.of(acts.paths()))
                : declared.get(method.getName());
        tools.add(new MethodTool(target, method, root, declaration));
      }
    }
    if (tools.isEmpty()) {
      throw new IllegalArgumentException(
          target.getClass().getName() + " has no public @Tool method to offer.");
    }
    return List.copyOf(tools);
  }

  private static final class MethodTool implements AgentTool {

    private final Object target;
    private final Method method;
    private final ProjectRoot root;
    private final ToolSpecification spec;
    private final ActionKind kind;
    private final List<String> parameterNames;
    private final Set<String> pathParameters;

    MethodTool(Object target, Method method, ProjectRoot root, Declared declared) {
      this.target = target;
      this.method = method;
      this.root = root;
      String where = target.getClass().getSimpleName() + "." + method.getName();
      if (declared == null) {
        throw new IllegalArgumentException(
            where
                + " is a @Tool without @Acts: declare what it does (read, write, command, own"
                + " state, project tools) so the permission policy can classify its calls.");
      }
      this.kind = declared.kind();
      this.spec = ToolSpecifications.toolSpecificationFrom(method);
      Map<String, ?> properties =
          spec.parameters() == null || spec.parameters().properties() == null
              ? Map.of()
              : spec.parameters().properties();
      List<String> names = new ArrayList<>();
      for (Parameter parameter : method.getParameters()) {
        if (!SUPPORTED.contains(parameter.getType())) {
          throw new IllegalArgumentException(
              where
                  + " takes a "
                  + parameter.getType().getSimpleName()
                  + "; tools offered to the assistant take strings, integers and booleans.");
        }
        String name = nameOf(parameter);
        if (!properties.containsKey(name)) {
          throw new IllegalArgumentException(
              where
                  + ": parameter '"
                  + name
                  + "' is not in the tool's schema; compile with -parameters or name it with"
                  + " @P(name = ...).");
        }
        names.add(name);
      }
      this.parameterNames = List.copyOf(names);
      this.pathParameters = Set.copyOf(declared.paths());
      for (String path : pathParameters) {
        int index = parameterNames.indexOf(path);
        if (index < 0 || method.getParameterTypes()[index] != String.class) {
          throw new IllegalArgumentException(
              where + " declares '" + path + "' as a path, but has no String parameter so named.");
        }
      }
    }

    private static String nameOf(Parameter parameter) {
      P p = parameter.getAnnotation(P.class);
      return p != null && !p.name().isEmpty() ? p.name() : parameter.getName();
    }

    @Override
    public ToolSpecification specification() {
      return spec;
    }

    @Override
    public ToolAction describe(ToolArguments arguments) {
      Map<String, Object> values = arguments.asMap();
      List<String> paths = new ArrayList<>();
      StringBuilder texts = new StringBuilder();
      for (String name : parameterNames) {
        Object value = values.get(name);
        if (value instanceof String text) {
          if (pathParameters.contains(name)) {
            paths.add(text);
          } else {
            texts.append(text).append('\n');
          }
        }
      }
      // What a state change stores passes the secret filter, like a file write's content.
      Optional<String> content =
          kind == ActionKind.OWN_STATE && !texts.isEmpty()
              ? Optional.of(texts.toString())
              : Optional.empty();
      return new ToolAction(kind, paths, Optional.empty(), content);
    }

    @Override
    public ToolResult execute(ToolArguments arguments) {
      Map<String, Object> values = arguments.asMap();
      Class<?>[] types = method.getParameterTypes();
      Object[] call = new Object[types.length];
      for (int i = 0; i < types.length; i++) {
        String name = parameterNames.get(i);
        Object value = values.get(name);
        if (value != null && pathParameters.contains(name)) {
          value = root.resolve((String) value).toString();
        }
        call[i] = convert(name, value, types[i]);
      }
      Object answer;
      try {
        answer = method.invoke(target, call);
      } catch (IllegalAccessException e) {
        throw new IllegalStateException("Cannot call " + method, e);
      } catch (InvocationTargetException e) {
        Throwable cause = e.getCause();
        if (cause instanceof BecaException failure) {
          return ToolResult.error(failure.getMessage());
        }
        if (cause instanceof RuntimeException runtime) {
          throw runtime;
        }
        if (cause instanceof Error error) {
          throw error;
        }
        throw new IllegalStateException(name() + " failed", cause);
      }
      String text = answer == null ? "(no result)" : answer.toString();
      String first = text.strip().lines().findFirst().orElse("");
      String display =
          name() + ": " + (first.length() <= 100 ? first : first.substring(0, 97) + "...");
      return ToolResult.ok(text, display);
    }

    private Object convert(String name, Object value, Class<?> type) {
      if (value == null) {
        if (type == long.class || type == int.class) {
          return type == long.class ? 0L : 0;
        }
        return type == boolean.class ? Boolean.FALSE : null;
      }
      if (type == int.class || type == Integer.class) {
        long number = (Long) value;
        if (number < Integer.MIN_VALUE || number > Integer.MAX_VALUE) {
          throw new InvalidInputException(
              "The argument '" + name + "' of " + name() + " is out of range: " + number + ".",
              "Send an integer between " + Integer.MIN_VALUE + " and " + Integer.MAX_VALUE + ".");
        }
        return (int) number;
      }
      return value;
    }
  }
}
