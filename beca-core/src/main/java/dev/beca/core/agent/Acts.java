package dev.beca.core.agent;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares what a LangChain4j {@code @Tool} method does, so that {@link AnnotatedTools} can offer
 * it to the assistant under the permission policy: the tool states its {@link ActionKind kind} and
 * which of its parameters are paths (checked against the project like the file tools' paths, and
 * resolved inside it before the method sees them). A {@code @Tool} method without it is refused,
 * since a call whose effect nobody declared cannot be classified.
 *
 * <pre>{@code
 * @Tool("Scan a file or folder for secrets")
 * @Acts(value = ActionKind.READ, paths = "path")
 * public String scanPath(@P("path of the file or folder") String path) { ... }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Acts {

  /** What a call does. */
  ActionKind value();

  /**
   * The names of the parameters that are paths in the project, as the tool's specification names
   * them ({@code @P(name = ...)} or the parameter's name).
   */
  String[] paths() default {};
}
