/**
 * Monitoring: a stored time series of samples ({@link dev.beca.core.monitoring.MetricHistory}),
 * downsampled by a fixed {@linkplain dev.beca.core.monitoring.MetricRetention retention rule} so it
 * stays bounded, and threshold alerts ({@link dev.beca.core.monitoring.ThresholdWatch} evaluates
 * {@link dev.beca.core.monitoring.AlertThresholds} on the samples and records in {@link
 * dev.beca.core.monitoring.MonitoringAlerts} when a threshold is crossed and when it clears).
 *
 * <p>{@link dev.beca.core.monitoring.InMemoryMonitoringStore} is the reference implementation; the
 * contract kit {@code MonitoringStoresContract} in beca-core's test-jar holds what every store must
 * do (the SQLite store of beca-memory passes it).
 */
package dev.beca.core.monitoring;
