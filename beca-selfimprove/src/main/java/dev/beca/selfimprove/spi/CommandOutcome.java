package dev.beca.selfimprove.spi;

import java.util.OptionalInt;

/**
 * How a command of an evaluation step ended.
 *
 * @param exitCode its exit code; empty when it was killed
 * @param timedOut whether the time limit killed it
 * @param stopped whether an emergency stop killed it
 * @param output its output (standard output and error merged, start and end kept when long)
 */
public record CommandOutcome(
    OptionalInt exitCode, boolean timedOut, boolean stopped, String output) {

  /** Whether it ended by itself with exit code 0. */
  public boolean succeeded() {
    return exitCode.isPresent() && exitCode.getAsInt() == 0;
  }
}
