package dev.beca.server.internal;

import dev.beca.core.model.ModelServerLoad;
import dev.beca.core.monitoring.MetricSample;
import dev.beca.core.monitoring.MonitoringSettings;
import dev.beca.core.testkit.OllamaLoopbackServer;
import dev.beca.memory.SqliteKnowledgeBase;
import dev.beca.models.OllamaModelServer;
import dev.beca.models.OllamaSettings;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.function.Supplier;

/**
 * Benchmark harness (issue 17): the cost of one monitoring tick of {@code beca serve} against the
 * cheapest way to take and keep the same figures, in the same run.
 *
 * <p>BECA's tick: drain the request windows of 30 routes (20 requests each, fed before the timed
 * part), the learning queue's length, CPU and memory through OSHI, heap, the data directory's disk,
 * {@code nvidia-smi} (absent here: one failed process start), a loopback Ollama's {@code /api/ps}
 * over HTTP, the samples stored in the real SQLite tables (raw row plus minute and hour upserts,
 * pruning) and the thresholds checked. The baseline: the JDK's own readings of CPU load, free
 * memory, heap and usable disk space, and the same number of rows inserted by raw JDBC in one
 * transaction into a plain table of another file with the same pragmas (WAL, synchronous=FULL).
 * Ticks alternate one by one (BECA, baseline, ...); figures are medians and 90th percentiles of
 * single ticks. Run it with:
 *
 * <pre>
 * ./mvnw -q -pl beca-server -am test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=dev.beca.server.internal.MonitoringTickBenchmark [-Dexec.args="TICKS"]
 * </pre>
 */
public final class MonitoringTickBenchmark {

  private MonitoringTickBenchmark() {}

