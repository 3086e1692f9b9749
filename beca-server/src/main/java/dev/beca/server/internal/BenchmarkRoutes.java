package dev.beca.server.internal;

import dev.beca.core.NotFoundException;
import dev.beca.core.limits.LimitedOperation;
import dev.beca.core.quality.BenchmarkProgress;
import dev.beca.core.quality.BenchmarkResult;
import dev.beca.core.quality.ProbeResult;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.regex.Pattern;

/**
 * The benchmark routes beyond the list and the trend: run one on a folder of the project (progress
 * as server-sent events; counts against the {@code benchmark_run} rate limit), measure and compare
 * two git revisions of one (the same), show a stored result with its parts and hints, compare two
 * stored results.
 */
public final class BenchmarkRoutes {

  /** Body of {@code POST /benchmarks/run}. */
  public record BenchmarkRun(String path, String name, Boolean force) {}

  /** Body of {@code POST /benchmarks/compare-revisions}. */
  public record RevisionPair(String path, String a, String b, Integer repeat) {}

  /** What a revision may look like: a commit id, branch, tag or {@code HEAD~1}, never an option. */
  private static final Pattern REVISION =
      Pattern.compile("[A-Za-z0-9_.][A-Za-z0-9_./~^@{}:+-]{0,199}");

  private BenchmarkRoutes() {}

  /**
   * The routes whose ports the server has.
   *
   * @param ports what the server was handed
   * @param jobs runs the benchmarks
   * @return the routes
   */
  public static List<Route> routes(ServerPorts ports, ExecutorService jobs) {
    RouteList r = new RouteList();
    if (ports.benchmarkRunner() != null) {
      ProjectPaths paths = new ProjectPaths(ports.projectRoot());
      EventStream stream = new EventStream(jobs);
      r.add(
          "POST",
          "/benchmarks/run",
          RouteList.OPERATOR,
          Optional.of(LimitedOperation.BENCHMARK_RUN),
          "Runs the benchmark on a folder of the project (path relative to the project root),"
              + " streaming server-sent events: started, cached, probe_started, probe_finished,"
              + " then result (the stored result) or error.",
          List.of(),
          BenchmarkRun.class,
          200,
          Route.EVENT_STREAM,
          q -> {
            BenchmarkRun body = q.body(BenchmarkRun.class);
            Path project = paths.resolve(body.path());
            String name = body.name() == null ? "" : body.name().strip();
            if (name.length() > 200 || name.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
              throw ApiException.badRequest(
                  "invalid_input",
                  "The benchmark name is too long or has control characters.",
                  "Leave 'name' out for the folder's name.");
            }
            boolean force = Boolean.TRUE.equals(body.force());
            stream.stream(
                q.ctx(),
                "benchmark of " + paths.relative(project),
                events -> {
                  BenchmarkResult result =
                      ports.benchmarkRunner().run(name, project, force, progress(events));
                  return Map.of("result", result);
                });
            return null;
          });
    }
    if (ports.revisionComparison() != null) {
      ProjectPaths paths = new ProjectPaths(ports.projectRoot());
      EventStream stream = new EventStream(jobs);
      r.add(
          "POST",
          "/benchmarks/compare-revisions",
          RouteList.OPERATOR,
          Optional.of(LimitedOperation.BENCHMARK_RUN),
          "Measures two git revisions (a before b) of a folder of the project, as 'beca benchmark"
              + " --compare A B' does (each exported apart; the working tree is not touched; nothing"
              + " stored), streaming server-sent events: started, cached, probe_started,"
              + " probe_finished for each run, then result ({verdict, comparison}) or error.",
          List.of(),
          RevisionPair.class,
          200,
          Route.EVENT_STREAM,
          q -> {
            RevisionPair body = q.body(RevisionPair.class);
            Path project = paths.resolve(body.path());
            String a = revision(body.a(), "a");
            String b = revision(body.b(), "b");
            int repeat = body.repeat() == null ? 1 : body.repeat();
            if (repeat < 1 || repeat > 20) {
              throw ApiException.badRequest(
                  "invalid_input",
                  "repeat must be from 1 to 20, was " + repeat + ".",
                  "Leave it out for one run of each revision.");
            }
            stream.stream(
                q.ctx(),
                "comparison of " + a + " and " + b + " in " + paths.relative(project),
                events ->
                    ports.revisionComparison().compare(project, a, b, repeat, progress(events)));
            return null;
          });
    }
    if (ports.benchmarks() != null) {
      r.get(
          "/benchmarks/results/{id}",
          RouteList.VIEWER,
          "One stored result: score with its parts, weights and hints, and every probe's report.",
          List.of(),
          q -> Map.of("result", result(ports, q.pathNumber("id"))));
      if (ports.benchmarkComparison() != null) {
        r.get(
            "/benchmarks/compare",
            RouteList.VIEWER,
            "Compares two stored results (A before B): deltas with regressions flagged, verdict.",
            List.of(
                new Route.QueryParam("a", "integer", "the id of result A (required)"),
                new Route.QueryParam("b", "integer", "the id of result B (required)")),
            q -> {
              BenchmarkResult a = result(ports, id(q, "a"));
              BenchmarkResult b = result(ports, id(q, "b"));
              return ports.benchmarkComparison().apply(a, b);
            });
      }
    }
    return r.routes();
  }

  private static String revision(String given, String field) {
    if (given == null || given.isBlank()) {
      throw ApiException.badRequest(
          "invalid_input",
          "The body has no revision '" + field + "'.",
          "Send {\"a\": \"HEAD~1\", \"b\": \"HEAD\"} (commit ids, branches or tags).");
    }
    String revision = given.strip();
    if (!REVISION.matcher(revision).matches() || revision.contains("..")) {
      throw ApiException.badRequest(
          "invalid_input",
          "The revision '" + field + "' is not a commit id, branch, tag or HEAD~N.",
          "Give one revision per field, e.g. a commit id or HEAD~1 (no ranges, no options).");
    }
    return revision;
  }

  private static long id(ApiRequest q, String name) {
    int id = q.queryInt(name, 0, 1, Integer.MAX_VALUE);
    if (id == 0) {
      throw ApiException.badRequest(
          "invalid_query",
          "The parameter " + name + " is missing.",
          "Give two result ids: ?a=ID&b=ID (see GET /benchmarks/{name}/trend).");
    }
    return id;
  }

  private static BenchmarkResult result(ServerPorts ports, long id) {
    return ports
        .benchmarks()
        .result(id)
        .orElseThrow(
            () ->
                new NotFoundException(
                    "There is no benchmark result " + id + ".",
                    "See the ids of a benchmark's results with GET /benchmarks/{name}/trend."));
  }

  private static BenchmarkProgress progress(EventStream.Emitter events) {
    return new BenchmarkProgress() {
      @Override
      public void started(String benchmark, List<String> probes) {
        events.emit("started", Map.of("benchmark", benchmark, "probes", probes));
      }

      @Override
      public void cached(BenchmarkResult result) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("result", result.id());
        data.put("startedAt", result.startedAt());
        data.put("treeHash", result.revision().treeHash());
        events.emit("cached", data);
      }

      @Override
      public void probeStarted(String probe, int index, int count) {
        events.emit("probe_started", Map.of("probe", probe, "index", index, "count", count));
      }

      @Override
      public void probeFinished(ProbeResult result) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("probe", result.probe());
        data.put("status", result.status());
        data.put("message", result.message());
        data.put("duration", result.duration());
        events.emit("probe_finished", data);
      }
    };
  }
}
