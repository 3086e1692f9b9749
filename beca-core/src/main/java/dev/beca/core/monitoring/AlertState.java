package dev.beca.core.monitoring;

/** Whether an alert event marks a threshold crossed or cleared. */
public enum AlertState {
  /** The value crossed the threshold. */
  RAISED,
  /** The value is back within the threshold. */
  CLEARED
}
