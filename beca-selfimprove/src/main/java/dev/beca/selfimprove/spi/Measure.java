package dev.beca.selfimprove.spi;

import java.util.Objects;

/**
 * A figure a step measured on one tree, compared with the same measure on the base revision.
 *
 * @param name what it is ({@code coverage.line}, {@code lint.findings}, {@code time.tests_ms})
 * @param value the figure
 * @param higherIsBetter whether a higher figure is an improvement
 * @param noise a change of at most this much counts as no change
 */
public record Measure(String name, double value, boolean higherIsBetter, double noise) {

  /** Validates the fields. */
  public Measure {
    Objects.requireNonNull(name, "name");
    if (Double.isNaN(value)) {
      throw new IllegalArgumentException("value of " + name + " must be a number");
    }
    if (noise < 0 || Double.isNaN(noise)) {
      throw new IllegalArgumentException("noise of " + name + " must not be negative");
    }
  }
}
