package dev.beca.app.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.beca.benchmark.BenchmarkReports;
import dev.beca.benchmark.CodeBenchmark;
import dev.beca.benchmark.Comparison;
import dev.beca.benchmark.RepeatedRun;
import dev.beca.benchmark.TestTimings;
import dev.beca.core.quality.BenchmarkProgress;
import dev.beca.core.quality.BenchmarkResult;
import dev.beca.core.quality.BenchmarkStore;
import dev.beca.core.quality.BenchmarkSummary;
import dev.beca.core.quality.ProbeResult;
import dev.beca.core.quality.TrendPoint;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code beca benchmark}: measures a project's code quality with the real tools, keeps the result
 * in the knowledge base, lists benchmarks, shows trends and compares revisions.
 */
@Command(
    name = "benchmark",
    mixinStandardHelpOptions = true,
    description = {
      "Measure a project's code quality with its real tools: tests and coverage (Maven + JaCoCo, pytest + "
          + "coverage.py), lint (PMD, pylint) and security (PMD security rules, bandit, secrets).",
      "An unchanged git tree returns the stored result at once unless --force is given."
    },
    footer = {
      "",
      "Examples:",
      "  beca benchmark .                     measure the current project",
      "  beca benchmark --compare HEAD~1 HEAD .   measure two revisions and show the deltas",
      "  beca benchmark --compare HEAD~1 HEAD --repeat 5 .   also judge test times against their noise",
      "  beca benchmark trends my-service     scores of the last 30 days",
      "  beca benchmark list                  every benchmark with its latest score",
      "Environment: BECA_PYTHON (comma-separated interpreters to try first for the Python tools).",
      "--compare ends with a line 'verdict: better|worse|same (reasons)'.",
      "Exit codes: 0 done, 1 a storage or tool failure, 2 invalid input, 3 --compare found B worse than A."
    })
public final class BenchmarkCommand implements Callable<Integer> {

  /** Exit code when a comparison found regressions. */
  public static final int EXIT_REGRESSION = 3;

  /**
   * The metrics of a comparison, indented under its title; a regression is marked after the row.
   */
  private static final TextTable COMPARISON =
      TextTable.builder()
          .gap(2)
          .left("metric", 24)
          .right("A", 12)
          .right("B", 12)
          .right("change", 12)
          .build();

  private final Startup startup;
  private final Terminal terminal;
  private final Map<String, String> env;

  @Mixin AppOptions options;

  @Parameters(
      arity = "0..1",
      paramLabel = "PATH",
      description = "The project's root folder (default: .).")
  Path path;

  @Option(
      names = "--name",
      paramLabel = "N",
      description = "Name of the benchmark (default: the folder's name).")
  String name;

  @Option(
      names = "--json",
      description = "Print the result as one JSON document (progress goes to standard error).")
  boolean json;

  @Option(
      names = "--force",
      description = "Measure even when the unchanged tree was measured before.")
  boolean force;

  @Option(
      names = "--in-place",
      description =
          "Run the tools in the project's folder (keeping its build output for "
              + "incremental builds) instead of in a copy of its working tree.")
  boolean inPlace;

  @Option(
      names = "--compare",
      arity = "2",
      paramLabel = "REV",
      description =
          "Measure revisions REV_A and REV_B "
              + "(each exported to a temporary folder) and report the deltas.")
  List<String> compare;

  @Option(
      names = "--repeat",
      paramLabel = "N",
      defaultValue = "1",
      description =
          "Run the tests N times (each revision with --compare, alternating) and report every "
              + "test's median time and spread; --compare then flags a slower test only beyond "
              + "the noise (default: ${DEFAULT-VALUE}).")
  int repeat;

  @Option(
      names = "--timeout",
      paramLabel = "MINUTES",
      defaultValue = "30",
      description =
          "Time limit of one run in minutes; the tools are killed when it passes (default: ${DEFAULT-VALUE}).")
  long timeoutMinutes;

  /**
   * Creates the command.
   *
   * @param startup the start-up path: terminal, settings and knowledge base
   */
  public BenchmarkCommand(Startup startup) {
    this.startup = startup;
    this.terminal = startup.terminal();
    this.env = startup.env();
  }

  /**
   * The command with its {@code trends} and {@code list} subcommands.
   *
   * @param startup the start-up path: terminal, settings and knowledge base
   * @return the command line to add to {@code beca}
   */
  public static CommandLine commandLine(Startup startup) {
    CommandLine commandLine = new CommandLine(new BenchmarkCommand(startup));
    commandLine.addSubcommand(new Trends(startup));
    commandLine.addSubcommand(new ListBenchmarks(startup));
    return commandLine;
  }

