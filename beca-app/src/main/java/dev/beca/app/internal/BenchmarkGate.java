package dev.beca.app.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.beca.benchmark.Comparison;
import dev.beca.core.improve.MeasureDelta;
import dev.beca.core.improve.MeasureDelta.Change;
import dev.beca.selfimprove.QualityGateStep;
import dev.beca.selfimprove.spi.CommandOutcome;
import dev.beca.selfimprove.spi.EvaluationContext;
import dev.beca.selfimprove.spi.QualityGate;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The self-improvement evaluator's last step: the code benchmark's {@code --compare} of the base
 * revision and the proposal's commit, with the tests of each run {@code repeat} times
 * (alternating), so its verdict is the benchmark's own: every figure of {@link Comparison} (tests,
 * coverage, lint, security), newly failing tests, and per-test times judged by its noise rule
 * ({@link Comparison#isSlower}). It runs {@code beca benchmark --compare BASE HEAD --repeat N
 * --json} as a command of the evaluation, so inside the evaluation's sandbox, under its time limit
 * and killed with its process tree by an emergency stop; the JSON goes to the tree's {@code
 * .beca-eval/}.
 */
public final class BenchmarkGate implements QualityGate {

  /** The step's name, and the prefix of its measures. */
  public static final String NAME = "benchmark";

  private static final String MAIN = "dev.beca.app.BecaCommand";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final int repeat;
  private final String java;
  private final String classPath;

  /**
   * A gate running BECA from this JVM's {@code java} and class path.
   *
   * @param repeat how many times each revision's tests run, at least 1 (2 or more for timings to be
   *     judged against their noise)
   */
  public BenchmarkGate(int repeat) {
    this(
        repeat,
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        System.getProperty("java.class.path"));
  }

  BenchmarkGate(int repeat, String java, String classPath) {
    if (repeat < 1) {
      throw new IllegalArgumentException("repeat must be at least 1, was " + repeat);
    }
    this.repeat = repeat;
    this.java = Objects.requireNonNull(java, "java");
    this.classPath = Objects.requireNonNull(classPath, "classPath");
  }

  /**
   * The gate as an evaluation step named {@value #NAME}.
   *
   * @param repeat how many times each revision's tests run
   * @param timeLimit the most the comparison may take
   * @return the step
   */
  public static QualityGateStep step(int repeat, Duration timeLimit) {
    return new QualityGateStep(NAME, new BenchmarkGate(repeat), timeLimit);
  }

  /** The command line run in the proposal's tree, comparing with the base commit. */
  String commandLine(String baseCommit, Duration timeLimit) {
    long minutes = Math.max(1, (timeLimit.toSeconds() + 59) / 60);
    return quote(java)
        + " -cp "
        + quote(classPath)
        + " "
        + MAIN
        + " benchmark --compare "
        + quote(baseCommit)
        + " HEAD --repeat "
        + repeat
        + " --timeout "
        + minutes
        + " --json --data-dir .beca-eval/benchmark-data . > .beca-eval/benchmark-compare.json"
        + " 2> .beca-eval/benchmark-compare.log";
  }

