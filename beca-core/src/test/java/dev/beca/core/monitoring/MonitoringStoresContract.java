package dev.beca.core.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.beca.core.InvalidInputException;
import dev.beca.core.conversation.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What every {@link MetricHistory} and {@link MonitoringAlerts} must do. Extend it with a factory
 * for fresh, empty stores on the given clock and retention.
 */
public abstract class MonitoringStoresContract {

  /** A history and an alert log, fresh for one test. */
  public record Stores(MetricHistory history, MonitoringAlerts alerts) {}

  /** The start of every test's clock. */
  protected static final Instant START = Instant.parse("2026-03-01T00:00:00Z");

  /** The clock handed to the stores. */
  protected final MutableClock clock = new MutableClock(START);

  /**
   * Creates empty stores for one test.
   *
   * @param clock what pruning counts from
   * @param retention the retention rule
   * @return the stores
   */
  protected abstract Stores createStores(MutableClock clock, MetricRetention retention);

  private Stores stores() {
    return createStores(clock, MetricRetention.STANDARD);
  }

  private static MetricSample sample(String name, String at, double value) {
    return new MetricSample(name, Instant.parse(at), value);
  }

  @Test
  void rawSamplesOfARangeReadBackOldestFirstWithTheEndExcluded() {
    MetricHistory history = stores().history();
    history.record(
        List.of(
            sample("jvm.heap.used_bytes", "2026-03-01T00:00:30Z", 300),
            sample("jvm.heap.used_bytes", "2026-03-01T00:00:10Z", 100),
            sample("jvm.heap.used_bytes", "2026-03-01T00:00:20Z", 200),
            sample("http.p95_ms:GET /threads", "2026-03-01T00:00:20Z", 7)));
    clock.advance(Duration.ofMinutes(1));

    List<SeriesPoint> points =
        history.series(
            "jvm.heap.used_bytes",
            Instant.parse("2026-03-01T00:00:10Z"),
            Instant.parse("2026-03-01T00:00:30Z"),
            Resolution.RAW);

    assertThat(points).extracting(SeriesPoint::average).containsExactly(100.0, 200.0);
    assertThat(points.get(0).at()).isEqualTo(Instant.parse("2026-03-01T00:00:10Z"));
    assertThat(points.get(0).count()).isEqualTo(1);
    assertThat(history.series("no.such", START, START.plusSeconds(60), Resolution.RAW)).isEmpty();
    assertThat(history.names()).containsExactly("http.p95_ms:GET /threads", "jvm.heap.used_bytes");
  }

  @Test
  void minuteAndHourPointsAreExactAveragesWithMinMaxAndCount() {
    MetricHistory history = stores().history();
    history.record(
        List.of(
            sample("cpu", "2026-03-01T10:00:05Z", 1),
            sample("cpu", "2026-03-01T10:00:35Z", 3),
            sample("cpu", "2026-03-01T10:01:10Z", 10)));
    history.record(List.of(sample("cpu", "2026-03-01T10:59:59Z", 6)));
    clock.advance(Duration.ofHours(11));

    List<SeriesPoint> minutes =
        history.series(
            "cpu",
            Instant.parse("2026-03-01T10:00:00Z"),
            Instant.parse("2026-03-01T11:00:00Z"),
            Resolution.MINUTE);
    List<SeriesPoint> hours =
        history.series(
            "cpu",
            Instant.parse("2026-03-01T00:00:00Z"),
            Instant.parse("2026-03-02T00:00:00Z"),
            Resolution.HOUR);

    assertThat(minutes).hasSize(3);
    assertThat(minutes.get(0))
        .isEqualTo(new SeriesPoint(Instant.parse("2026-03-01T10:00:00Z"), 2.0, 1, 3, 2));
    assertThat(minutes.get(1))
        .isEqualTo(new SeriesPoint(Instant.parse("2026-03-01T10:01:00Z"), 10, 10, 10, 1));
    assertThat(minutes.get(2).at()).isEqualTo(Instant.parse("2026-03-01T10:59:00Z"));
    assertThat(hours).hasSize(1);
    assertThat(hours.get(0).at()).isEqualTo(Instant.parse("2026-03-01T10:00:00Z"));
    assertThat(hours.get(0).average())
        .isCloseTo(5.0, within(1e-9)); // (1+3+10+6)/4, not mean of means
    assertThat(hours.get(0).count()).isEqualTo(4);
    assertThat(hours.get(0).min()).isEqualTo(1);
    assertThat(hours.get(0).max()).isEqualTo(10);
  }

