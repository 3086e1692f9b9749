package dev.beca.core.quality;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The weighted score of one benchmark run and how it was reached.
 *
 * @param value the score, 0 (worst) to 1 (best)
 * @param parts the value of each scored part (tests, lint, coverage) that was measured, 0 to 1
 * @param weights the weight each measured part got after renormalisation; they sum to 1
 * @param renormalised whether some part was not measured, so its weight was spread over the others
 * @param unavailable the parts (including security) that no probe measured, with the reason
 * @param securityGate whether high-severity security findings capped the score
 * @param explanation one line saying how the value was reached
 * @param hints what to improve, most important first
 */
public record QualityScore(
    double value,
    Map<ProbeKind, Double> parts,
    Map<ProbeKind, Double> weights,
    boolean renormalised,
    Map<ProbeKind, String> unavailable,
    boolean securityGate,
    String explanation,
    List<String> hints) {

  /** Checks the components and copies the collections. */
  public QualityScore {
    if (!(value >= 0 && value <= 1)) {
      throw new IllegalArgumentException("value must be between 0 and 1, was " + value);
    }
    parts = ordered(Objects.requireNonNull(parts, "parts"));
    weights = ordered(Objects.requireNonNull(weights, "weights"));
    unavailable = ordered(Objects.requireNonNull(unavailable, "unavailable"));
    Objects.requireNonNull(explanation, "explanation");
    hints = List.copyOf(Objects.requireNonNull(hints, "hints"));
  }

  /** An unmodifiable copy in the order of {@link ProbeKind}, so that parts always print alike. */
  private static <V> Map<ProbeKind, V> ordered(Map<ProbeKind, V> map) {
    Map<ProbeKind, V> copy = new EnumMap<>(ProbeKind.class);
    map.forEach(
        (kind, value) ->
            copy.put(Objects.requireNonNull(kind, "kind"), Objects.requireNonNull(value, "value")));
    return Collections.unmodifiableMap(copy);
  }
}
