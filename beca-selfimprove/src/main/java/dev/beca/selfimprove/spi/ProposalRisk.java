package dev.beca.selfimprove.spi;

import java.util.Locale;

/** How risky a proposal is, estimated from the size of its change. */
public enum ProposalRisk {
  /** At most 20 changed lines in one file. */
  LOW,
  /** At most 100 changed lines in at most 5 files. */
  MEDIUM,
  /** Anything larger. */
  HIGH;

  /**
   * Estimates the risk from a change's size.
   *
   * @param files files touched
   * @param changedLines lines added plus lines removed
   * @return the estimate
   */
  public static ProposalRisk estimate(int files, int changedLines) {
    if (files <= 1 && changedLines <= 20) {
      return LOW;
    }
    if (files <= 5 && changedLines <= 100) {
      return MEDIUM;
    }
    return HIGH;
  }

  /** The lower-case name, as the archive stores it. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