  /** Runs the benchmark and prints the figures. */
  public static void main(String[] args) throws Exception {
    int ticks = args.length > 0 ? Integer.parseInt(args[0]) : 200;
    Path dir = Files.createTempDirectory("beca-monitoring-bench");
    try (OllamaLoopbackServer ollama = OllamaLoopbackServer.builder().model("llama3.2").start();
        SqliteKnowledgeBase kb =
            SqliteKnowledgeBase.builder()
                .dataDirectory(dir.resolve("beca"))
                .withoutEmbeddings()
                .open();
        Connection raw = rawConnection(dir.resolve("raw.db"));
        ServerMetrics metrics = new ServerMetrics()) {
      ollama.markRunning("llama3.2");
      OllamaModelServer server =
          new OllamaModelServer(
              "ollama", OllamaSettings.builder().baseUrl(ollama.baseUrl()).build());
      Supplier<List<ModelServerLoad>> load = () -> List.of(ModelServerLoad.check(server));
      MonitoringSettings settings =
          MonitoringSettings.builder()
              .dataDirectory(dir.resolve("beca"))
              .gpuCommand(List.of(dir.resolve("nvidia-smi").toString()))
              .build();
      ServerPorts ports =
          ServerPorts.builder()
              .tokens(kb.apiTokens())
              .audit(kb.decisionAudit())
              .benchmarks(kb.benchmarks())
              .clock(Clock.systemUTC())
              .metricHistory(kb.metricHistory())
              .monitoringAlerts(kb.monitoringAlerts())
              .modelServerLoad(load)
              .monitoring(settings)
              .build();
      MonitoringSampler sampler =
          new MonitoringSampler(ports, metrics, new ResourceProbe(settings, load, ports.clock()));
      try (Statement s = raw.createStatement()) {
        s.execute("CREATE TABLE samples (name TEXT NOT NULL, at INTEGER NOT NULL, value REAL)");
      }
      PreparedStatement insert = raw.prepareStatement("INSERT INTO samples VALUES (?, ?, ?)");
      java.net.http.HttpClient client =
          java.net.http.HttpClient.newBuilder()
              .version(java.net.http.HttpClient.Version.HTTP_1_1)
              .build();
      java.net.http.HttpRequest ps =
          java.net.http.HttpRequest.newBuilder(java.net.URI.create(ollama.baseUrl() + "/api/ps"))
              .build();
      com.sun.management.OperatingSystemMXBean os =
          (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

      long[] beca = new long[ticks];
      long[] base = new long[ticks];
      int samples = 0;
      int warmup = Math.max(20, ticks / 10);
      for (int i = -warmup; i < ticks; i++) {
        feed(metrics);
        long t0 = System.nanoTime();
        List<MetricSample> taken = sampler.tick();
        long t1 = System.nanoTime();
        samples = taken.size();
        double cpu = os.getCpuLoad();
        long free = os.getFreeMemorySize();
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        long disk = dir.toFile().getUsableSpace();
        String loaded = client.send(ps, java.net.http.HttpResponse.BodyHandlers.ofString()).body();
        if (loaded.isEmpty()) {
          throw new IllegalStateException("/api/ps answered nothing");
        }
        long now = System.currentTimeMillis();
        raw.setAutoCommit(false);
        for (int k = 0; k < taken.size(); k++) {
          insert.setString(1, taken.get(k).name());
          insert.setLong(2, now);
          insert.setDouble(3, k % 4 == 0 ? cpu : k % 4 == 1 ? free : k % 4 == 2 ? heap : disk);
          insert.addBatch();
        }
        insert.executeBatch();
        raw.commit();
        long t2 = System.nanoTime();
        if (i >= 0) {
          beca[i] = t1 - t0;
          base[i] = t2 - t1;
        }
      }
      Arrays.sort(beca);
      Arrays.sort(base);
      double becaMedian = beca[ticks / 2] / 1e6;
      double baseMedian = base[ticks / 2] / 1e6;
      System.out.printf(
          Locale.ROOT,
          "ticks %d, %d samples per tick%n"
              + "BECA tick:  median %.2f ms, p90 %.2f ms%n"
              + "baseline:   median %.2f ms, p90 %.2f ms (JDK readings, plain HttpClient GET /api/ps,"
              + " raw JDBC batch insert)%n"
              + "ratio %.2fx; extra per tick %.2f ms = %.4f %% of a 30 s interval%n",
          ticks,
          samples,
          becaMedian,
          beca[ticks * 9 / 10] / 1e6,
          baseMedian,
          base[ticks * 9 / 10] / 1e6,
          becaMedian / baseMedian,
          becaMedian - baseMedian,
          (becaMedian - baseMedian) / 30_000 * 100);
      breakdown(sampler, settings, load, kb);
    }
  }

  /** Where a tick's time goes: the probe alone, and storing alone. */
  private static void breakdown(
      MonitoringSampler sampler,
      MonitoringSettings settings,
      Supplier<List<ModelServerLoad>> load,
      SqliteKnowledgeBase kb) {
    ResourceProbe probe = new ResourceProbe(settings, load, Clock.systemUTC());
    int n = 50;
    long[] measure = new long[n];
    long[] noServers = new long[n];
    long[] store = new long[n];
    feed(sampler.metrics());
    List<MetricSample> batch = sampler.tick();
    for (int i = 0; i < n; i++) {
      long t0 = System.nanoTime();
      probe.measure();
      long t1 = System.nanoTime();
      probe.measure(false);
      long t2 = System.nanoTime();
      kb.metricHistory().record(batch);
      long t3 = System.nanoTime();
      measure[i] = t1 - t0;
      noServers[i] = t2 - t1;
      store[i] = t3 - t2;
    }
    Arrays.sort(measure);
    Arrays.sort(noServers);
    Arrays.sort(store);
    System.out.printf(
        Locale.ROOT,
        "breakdown (median of %d): resources %.2f ms (without /api/ps %.2f ms),"
            + " storing %d samples %.2f ms%n",
        n,
        measure[n / 2] / 1e6,
        noServers[n / 2] / 1e6,
        batch.size(),
        store[n / 2] / 1e6);
  }

  private static void feed(ServerMetrics metrics) {
    for (int route = 0; route < 30; route++) {
      for (int r = 0; r < 20; r++) {
        metrics.request(
            "GET", "/route" + route + "/{id}", r == 0 ? 500 : 200, 1_000_000L + r * 50_000L);
      }
    }
  }

  private static Connection rawConnection(Path file) throws Exception {
    Properties pragmas = new Properties();
    pragmas.setProperty("journal_mode", "WAL");
    pragmas.setProperty("synchronous", "FULL");
    pragmas.setProperty("foreign_keys", "true");
    return DriverManager.getConnection("jdbc:sqlite:" + file, pragmas);
  }
}
