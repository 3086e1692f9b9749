package dev.beca.core.learning;

import java.util.List;
import java.util.Objects;

/**
 * A framework found in a repository, with how much it is used.
 *
 * @param name the framework, e.g. {@code Spring Boot}
 * @param language its ecosystem: {@code java}, {@code python} or {@code javascript}
 * @param declaredIn the build files that declare it as a dependency or plugin (relative paths)
 * @param dependencies how many dependency or plugin entries of those build files name it
 * @param importingFiles how many source files import it
 * @param imports how many import statements name it
 */
public record FrameworkUse(
    String name,
    String language,
    List<String> declaredIn,
    int dependencies,
    int importingFiles,
    int imports) {

  /** Checks the components and copies the list. */
  public FrameworkUse {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(language, "language");
    declaredIn = List.copyOf(declaredIn);
  }
}
