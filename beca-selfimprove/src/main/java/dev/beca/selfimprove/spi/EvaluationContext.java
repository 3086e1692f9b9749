package dev.beca.selfimprove.spi;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * What an {@link EvaluationStep} works on: a tree (the base revision's or a proposal's worktree),
 * the base tree to compare with, the time left, and commands that run in the same sandbox as the
 * agent's (bubblewrap when present: only the tree and the build caches writable, no network),
 * killed with every process below them on timeout or emergency stop.
 */
public interface EvaluationContext {

  /** The tree to evaluate (a temporary git worktree). */
  Path tree();

  /** The base revision's tree, when {@link #tree()} is a proposal's; empty for the base itself. */
  Optional<Path> baseTree();

  /** The time this step may take (its own limit, cut by the cycle's budget). */
  Duration timeLimit();

  /** Whether an emergency stop was requested: end as soon as possible. */
  boolean isStopped();

  /**
   * Runs a shell command line in a tree, in the sandbox, with the time left.
   *
   * @param commandLine the command line ({@code bash -c})
   * @param directory the tree to run it in ({@link #tree()} or {@link #baseTree()})
   * @return how it ended
   */
  CommandOutcome run(String commandLine, Path directory);

  /** Runs a shell command line in {@link #tree()}. */
  default CommandOutcome run(String commandLine) {
    return run(commandLine, tree());
  }
}