  @Override
  public Integer call() {
    PrintWriter out = terminal.out();
    PrintWriter err = terminal.err();
    if (repeat < 1) {
      err.println("beca: --repeat must be at least 1, was " + repeat + ".");
      return ChatCommand.EXIT_USAGE;
    }
    if (timeoutMinutes < 1) {
      err.println("beca: --timeout must be at least 1 minute, was " + timeoutMinutes + ".");
      return ChatCommand.EXIT_USAGE;
    }
    Path project = path == null ? Path.of(".") : path;
    return withStore(
        startup,
        options,
        store -> {
          CodeBenchmark benchmark = benchmark(store);
          // Progress always goes to standard error: standard output holds only the result (one JSON
          // document with --json).
          ConsoleProgress progress = new ConsoleProgress(err);
          if (compare != null) {
            Comparison comparison =
                benchmark.compare(project, compare.get(0), compare.get(1), repeat, progress);
            Comparison.Verdict verdict = comparison.verdict();
            if (json) {
              Map<String, Object> document = new java.util.LinkedHashMap<>();
              document.put("verdict", verdict);
              document.put("comparison", comparison);
              out.println(json(document));
            } else {
              printComparison(out, comparison);
              out.println(verdict.line());
            }
            return verdict.outcome() == Comparison.Outcome.WORSE ? EXIT_REGRESSION : 0;
          }
          if (repeat > 1) {
            RepeatedRun run = benchmark.run(name, project, force, repeat, progress);
            if (json) {
              out.println(json(run));
            } else {
              out.println(BenchmarkReports.summary(run.result()).stripTrailing());
              printTimings(out, run.timings());
            }
            return 0;
          }
          BenchmarkResult result = benchmark.run(name, project, force, progress);
          out.println(json ? json(result) : BenchmarkReports.summary(result).stripTrailing());
          return 0;
        });
  }

  private CodeBenchmark benchmark(BenchmarkStore store) {
    return codeBenchmark(
        store, env, options.dataDir(env), Duration.ofMinutes(timeoutMinutes), inPlace);
  }

  /**
   * The benchmark as the app runs it (this command and the chat's benchmark after a turn): the
   * store, the Python interpreters of the environment, a time limit, runs in the data directory.
   */
  static CodeBenchmark codeBenchmark(
      BenchmarkStore store,
      Map<String, String> env,
      Path dataDir,
      Duration timeout,
      boolean inPlace) {
    return CodeBenchmark.builder()
        .store(store)
        .pythonInterpreters(CodeBenchmark.pythonCandidates(env))
        .timeout(timeout)
        .inPlace(inPlace)
        .workDirectory(dataDir.resolve("benchmark-runs"))
        .build();
  }

  private static void printComparison(PrintWriter out, Comparison comparison) {
    out.printf(
        Locale.ROOT,
        "Comparison %s (%s) -> %s (%s)%n",
        comparison.revisionA(),
        comparison.before().revision().commit().substring(0, 12),
        comparison.revisionB(),
        comparison.after().revision().commit().substring(0, 12));
    out.println(COMPARISON.header());
    for (Comparison.Delta delta : comparison.deltas()) {
      out.println(
          COMPARISON.row(
                  delta.metric(),
                  number(delta.before()),
                  number(delta.after()),
                  number(delta.change()))
              + (delta.regression() ? "  REGRESSION" : ""));
    }
    comparison.newlyFailing().forEach(t -> out.println("  newly failing: " + t + "  REGRESSION"));
    comparison.newlyPassing().forEach(t -> out.println("  newly passing: " + t));
    comparison
        .slowerTests()
        .forEach(
            t -> out.println("  slower: " + t.line() + (t.beyondNoise() ? "  REGRESSION" : "")));
    out.println(comparison.hasRegressions() ? "Regressions found." : "No regressions.");
  }

  /** The ten slowest tests by median, with the spread of their runs. */
  private static void printTimings(PrintWriter out, TestTimings timings) {
    out.printf(Locale.ROOT, "Test times over %d runs (slowest ten by median):%n", timings.runs());
    timings.samples().stream()
        .sorted(
            java.util.Comparator.comparingDouble(TestTimings.Sample::median)
                .reversed()
                .thenComparing(TestTimings.Sample::test))
        .limit(10)
        .forEach(
            s ->
                out.printf(
                    Locale.ROOT,
                    "  %.3f s  spread %.3f s (%.3f-%.3f)  %s%n",
                    s.median(),
                    s.spread(),
                    s.min(),
                    s.max(),
                    s.test()));
  }

  private static String number(double value) {
    if (Double.isNaN(value)) {
      return "-";
    }
    return value == Math.rint(value) && Math.abs(value) < 1e12
        ? String.format(Locale.ROOT, "%d", (long) value)
        : String.format(Locale.ROOT, "%.4f", value);
  }

  static String json(Object value) {
    ObjectMapper mapper =
        new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
            .enable(SerializationFeature.INDENT_OUTPUT);
    try {
      return mapper.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("could not write JSON", e);
    }
  }

  /**
   * Opens the knowledge base through the start-up path and runs the action on its benchmark store.
   */
  static int withStore(
      Startup startup, AppOptions options, Function<BenchmarkStore, Integer> action) {
    try (AppContext app = startup.open(options)) {
      return action.apply(app.knowledgeBase().benchmarks());
    }
  }

