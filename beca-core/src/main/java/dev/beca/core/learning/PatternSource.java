package dev.beca.core.learning;

import java.util.Locale;

/** Where a {@link Pattern} was learned from. */
public enum PatternSource {
  /** A conversation: the assistant or the user saved it (the {@code save_pattern} tool). */
  CONVERSATION,
  /** Mined from a repository's build files, layout and imports ({@link RepositoryMiner}). */
  REPOSITORY,
  /** A benchmark result on the learning queue (its hints), recorded by the learning loop. */
  BENCHMARK;

  /** The lower-case name JSON and tables show. */
  public String word() {
    return name().toLowerCase(Locale.ROOT);
  }
}
