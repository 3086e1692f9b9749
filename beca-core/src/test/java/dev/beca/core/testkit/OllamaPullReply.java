package dev.beca.core.testkit;

import java.time.Duration;
import java.util.Objects;

/**
 * How the {@link OllamaLoopbackServer} answers one {@code /api/pull}: how many progress records
 * each layer gets, how long to wait between records, and whether to fail mid-way. A model that was
 * not registered with {@link OllamaLoopbackServer#addPullable(OllamaModelSpec)} always fails with
 * {@code pull model manifest: file does not exist}, as Ollama does for an unknown name.
 *
 * @param progressSteps {@code completed} records per layer after its first record (at least 1)
 * @param stepDelay the wait before each record after the first
 * @param errorAfter records sent before {@code {"error":...}} ends the stream; negative for none
 * @param error the text of that error
 */
public record OllamaPullReply(int progressSteps, Duration stepDelay, int errorAfter, String error) {

  /**
   * Checks the fields.
   *
   * @param progressSteps see the record component
   * @param stepDelay see the record component
   * @param errorAfter see the record component
   * @param error see the record component
   */
  public OllamaPullReply {
    if (progressSteps < 1) {
      throw new IllegalArgumentException("progressSteps must be at least 1: " + progressSteps);
    }
    if (stepDelay == null || stepDelay.isNegative()) {
      throw new IllegalArgumentException("stepDelay must be zero or positive: " + stepDelay);
    }
    if (errorAfter >= 0) {
      Objects.requireNonNull(error, "error");
    }
  }

  /**
   * Returns the default: three progress records per layer, no delay, success.
   *
   * @return the script
   */
  public static OllamaPullReply success() {
    return new OllamaPullReply(3, Duration.ZERO, -1, null);
  }

  /**
   * Returns a pull that fails after some records with {@code {"error":"message"}}, e.g. {@code
   * failingAfter(3, "max retries exceeded: unexpected EOF")}. Without streaming it is HTTP 500.
   *
   * @param records progress records sent before the error
   * @param message the text of the error
   * @return the script
   */
  public static OllamaPullReply failingAfter(int records, String message) {
    if (records < 0) {
      throw new IllegalArgumentException("records must not be negative: " + records);
    }
    return new OllamaPullReply(3, Duration.ZERO, records, message);
  }

  /**
   * Returns a copy with another number of progress records per layer.
   *
   * @param steps at least 1
   * @return the changed copy
   */
  public OllamaPullReply withProgressSteps(int steps) {
    return new OllamaPullReply(steps, stepDelay, errorAfter, error);
  }

  /**
   * Returns a copy that waits between records, to test progress display or cancellation.
   *
   * @param delay the wait
   * @return the changed copy
   */
  public OllamaPullReply withStepDelay(Duration delay) {
    return new OllamaPullReply(progressSteps, delay, errorAfter, error);
  }
}