  /** Prints one line per probe as it starts and finishes. */
  static final class ConsoleProgress implements BenchmarkProgress {
    private final PrintWriter out;

    ConsoleProgress(PrintWriter out) {
      this.out = out;
    }

    @Override
    public void started(String benchmark, List<String> probes) {
      out.println("Benchmark " + benchmark + ": running " + String.join(", ", probes));
      out.flush();
    }

    @Override
    public void cached(BenchmarkResult result) {
      out.println(
          "Unchanged tree "
              + result.revision().treeHash().substring(0, 12)
              + ": stored result "
              + result.id()
              + " from "
              + result.startedAt()
              + " (use --force to measure again)");
      out.flush();
    }

    @Override
    public void probeStarted(String probe, int index, int count) {
      out.printf(Locale.ROOT, "[%d/%d] %s ...%n", index, count, probe);
      out.flush();
    }

    @Override
    public void probeFinished(ProbeResult result) {
      out.printf(
          Locale.ROOT,
          "      %s %s in %.1f s%n",
          result.probe(),
          result.status().name().toLowerCase(Locale.ROOT),
          result.duration().toMillis() / 1000.0);
      out.flush();
    }
  }

  /** {@code beca benchmark trends NAME}. */
  @Command(
      name = "trends",
      mixinStandardHelpOptions = true,
      description = "Scores of a benchmark over the last days.")
  static final class Trends implements Callable<Integer> {
    private final Startup startup;
    private final Terminal terminal;

    @Mixin AppOptions options;

    @Parameters(
        paramLabel = "NAME",
        description = "The benchmark's name (see beca benchmark list).")
    String name;

    @Option(
        names = "--days",
        paramLabel = "N",
        defaultValue = "30",
        description = "How many days back (default: ${DEFAULT-VALUE}).")
    int days;

    @Option(names = "--json", description = "Print the points as JSON.")
    boolean json;

    Trends(Startup startup) {
      this.startup = startup;
      this.terminal = startup.terminal();
    }

    @Override
    public Integer call() {
      if (days < 1) {
        terminal.err().println("beca: --days must be at least 1, was " + days + ".");
        return ChatCommand.EXIT_USAGE;
      }
      return withStore(
          startup,
          options,
          store -> {
            List<TrendPoint> points = store.trend(name, Instant.now().minus(Duration.ofDays(days)));
            PrintWriter out = terminal.out();
            if (json) {
              out.println(json(points));
              return 0;
            }
            if (points.isEmpty()) {
              terminal
                  .err()
                  .println(
                      "beca: no results for benchmark '"
                          + name
                          + "' in the last "
                          + days
                          + " days. Run beca benchmark list for the names.");
              return ChatCommand.EXIT_FAILURE;
            }
            out.println(
                "Trend of "
                    + name
                    + " over the last "
                    + days
                    + " days ("
                    + points.size()
                    + " runs):");
            double first = points.get(0).score();
            for (TrendPoint point : points) {
              int bar = (int) Math.round(point.score() * 40);
              out.printf(
                  Locale.ROOT,
                  "  %s  %.3f  %-40s  %s%s%n",
                  point.at(),
                  point.score(),
                  "#".repeat(bar),
                  point.commit().isEmpty() ? "-" : point.commit().substring(0, 12),
                  point.dirty() ? " (dirty)" : "");
            }
            double last = points.get(points.size() - 1).score();
            out.printf(
                Locale.ROOT,
                "Change: %+.3f (%s)%n",
                last - first,
                last >= first ? "not worse" : "worse");
            return 0;
          });
    }
  }

  /** {@code beca benchmark list}. */
  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "Every benchmark with its latest score.")
  static final class ListBenchmarks implements Callable<Integer> {
    private static final TextTable TABLE =
        TextTable.builder()
            .left("NAME", 24)
            .right("SCORE", 7)
            .right("RUNS", 5)
            .gap(2)
            .left("LATEST", 24)
            .gap(2)
            .left("PROJECT")
            .build();

    private final Startup startup;
    private final Terminal terminal;

    @Mixin AppOptions options;

    @Option(names = "--json", description = "Print the list as JSON.")
    boolean json;

    ListBenchmarks(Startup startup) {
      this.startup = startup;
      this.terminal = startup.terminal();
    }

    @Override
    public Integer call() {
      return withStore(
          startup,
          options,
          store -> {
            List<BenchmarkSummary> summaries = store.benchmarks();
            PrintWriter out = terminal.out();
            if (json) {
              out.println(json(summaries));
            } else if (summaries.isEmpty()) {
              out.println("No benchmarks yet. Run: beca benchmark PATH");
            } else {
              out.println(TABLE.header());
              for (BenchmarkSummary s : summaries) {
                out.println(
                    TABLE.row(
                        s.name(),
                        String.format(Locale.ROOT, "%.3f", s.latestScore()),
                        s.runs(),
                        s.latestAt(),
                        s.projectPath()));
              }
            }
            return 0;
          });
    }
  }
}
