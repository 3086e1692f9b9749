package dev.beca.core.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rules of the thresholds beyond what every store's contract checks. */
class ThresholdWatchTest {

  private static final Instant T = Instant.parse("2026-03-01T00:00:00Z");

  private static MetricSample s(String name, double value) {
    return new MetricSample(name, T, value);
  }

  @Test
  void p95IsWatchedPerRouteAndNamesTheRoute() {
    InMemoryMonitoringStore store = new InMemoryMonitoringStore();
    ThresholdWatch watch =
        new ThresholdWatch(AlertThresholds.builder().p95LatencyMillis(100).build(), store);

    List<MonitoringAlert> events =
        watch.evaluate(
            List.of(s("http.p95_ms:GET /threads", 150), s("http.p95_ms:GET /sessions", 20)));

    assertThat(events)
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.series()).isEqualTo("http.p95_ms:GET /threads");
              assertThat(a.message())
                  .startsWith(
                      "p95 request time of GET /threads is 150 ms, above the threshold of 100 ms.");
            });
  }

  @Test
  void anErrorRateIsJudgedOnlyWithEnoughRequestsInTheTick() {
    InMemoryMonitoringStore store = new InMemoryMonitoringStore();
    ThresholdWatch watch =
        new ThresholdWatch(AlertThresholds.builder().errorRate(0.1).minRequests(5).build(), store);

    assertThat(
            watch.evaluate(
                List.of(s("http.requests:POST /chat", 2), s("http.error_rate:POST /chat", 1.0))))
        .isEmpty();
    assertThat(
            watch.evaluate(
                List.of(s("http.requests:POST /chat", 8), s("http.error_rate:POST /chat", 0.5))))
        .singleElement()
        .extracting(MonitoringAlert::rule)
        .isEqualTo(AlertThresholds.ERROR_RATE);
  }

  @Test
  void diskAlertsBelowTheLimitAndARuleCanBeTurnedOff() {
    InMemoryMonitoringStore store = new InMemoryMonitoringStore();
    ThresholdWatch watch =
        new ThresholdWatch(
            AlertThresholds.builder().diskFreeBytes(1024L * 1024 * 1024).off("heap").build(),
            store);

    List<MonitoringAlert> events =
        watch.evaluate(
            List.of(
                s(SeriesNames.DISK_FREE_BYTES, 512L * 1024 * 1024),
                s(SeriesNames.HEAP_USED_RATIO, 1.0)));

    assertThat(events)
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.rule()).isEqualTo(AlertThresholds.DISK);
              assertThat(a.message()).contains("512 MiB, below the threshold of 1024 MiB");
            });
    assertThatThrownBy(() -> AlertThresholds.builder().off("nonsense"))
        .hasMessageContaining("rule must be one of");
    assertThatThrownBy(() -> AlertThresholds.builder().errorRate(1.5))
        .hasMessageContaining("errorRate");
  }
}
