package dev.beca.selfimprove;

import dev.beca.selfimprove.spi.ProposalRisk;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * An opt-in policy that applies accepted proposals at the end of a cycle without waiting for a
 * person, when their risk is at most {@link #maxRisk()}. Each is applied like {@link
 * ImprovementEngine#approve} (rollback point, one commit with the trailer, verification before the
 * fast-forward), then verified <em>again</em> on the branch's new commit; a failure there rolls the
 * branch back to the rollback point at once. Never used in BECA's own repository ({@link
 * #isBecaRepository}), where every change waits for a person; nor when tracked files have
 * uncommitted changes (the proposal then waits for approval).
 *
 * <pre>{@code
 * ImprovementEngine.builder()...autoApply(AutoApplyPolicy.builder().maxRisk(ProposalRisk.LOW).build())
 * }</pre>
 */
public final class AutoApplyPolicy {

  private final ProposalRisk maxRisk;

  private AutoApplyPolicy(Builder b) {
    this.maxRisk = b.maxRisk;
  }

  /** A builder; the default applies {@link ProposalRisk#LOW low-risk} proposals only. */
  public static Builder builder() {
    return new Builder();
  }

  /** The highest risk applied without a person. */
  public ProposalRisk maxRisk() {
    return maxRisk;
  }

  /** Whether a proposal of this risk is applied by the policy. */
  public boolean covers(ProposalRisk risk) {
    return risk.ordinal() <= maxRisk.ordinal();
  }

  /**
   * Whether a folder is BECA's own repository: its {@code pom.xml} is BECA's parent POM ({@code
   * dev.beca:beca-parent}).
   *
   * @param project the project's top folder
   * @return true for BECA's repository (or a copy of it)
   */
  public static boolean isBecaRepository(Path project) {
    Path pom = project.resolve("pom.xml");
    if (!Files.isRegularFile(pom)) {
      return false;
    }
    try {
      String text = Files.readString(pom);
      return text.contains("<groupId>dev.beca</groupId>")
          && text.contains("<artifactId>beca-parent</artifactId>");
    } catch (IOException | RuntimeException e) {
      return true; // unreadable: do not risk applying changes unattended
    }
  }

  @Override
  public String toString() {
    return "AutoApplyPolicy[maxRisk=" + maxRisk.label() + "]";
  }

  /** Builds an {@link AutoApplyPolicy}; setters fail fast naming the field. */
  public static final class Builder {
    private ProposalRisk maxRisk = ProposalRisk.LOW;

    private Builder() {}

    /** The highest risk applied without a person: LOW (default) or MEDIUM, never HIGH. */
    public Builder maxRisk(ProposalRisk value) {
      Objects.requireNonNull(value, "maxRisk");
      if (value == ProposalRisk.HIGH) {
        throw new IllegalArgumentException(
            "maxRisk must be LOW or MEDIUM: high-risk proposals always wait for a person");
      }
      this.maxRisk = value;
      return this;
    }

    /** The policy. */
    public AutoApplyPolicy build() {
      return new AutoApplyPolicy(this);
    }
  }
}
