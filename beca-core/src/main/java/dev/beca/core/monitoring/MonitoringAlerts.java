package dev.beca.core.monitoring;

import java.util.List;

/**
 * The events of threshold alerts: each crossing and each clearing, as {@link ThresholdWatch}
 * records them.
 *
 * <p>Implementations are thread-safe, commit each {@link #record} before returning, keep at least
 * the latest {@link #KEPT} events, and translate storage errors into {@link
 * dev.beca.core.StorageException}. The contract kit {@code MonitoringStoresContract} (beca-core's
 * test-jar) holds what every implementation must do.
 */
public interface MonitoringAlerts {

  /** How many of the latest events are kept at least; older ones may be deleted. */
  int KEPT = 10_000;

  /**
   * Stores an event.
   *
   * @param alert the event; its id is ignored
   * @return the event with its id
   */
  MonitoringAlert record(MonitoringAlert alert);

  /**
   * The latest events, newest first.
   *
   * @param limit how many at most; positive
   * @return the events
   */
  List<MonitoringAlert> recent(int limit);

  /**
   * The alerts in force: for each rule and series, its latest event when that is {@link
   * AlertState#RAISED}; newest first.
   */
  List<MonitoringAlert> active();
}