  @Override
  public List<MeasureDelta> compare(Path base, Path candidate, EvaluationContext context) {
    Path eval = candidate.resolve(".beca-eval");
    try {
      Files.createDirectories(eval);
    } catch (IOException e) {
      return List.of(failure("could not create " + eval + ": " + e.getMessage()));
    }
    // The base commit is read here: the sandbox's /tmp, where the base worktree lies, is empty.
    String baseCommit;
    try {
      baseCommit = head(base);
    } catch (IOException e) {
      return List.of(failure("the base revision could not be read: " + e.getMessage()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return List.of();
    }
    CommandOutcome outcome = context.run(commandLine(baseCommit, context.timeLimit()), candidate);
    if (outcome.stopped() || context.isStopped()) {
      return List.of();
    }
    if (outcome.timedOut()) {
      return List.of(failure("the comparison did not end within " + context.timeLimit()));
    }
    int code = outcome.exitCode().orElse(-1);
    if (code != 0 && code != 3) {
      String tail = tail(eval, outcome);
      if (tail.contains("is not inside a git repository")) {
        tail +=
            " (inside the sandbox /tmp is an empty folder: a repository under /tmp cannot be"
                + " read there; move the project out of /tmp, or leave the step out with"
                + " --repeat 0)";
      }
      return List.of(failure("beca benchmark --compare exited with " + code + ": " + tail));
    }
    try {
      return deltas(JSON.readTree(eval.resolve("benchmark-compare.json").toFile()));
    } catch (IOException | RuntimeException e) {
      return List.of(failure("its JSON could not be read: " + e.getMessage()));
    }
  }

  /**
   * The benchmark's comparison as measures: each figure judged as {@link Comparison} judges it, one
   * delta for the newly failing tests, one per test slower beyond the noise, and the verdict.
   */
  static List<MeasureDelta> deltas(JsonNode document) {
    JsonNode comparison = document.path("comparison");
    List<MeasureDelta> deltas = new ArrayList<>();
    for (JsonNode d : comparison.path("deltas")) {
      double before = d.path("before").asDouble(Double.NaN);
      double after = d.path("after").asDouble(Double.NaN);
      if (Double.isNaN(before) && Double.isNaN(after)) {
        continue;
      }
      Change change =
          d.path("regression").asBoolean()
              ? Change.WORSE
              : d.path("improvement").asBoolean() ? Change.BETTER : Change.SAME;
      deltas.add(
          new MeasureDelta(
              NAME + "." + d.path("metric").asText(), format(before), format(after), change, ""));
    }
    List<String> failing = texts(comparison.path("newlyFailing"));
    if (!failing.isEmpty()) {
      deltas.add(
          new MeasureDelta(
              NAME + ".tests.newly_failing",
              "0",
              Integer.toString(failing.size()),
              Change.WORSE,
              String.join(", ", failing)));
    }
    for (JsonNode t : comparison.path("slowerTests")) {
      int runs = t.path("runs").asInt(1);
      deltas.add(
          new MeasureDelta(
              NAME + ".time." + t.path("test").asText(),
              seconds(t.path("secondsBefore").asDouble()),
              seconds(t.path("secondsAfter").asDouble()),
              runs >= 2 ? Change.WORSE : Change.SAME,
              runs >= 2
                  ? "slower beyond the noise (medians of "
                      + runs
                      + " runs, spread "
                      + seconds(t.path("spreadBefore").asDouble())
                      + " / "
                      + seconds(t.path("spreadAfter").asDouble())
                      + ")"
                  : "slower in one run each; the noise was not measured, so not judged"));
    }
    JsonNode verdict = document.path("verdict");
    String outcome = verdict.path("outcome").asText("SAME").toLowerCase(Locale.ROOT);
    deltas.add(
        new MeasureDelta(
            NAME + ".verdict",
            "-",
            outcome,
            switch (outcome) {
              case "worse" -> Change.WORSE;
              case "better" -> Change.BETTER;
              default -> Change.SAME;
            },
            String.join("; ", texts(verdict.path("reasons")))));
    return deltas;
  }

  private static String head(Path tree) throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder("git", "rev-parse", "HEAD")
            .directory(tree.toFile())
            .redirectErrorStream(true)
            .start();
    String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    if (p.waitFor() != 0 || !text.matches("[0-9a-f]{40,64}")) {
      throw new IOException("git rev-parse HEAD in " + tree + ": " + text);
    }
    return text;
  }

  private static List<String> texts(JsonNode array) {
    List<String> texts = new ArrayList<>();
    array.forEach(n -> texts.add(n.asText()));
    return texts;
  }

  private static MeasureDelta failure(String detail) {
    return new MeasureDelta(
        NAME + ".compare", "-", "failed", Change.WORSE, "the comparison failed: " + detail);
  }

  private static String tail(Path eval, CommandOutcome outcome) {
    String text = outcome.output();
    try {
      Path log = eval.resolve("benchmark-compare.log");
      if (Files.isRegularFile(log)) {
        text = Files.readString(log) + text;
      }
    } catch (IOException e) {
      // the command's own output is all there is
    }
    text = text.strip();
    return text.length() > 2000 ? "..." + text.substring(text.length() - 2000) : text;
  }

  private static String format(double value) {
    if (Double.isNaN(value)) {
      return "-";
    }
    return value == Math.rint(value) && Math.abs(value) < 1e12
        ? Long.toString((long) value)
        : String.format(Locale.ROOT, "%.4f", value);
  }

  private static String seconds(double value) {
    return String.format(Locale.ROOT, "%.3f s", value);
  }

  private static String quote(String text) {
    return "'" + text.replace("'", "'\\''") + "'";
  }
}
