package dev.beca.core.agent;

import dev.beca.core.InvalidInputException;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * How much the assistant may do without asking, before any rule applies:
 *
 * <table>
 *   <caption>The effect of each mode by risk level</caption>
 *   <tr><th>mode</th><th>low</th><th>medium</th><th>high</th><th>critical</th></tr>
 *   <tr><td>read-only</td><td>allow</td><td>deny</td><td>deny</td><td>deny</td></tr>
 *   <tr><td>ask</td><td>allow</td><td>ask</td><td>ask</td><td>deny</td></tr>
 *   <tr><td>auto-edit</td><td>allow</td><td>allow</td><td>ask</td><td>deny</td></tr>
 *   <tr><td>full-auto</td><td>allow</td><td>allow</td><td>allow</td><td>deny</td></tr>
 * </table>
 */
public enum ApprovalMode {
  /** Reads only; nothing else runs, whatever the rules say. */
  READ_ONLY("read-only"),
  /** Asks before writing or running anything. */
  ASK("ask"),
  /** Edits the project freely, asks before commands. */
  AUTO_EDIT("auto-edit"),
  /** Edits and runs commands freely. */
  FULL_AUTO("full-auto");

  private final String word;

  ApprovalMode(String word) {
    this.word = word;
  }

  /** The name users type ({@code read-only}, {@code ask}, {@code auto-edit}, {@code full-auto}). */
  public String word() {
    return word;
  }

  /**
   * The mode's effect on a call of a given risk, before rules.
   *
   * @param level the call's risk
   * @return the effect
   */
  public PolicyEffect effectFor(RiskLevel level) {
    if (level == RiskLevel.CRITICAL) {
      return PolicyEffect.DENY;
    }
    if (level == RiskLevel.LOW) {
      return PolicyEffect.ALLOW;
    }
    return switch (this) {
      case READ_ONLY -> PolicyEffect.DENY;
      case ASK -> PolicyEffect.ASK;
      case AUTO_EDIT -> level == RiskLevel.MEDIUM ? PolicyEffect.ALLOW : PolicyEffect.ASK;
      case FULL_AUTO -> PolicyEffect.ALLOW;
    };
  }

  /**
   * Parses a mode's name.
   *
   * @param text {@code read-only}, {@code ask}, {@code auto-edit} or {@code full-auto}
   * @return the mode
   * @throws InvalidInputException for any other text
   */
  public static ApprovalMode parse(String text) {
    for (ApprovalMode mode : values()) {
      if (mode.word.equalsIgnoreCase(text == null ? "" : text.strip())) {
        return mode;
      }
    }
    throw new InvalidInputException(
        "'" + text + "' is not an approval mode.",
        "Use one of "
            + Arrays.stream(values()).map(ApprovalMode::word).collect(Collectors.joining(", "))
            + ".");
  }
}
