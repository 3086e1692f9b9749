package dev.beca.core.secrets;

import dev.beca.core.NonRetriableBecaException;
import java.util.List;

/**
 * A file write or command was refused because it contains a secret. The findings hold only redacted
 * forms and fingerprints.
 */
public class SecretDetectedException extends NonRetriableBecaException {

  private static final long serialVersionUID = 1L;

  private final transient List<SecretFinding> findings;

  /**
   * Creates the exception.
   *
   * @param problem what was refused and why
   * @param remedy how to proceed
   * @param findings what was found
   */
  public SecretDetectedException(String problem, String remedy, List<SecretFinding> findings) {
    super(problem, remedy, null);
    this.findings = List.copyOf(findings);
  }

  /** What was found (redacted). */
  public List<SecretFinding> findings() {
    return findings;
  }
}
