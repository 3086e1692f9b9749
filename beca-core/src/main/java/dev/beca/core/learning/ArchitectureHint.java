package dev.beca.core.learning;

import java.util.List;
import java.util.Objects;

/**
 * An architecture a repository's layout shows.
 *
 * @param type {@code multi-module}, {@code monorepo}, {@code layered} or {@code hexagonal}
 * @param summary what it is, in one sentence
 * @param count how many modules, projects or packages show it
 * @param examples up to ten of them (module names, package names)
 */
public record ArchitectureHint(String type, String summary, int count, List<String> examples) {

  /** Checks the components and copies the list. */
  public ArchitectureHint {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(summary, "summary");
    examples = List.copyOf(examples);
  }
}
