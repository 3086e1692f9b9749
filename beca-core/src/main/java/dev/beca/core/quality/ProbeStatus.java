package dev.beca.core.quality;

/** How a probe's run ended. */
public enum ProbeStatus {
  /** The tool ran and its report was read. */
  OK,
  /** The tool is not installed or does not apply; the message says how to install it. */
  UNAVAILABLE,
  /** The tool ran but produced no readable report; the message says why. */
  FAILED,
  /** The run's time limit passed; the tool and all its child processes were killed. */
  TIMED_OUT
}
