package dev.beca.selfimprove.spi;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.UUID;

/**
 * One proposed change to a project: a unified diff (the format {@code git apply} takes) with what
 * it does and where it came from.
 *
 * @param id unique across runs ({@link #of} makes a random one)
 * @param description what it changes and why, in words
 * @param source the {@link ProposalSource#name() source} that made it
 * @param diff the unified diff, paths relative to the project root ({@code a/} and {@code b/}
 *     prefixes as git writes them)
 * @param risk the risk estimate
 */
public record Proposal(
    String id, String description, String source, String diff, ProposalRisk risk) {

  /** Validates the fields: none may be blank. */
  public Proposal {
    requireText(id, "id");
    requireText(description, "description");
    requireText(source, "source");
    Objects.requireNonNull(diff, "diff");
    Objects.requireNonNull(risk, "risk");
    if (!id.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")) {
      throw new IllegalArgumentException(
          "id must be 1 to 64 letters, digits, '.', '_' or '-' (it names a git branch), was '"
              + id
              + "'");
    }
  }

  /**
   * A proposal with a random id and the risk estimated from the diff's size.
   *
   * @param source the source's name
   * @param description what it does
   * @param diff the unified diff
   * @return the proposal
   */
  public static Proposal of(String source, String description, String diff) {
    Objects.requireNonNull(diff, "diff");
    return new Proposal(
        "p-" + UUID.randomUUID().toString().replace("-", "").substring(0, 12),
        description,
        source,
        diff,
        estimateRisk(diff));
  }

  /** The risk of a diff by its size: files touched and lines added or removed. */
  public static ProposalRisk estimateRisk(String diff) {
    int files = 0;
    int changed = 0;
    for (String line : diff.split("\n", -1)) {
      if (line.startsWith("+++ ")) {
        files++;
      } else if ((line.startsWith("+") || line.startsWith("-")) && !line.startsWith("--- ")) {
        changed++;
      }
    }
    return ProposalRisk.estimate(Math.max(files, 1), changed);
  }

  /**
   * The SHA-256 (hex) of the diff's text with line ends normalised, trailing white space and the
   * {@code index} lines (blob ids) dropped: the same idea proposed again has the same hash.
   */
  public String diffHash() {
    return diffHash(diff);
  }

  /** See {@link #diffHash()}. */
  public static String diffHash(String diff) {
    StringBuilder normal = new StringBuilder();
    for (String line : diff.replace("\r\n", "\n").split("\n")) {
      if (line.startsWith("index ")) {
        continue;
      }
      normal.append(line.stripTrailing()).append('\n');
    }
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      return HexFormat.of()
          .formatHex(sha.digest(normal.toString().strip().getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
    }
  }

  private static void requireText(String value, String field) {
    Objects.requireNonNull(value, field);
    if (value.isBlank()) {
      throw new IllegalArgumentException(field + " must not be blank");
    }
  }
}