  @Test
  void downsamplingKeepsEachResolutionForItsPeriodOnlySoTheSeriesStaysBounded() {
    MetricRetention retention =
        new MetricRetention(Duration.ofHours(2), Duration.ofHours(12), Duration.ofHours(48));
    MetricHistory history = createStores(clock, retention).history();
    // Four days of a sample every 10 minutes, recorded an hour at a time; value = sample number.
    for (int hour = 0; hour < 96; hour++) {
      List<MetricSample> batch = new ArrayList<>();
      for (int k = 0; k < 6; k++) {
        batch.add(
            new MetricSample(
                "queue.learning",
                START.plus(Duration.ofHours(hour)).plus(Duration.ofMinutes(10L * k)),
                hour * 6 + k));
      }
      clock.advance(Duration.ofHours(1));
      history.record(batch);
    }
    Instant end = clock.instant();

    List<SeriesPoint> raw = history.series("queue.learning", START, end, Resolution.RAW);
    List<SeriesPoint> minutes = history.series("queue.learning", START, end, Resolution.MINUTE);
    List<SeriesPoint> hours = history.series("queue.learning", START, end, Resolution.HOUR);

    assertThat(raw).hasSize(12);
    assertThat(raw.get(0).at()).isEqualTo(end.minus(Duration.ofHours(2)));
    assertThat(minutes).hasSize(72);
    assertThat(minutes.get(0).at()).isEqualTo(end.minus(Duration.ofHours(12)));
    assertThat(hours).hasSize(48);
    assertThat(hours.get(0).at()).isEqualTo(end.minus(Duration.ofHours(48)));
    for (SeriesPoint point : hours) {
      int hour = (int) Duration.between(START, point.at()).toHours();
      assertThat(point.count()).isEqualTo(6);
      assertThat(point.average()).isCloseTo(hour * 6 + 2.5, within(1e-9));
      assertThat(point.min()).isEqualTo(hour * 6);
      assertThat(point.max()).isEqualTo(hour * 6 + 5);
    }
    assertThat(history.retention()).isEqualTo(retention);
  }

  @Test
  void anEmptyRangeIsRefused() {
    MetricHistory history = stores().history();

    assertThatThrownBy(() -> history.series("cpu", START, START, Resolution.RAW))
        .isInstanceOf(InvalidInputException.class);
  }

  private static MonitoringAlert alert(String rule, String series, AlertState state, String at) {
    return new MonitoringAlert(0, rule, series, state, 1, 2, Instant.parse(at), "m");
  }

  @Test
  void alertEventsGetIncreasingIdsAndListNewestFirst() {
    MonitoringAlerts alerts = stores().alerts();
    MonitoringAlert first =
        alerts.record(
            alert("heap", "jvm.heap.used_ratio", AlertState.RAISED, "2026-03-01T00:01:00Z"));
    MonitoringAlert second =
        alerts.record(
            alert("heap", "jvm.heap.used_ratio", AlertState.CLEARED, "2026-03-01T00:02:00Z"));

    assertThat(second.id()).isGreaterThan(first.id());
    assertThat(alerts.recent(10)).containsExactly(second, first);
    assertThat(alerts.recent(1)).containsExactly(second);
    assertThat(first.message()).isEqualTo("m");
    assertThat(first.at()).isEqualTo(Instant.parse("2026-03-01T00:01:00Z"));
  }

  @Test
  void activeAlertsAreThoseWhoseLatestEventIsRaised() {
    MonitoringAlerts alerts = stores().alerts();
    alerts.record(alert("heap", "jvm.heap.used_ratio", AlertState.RAISED, "2026-03-01T00:01:00Z"));
    MonitoringAlert slow =
        alerts.record(
            alert("http.p95", "http.p95_ms:GET /a", AlertState.RAISED, "2026-03-01T00:01:00Z"));
    alerts.record(alert("heap", "jvm.heap.used_ratio", AlertState.CLEARED, "2026-03-01T00:02:00Z"));
    MonitoringAlert heapAgain =
        alerts.record(
            alert("heap", "jvm.heap.used_ratio", AlertState.RAISED, "2026-03-01T00:03:00Z"));

    assertThat(alerts.active()).containsExactly(heapAgain, slow);
  }

  @Test
  void aWatchRaisesOnceClearsOnceAndRemembersAcrossRestarts() {
    Stores stores = stores();
    AlertThresholds thresholds = AlertThresholds.builder().heapUsedRatio(0.8).build();
    ThresholdWatch watch = new ThresholdWatch(thresholds, stores.alerts());

    assertThat(watch.evaluate(List.of(heap(0.5)))).isEmpty();
    clock.advance(Duration.ofSeconds(30));
    List<MonitoringAlert> raised = watch.evaluate(List.of(heap(0.85)));
    clock.advance(Duration.ofSeconds(30));
    assertThat(watch.evaluate(List.of(heap(0.9)))).isEmpty();
    ThresholdWatch afterRestart = new ThresholdWatch(thresholds, stores.alerts());
    assertThat(afterRestart.evaluate(List.of(heap(0.95)))).isEmpty();
    clock.advance(Duration.ofSeconds(30));
    List<MonitoringAlert> cleared = afterRestart.evaluate(List.of(heap(0.4)));

    assertThat(raised)
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.state()).isEqualTo(AlertState.RAISED);
              assertThat(a.rule()).isEqualTo(AlertThresholds.HEAP);
              assertThat(a.at()).isEqualTo(START.plusSeconds(30));
              assertThat(a.message()).contains("85.0 %").contains("above the threshold of 80.0 %");
            });
    assertThat(cleared)
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.state()).isEqualTo(AlertState.CLEARED);
              assertThat(a.at()).isEqualTo(START.plusSeconds(90));
            });
    assertThat(stores.alerts().recent(10))
        .extracting(MonitoringAlert::state)
        .containsExactly(AlertState.CLEARED, AlertState.RAISED);
    assertThat(stores.alerts().active()).isEmpty();
  }

  private MetricSample heap(double ratio) {
    return new MetricSample(SeriesNames.HEAP_USED_RATIO, clock.instant(), ratio);
  }
}
