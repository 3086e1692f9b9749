package dev.beca.core.learning;

import java.util.Objects;

/**
 * How many source files import from one package outside the repository.
 *
 * @param language {@code java} or {@code python}
 * @param packageName the top package, e.g. {@code org.springframework.boot} or {@code werkzeug}
 * @param files how many source files import from it
 */
public record ImportCount(String language, String packageName, int files) {

  /** Checks the components. */
  public ImportCount {
    Objects.requireNonNull(language, "language");
    Objects.requireNonNull(packageName, "packageName");
  }
}
