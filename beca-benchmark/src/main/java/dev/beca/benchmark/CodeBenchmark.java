package dev.beca.benchmark;

import dev.beca.benchmark.internal.BanditProbe;
import dev.beca.benchmark.internal.ControlledEnvironment;
import dev.beca.benchmark.internal.GitRevisions;
import dev.beca.benchmark.internal.IsolatedProcesses;
import dev.beca.benchmark.internal.MavenTestProbe;
import dev.beca.benchmark.internal.PmdProbe;
import dev.beca.benchmark.internal.PylintProbe;
import dev.beca.benchmark.internal.PytestProbe;
import dev.beca.benchmark.internal.PythonInterpreters;
import dev.beca.benchmark.internal.SecretScanProbe;
import dev.beca.core.InvalidInputException;
import dev.beca.core.quality.BenchmarkProgress;
import dev.beca.core.quality.BenchmarkResult;
import dev.beca.core.quality.BenchmarkRunner;
import dev.beca.core.quality.BenchmarkStore;
import dev.beca.core.quality.ProbeContext;
import dev.beca.core.quality.ProbeKind;
import dev.beca.core.quality.ProbeResult;
import dev.beca.core.quality.ProbeStatus;
import dev.beca.core.quality.QualityProbe;
import dev.beca.core.quality.QualityScore;
import dev.beca.core.quality.QualityScoring;
import dev.beca.core.quality.RevisionInfo;
import dev.beca.core.quality.ScoreWeights;
import dev.beca.core.quality.SecretDetector;
import dev.beca.core.quality.ToolProcesses;
import dev.beca.core.secrets.SecretScanner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Measures a project's quality with the real tools, scores it, and keeps the result.
 *
 * <pre>{@code
 * CodeBenchmark benchmark = CodeBenchmark.builder().store(knowledgeBase.benchmarks()).build();
 * BenchmarkResult result = benchmark.run("my-service", Path.of("."), false, BenchmarkProgress.NONE);
 * System.out.println(result.score().value() + " " + result.score().hints());
 * }</pre>
 *
 * <p>Probes come from three places, in this order, a later probe replacing an earlier one of the
 * same name: the stock probes (Maven tests with JaCoCo, PMD lint, PMD security, secrets, pytest
 * with coverage.py, pylint, bandit), the probes found by {@link ServiceLoader}, and those given to
 * {@link Builder#probe(QualityProbe)}. Each run uses the probes that apply to the project.
 *
 * <p>Isolation: a project in git is measured in a copy of its working tree (tracked files as they
 * are on disk, and untracked files git does not ignore) in {@link Builder#workDirectory(Path)}, so
 * nothing is written into the user's tree ({@link Builder#inPlace(boolean)} measures in place);
 * each run has a time limit after which the running tool and all its descendant processes are
 * killed (the result says so); tools run in a controlled environment (CI variables and injected
 * JVM/Python options removed) with their output captured to files in the work directory.
 *
 * <p>Cache: a result is stored with a key made of the project's git tree hash, every probe's
 * fingerprint (configuration and tool version) and the score weights. A clean tree whose key was
 * measured before returns the stored result at once unless {@code force} is set. Thread-safe.
 */
public final class CodeBenchmark implements BenchmarkRunner {

  /** The default time limit of one run. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(30);

  private static final Logger LOG = LoggerFactory.getLogger(CodeBenchmark.class);

  private final List<QualityProbe> probes;
  private final BenchmarkStore store;
  private final Duration timeout;
  private final Path workDirectory;
  private final Map<String, String> environment;
  private final ScoreWeights weights;
  private final Clock clock;
  private final ToolProcesses processes;
  private final Builder settings;
  private final boolean inPlace;

  private CodeBenchmark(Builder builder) {
    this.settings = builder.copy();
    this.probes = List.copyOf(builder.probes().values());
    this.store = builder.store;
    this.timeout = builder.timeout;
    this.workDirectory = builder.workDirectory;
    this.environment =
        Map.copyOf(
            builder.environment == null
                ? ControlledEnvironment.from(System.getenv())
                : builder.environment);
    this.weights = builder.weights;
    this.clock = builder.clock;
    this.processes = new IsolatedProcesses();
    this.inPlace = builder.inPlace;
  }

  /**
   * The Python interpreters tried by default: those in {@code BECA_PYTHON} (comma-separated) first,
   * then {@code python3}, {@code /usr/bin/python3}, {@code python}.
   *
   * @param env the environment to read {@code BECA_PYTHON} from
   * @return the candidates in order
   */
  public static List<String> pythonCandidates(Map<String, String> env) {
    List<String> candidates = new ArrayList<>();
    String configured = env.get("BECA_PYTHON");
    if (configured != null && !configured.isBlank()) {
      for (String part : configured.split(",")) {
        if (!part.isBlank()) {
          candidates.add(part.strip());
        }
      }
    }
    candidates.addAll(PythonInterpreters.DEFAULT_CANDIDATES);
    return List.copyOf(new java.util.LinkedHashSet<>(candidates));
  }

  /** A builder with the stock probes, ServiceLoader discovery on and no store. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder with this benchmark's settings. */
  public Builder toBuilder() {
    return settings.copy();
  }

  /** Every configured probe, applicable or not. */
  public List<QualityProbe> probes() {
    return probes;
  }

  /** The store results are kept in, if any. */
  public Optional<BenchmarkStore> store() {
    return Optional.ofNullable(store);
  }

  /** The probes that apply to a project, in run order. */
  public List<QualityProbe> probesFor(Path project) {
    Path root = root(project);
    return probes.stream().filter(p -> p.appliesTo(root)).toList();
  }

  /**
   * Runs the applicable probes on a project (or returns the cached result) and stores the result.
   *
   * @param name the benchmark's name; blank for the project folder's name
   * @param project the project's folder
   * @param force measure even when a result for the same tree and tools is stored
   * @param progress receives progress probe by probe
   * @return the result, stored when a store is configured
   * @throws InvalidInputException when the folder does not exist or no probe applies to it
   */
  @Override
  public BenchmarkResult run(String name, Path project, boolean force, BenchmarkProgress progress) {
    return run(name, project, force, 1, progress).result();
  }

  /**
   * Runs the applicable probes on a project and then its test probes {@code repeat - 1} more times
   * on the same tree, for every test's time over {@code repeat} runs (their median and spread).
   * With {@code repeat > 1} the tree is always measured (timings are not cached); the first run's
   * result is stored as {@link #run(String, Path, boolean, BenchmarkProgress)} stores it.
   *
   * @param name the benchmark's name; blank for the project folder's name
   * @param project the project's folder
   * @param force measure even when a result for the same tree and tools is stored
   * @param repeat how many times the test probes run, at least 1
   * @param progress receives progress probe by probe
   * @return the stored result and the timings
   * @throws InvalidInputException when the folder does not exist, no probe applies to it or {@code
   *     repeat} is below 1
   */
  public RepeatedRun run(
      String name, Path project, boolean force, int repeat, BenchmarkProgress progress) {
    checkRepeat(repeat);
    Path root = root(project);
    String benchmark = name == null || name.isBlank() ? defaultName(root) : name.strip();
    RevisionInfo revision = GitRevisions.inspect(root);
    List<QualityProbe> applicable = applicable(root);
    String cacheKey =
        revision.inGit() && !revision.dirty() ? cacheKey(revision.treeHash(), applicable) : "";
    if (!force && repeat == 1 && store != null && !cacheKey.isEmpty()) {
      Optional<BenchmarkResult> cached = store.cached(benchmark, cacheKey);
      if (cached.isPresent()) {
        LOG.info(
            "Benchmark {}: tree {} already measured (result {}), returning it",
            benchmark,
            revision.treeHash(),
            cached.get().id());
        progress.cached(cached.get());
        return new RepeatedRun(cached.get(), TestTimings.of(List.of(cached.get().probes())));
      }
    }
    BenchmarkResult result;
    List<List<ProbeResult>> runs = new ArrayList<>();
    if (inPlace || !revision.inGit()) {
      result = measure(benchmark, root, root, revision, cacheKey, applicable, progress);
      runs.add(result.probes());
      for (int run = 2; run <= repeat; run++) {
        runs.add(rerunTests(benchmark, root, applicable, run, repeat, progress));
      }
    } else {
      // The tools run in a copy of the working tree (uncommitted changes included) so that their
      // build output never lands in the user's tree, whatever the project ignores.
      Path copy =
          createDirectories(workDirectory.resolve("tree-" + safe(benchmark) + "-" + stamp()));
      try {
        int files = GitRevisions.copyWorkingTree(root, copy);
        LOG.info("Benchmark {}: {} files of {} copied into {}", benchmark, files, root, copy);
        result = measure(benchmark, copy, root, revision, cacheKey, applicable, progress);
        runs.add(result.probes());
        for (int run = 2; run <= repeat; run++) {
          runs.add(rerunTests(benchmark, copy, applicable, run, repeat, progress));
        }
      } finally {
        deleteTree(copy);
      }
    }
    BenchmarkResult stored = store == null ? result : store.save(result);
    progress.finished(stored);
    return new RepeatedRun(stored, TestTimings.of(runs));
  }

  private static void checkRepeat(int repeat) {
    if (repeat < 1) {
      throw new InvalidInputException(
          "The number of repeated runs must be at least 1, was " + repeat + ".",
          "Give --repeat N with N >= 1 (5 or more to judge timings against their noise).");
    }
  }

  /**
   * Runs the test probes once more on the same tree, for their timings; each into its own output
   * folder, under the run's time limit.
   */
  private List<ProbeResult> rerunTests(
      String benchmark,
      Path root,
      List<QualityProbe> applicable,
      int run,
      int runs,
      BenchmarkProgress progress) {
    List<QualityProbe> testProbes =
        applicable.stream().filter(p -> p.measures().contains(ProbeKind.TESTS)).toList();
    Instant deadline = Instant.now().plus(timeout);
    Path runDirectory =
        createDirectories(
            workDirectory.resolve(safe(benchmark) + "-run" + run + "-of-" + runs + "-" + stamp()));
    List<ProbeResult> results = new ArrayList<>();
    for (int i = 0; i < testProbes.size(); i++) {
      QualityProbe probe = testProbes.get(i);
      progress.probeStarted(
          probe.name() + " (run " + run + " of " + runs + ")", i + 1, testProbes.size());
      ProbeResult result =
          runProbe(
              probe,
              new ProbeContext(
                  root,
                  createDirectories(runDirectory.resolve(safe(probe.name()))),
                  deadline,
                  environment,
                  processes));
      results.add(result);
      progress.probeFinished(result);
    }
    return results;
  }

  /**
   * Measures two revisions of a project, each exported into its own temporary folder, and reports
   * what changed. Nothing is stored; the project's working tree is not touched. A revision whose
   * tree the store already holds a result for, under the project folder's name and with the same
   * probes, is not measured again (as {@link #run} does; with {@code repeat} 1 only).
   *
   * @param project a folder inside a git repository
   * @param revisionA the earlier revision (commit, branch, tag, {@code HEAD~1})
   * @param revisionB the later revision
   * @param progress receives each run's progress
   * @return both results and the deltas
   */
  public Comparison compare(
      Path project, String revisionA, String revisionB, BenchmarkProgress progress) {
    return compare(project, revisionA, revisionB, 1, progress);
  }

  /**
   * Measures two revisions as {@link #compare(Path, String, String, BenchmarkProgress)} does, then
   * runs each revision's test probes {@code repeat - 1} more times, alternating A and B (so a load
   * change on the machine hits both), and judges every test's time on its {@code repeat} samples: a
   * test is reported slower only beyond the noise ({@link Comparison#isSlower}).
   *
   * @param project a folder inside a git repository
   * @param revisionA the earlier revision (commit, branch, tag, {@code HEAD~1})
   * @param revisionB the later revision
   * @param repeat how many times each revision's test probes run, at least 1
   * @param progress receives each run's progress
   * @return both results, the deltas and the timings
   */
  public Comparison compare(
      Path project, String revisionA, String revisionB, int repeat, BenchmarkProgress progress) {
    checkRepeat(repeat);
    Path root = root(project);
    String name = defaultName(root);
    Path scratch = createDirectories(workDirectory.resolve("compare-" + stamp()));
    try {
      Path folderA = scratch.resolve("a");
      Path folderB = scratch.resolve("b");
      boolean cache = repeat == 1;
      BenchmarkResult a = measureRevision(name, root, revisionA, folderA, cache, progress);
      BenchmarkResult b = measureRevision(name, root, revisionB, folderB, cache, progress);
      List<List<ProbeResult>> runsA = new ArrayList<>(List.of(a.probes()));
      List<List<ProbeResult>> runsB = new ArrayList<>(List.of(b.probes()));
      for (int run = 2; run <= repeat; run++) {
        runsA.add(
            rerunTests(
                name + "@" + revisionA, folderA, applicable(folderA), run, repeat, progress));
        runsB.add(
            rerunTests(
                name + "@" + revisionB, folderB, applicable(folderB), run, repeat, progress));
      }
      return Comparison.of(
          revisionA, revisionB, a, b, TestTimings.of(runsA), TestTimings.of(runsB));
    } finally {
      deleteTree(scratch.resolve("a"));
      deleteTree(scratch.resolve("b"));
    }
  }

  private BenchmarkResult measureRevision(
      String name,
      Path root,
      String revision,
      Path target,
      boolean useCache,
      BenchmarkProgress progress) {
    createDirectories(target);
    RevisionInfo info = GitRevisions.export(root, revision, target);
    List<QualityProbe> applicable = applicable(target);
    if (useCache && store != null) {
      // A tree measured before under the project's name (for example the previous turn of a chat)
      // is not measured again.
      Optional<BenchmarkResult> cached = store.cached(name, cacheKey(info.treeHash(), applicable));
      if (cached.isPresent()) {
        LOG.info(
            "Benchmark {}@{}: tree {} already measured (result {}), reusing it",
            name,
            revision,
            info.treeHash(),
            cached.get().id());
        progress.cached(cached.get());
        return cached.get();
      }
    }
    BenchmarkResult result =
        measure(
            name + "@" + revision,
            target,
            target,
            info,
            cacheKey(info.treeHash(), applicable),
            applicable,
            progress);
    progress.finished(result);
    return result;
  }

  private List<QualityProbe> applicable(Path root) {
    List<QualityProbe> applicable = probes.stream().filter(p -> p.appliesTo(root)).toList();
    boolean measuresSomething =
        applicable.stream().anyMatch(p -> !p.name().equals(SecretScanProbe.NAME));
    if (!measuresSomething) {
      throw new InvalidInputException(
          "No quality probe applies to "
              + root
              + " (looked for "
              + probes.stream().map(QualityProbe::name).collect(Collectors.joining(", "))
              + ").",
          "Point BECA at a Maven project (pom.xml) or a Python project (*.py), or add a probe for its language.");
    }
    return applicable;
  }

  private BenchmarkResult measure(
      String benchmark,
      Path root,
      Path project,
      RevisionInfo revision,
      String cacheKey,
      List<QualityProbe> applicable,
      BenchmarkProgress progress) {
    Instant started = clock.instant();
    Instant deadline = Instant.now().plus(timeout);
    Path runDirectory = createDirectories(workDirectory.resolve(safe(benchmark) + "-" + stamp()));
    progress.started(benchmark, applicable.stream().map(QualityProbe::name).toList());
    LOG.info(
        "Benchmark {} of {} ({}), probes {}, output in {}",
        benchmark,
        root,
        revision.inGit() ? revision.commit() + (revision.dirty() ? " dirty" : "") : "not in git",
        applicable.stream().map(QualityProbe::name).toList(),
        runDirectory);
    List<ProbeResult> results = new ArrayList<>();
    Map<String, String> versions = new TreeMap<>();
    boolean timedOut = false;
    for (int i = 0; i < applicable.size(); i++) {
      QualityProbe probe = applicable.get(i);
      progress.probeStarted(probe.name(), i + 1, applicable.size());
      ProbeResult result;
      if (!Instant.now().isBefore(deadline)) {
        result =
            ProbeResult.without(
                probe,
                ProbeStatus.TIMED_OUT,
                "not started: the run's time limit of "
                    + timeout
                    + " had passed. Raise the time limit.",
                "",
                Duration.ZERO);
      } else {
        result =
            runProbe(
                probe,
                new ProbeContext(
                    root,
                    createDirectories(runDirectory.resolve(safe(probe.name()))),
                    deadline,
                    environment,
                    processes));
      }
      timedOut |= result.status() == ProbeStatus.TIMED_OUT;
      if (!result.toolVersion().isEmpty()) {
        versions.put(probe.name(), result.toolVersion());
      }
      results.add(result);
      progress.probeFinished(result);
    }
    QualityScore score = QualityScoring.score(results, weights);
    Duration duration = Duration.between(started, clock.instant());
    LOG.info(
        "Benchmark {} scored {} in {}: {}",
        benchmark,
        score.value(),
        duration,
        score.explanation());
    return new BenchmarkResult(
        0,
        benchmark,
        project.toString(),
        revision,
        timedOut ? "" : cacheKey,
        started,
        duration,
        timedOut,
        versions,
        results,
        score);
  }

  private static ProbeResult runProbe(QualityProbe probe, ProbeContext context) {
    Instant start = Instant.now();
    try {
      ProbeResult result = Objects.requireNonNull(probe.run(context), "probe returned null");
      if (!result.probe().equals(probe.name())) {
        throw new IllegalStateException(
            "probe " + probe.name() + " returned a result named " + result.probe());
      }
      return result;
    } catch (RuntimeException e) {
      LOG.warn("Probe {} failed", probe.name(), e);
      return ProbeResult.without(
          probe,
          ProbeStatus.FAILED,
          "the probe failed: " + e.getMessage() + "; see the log for details.",
          "",
          Duration.between(start, Instant.now()));
    }
  }

  private String cacheKey(String treeHash, List<QualityProbe> applicable) {
    StringBuilder text =
        new StringBuilder("tree=").append(treeHash).append('\n').append(weights).append('\n');
    applicable.stream()
        .map(QualityProbe::fingerprint)
        .sorted()
        .forEach(f -> text.append(f).append('\n'));
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(sha.digest(text.toString().getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  private static Path root(Path project) {
    Objects.requireNonNull(project, "project");
    if (Files.isRegularFile(project)) {
      throw new InvalidInputException(
          "The path " + project.toAbsolutePath() + " is a file, not a project folder.",
          "Give the project's root folder, e.g. the folder holding its pom.xml or pyproject.toml.");
    }
    if (!Files.isDirectory(project)) {
      throw new InvalidInputException(
          "The project folder " + project.toAbsolutePath() + " does not exist.",
          "Give the path of a project's root folder.");
    }
    try {
      return project.toRealPath();
    } catch (IOException e) {
      throw new InvalidInputException(
          "The project folder " + project + " cannot be read (" + e.getMessage() + ").",
          "Check its permissions.");
    }
  }

  private static String defaultName(Path root) {
    Path name = root.getFileName();
    return name == null ? "root" : name.toString();
  }

  private static String safe(String name) {
    return name.replaceAll("[^A-Za-z0-9._-]", "_");
  }

  private static String stamp() {
    return DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS")
            .withZone(java.time.ZoneOffset.UTC)
            .format(Instant.now())
        + "-"
        + Long.toHexString(System.nanoTime() & 0xffff);
  }

  private static Path createDirectories(Path dir) {
    try {
      return Files.createDirectories(dir);
    } catch (IOException e) {
      throw new InvalidInputException(
          "Could not create the benchmark output folder " + dir + " (" + e.getMessage() + ").",
          "Choose a writable work directory.");
    }
  }

  private static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (var paths = Files.walk(dir)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      LOG.warn("Could not delete the temporary checkout {}: {}", dir, e.toString());
    }
  }

  /** Configures a {@link CodeBenchmark}; each setter fails fast naming its field. */
  public static final class Builder {
    private boolean stockProbes = true;
    private boolean discover = true;
    private List<String> pythonInterpreters = pythonCandidates(System.getenv());
    private String mavenPhase = "test";
    private boolean inPlace;
    private String pmdRuleSet = PmdProbe.DEFAULT_RULES;
    private SecretDetector secretDetector = SecretDetector.of(SecretScanner.standard());
    private final List<QualityProbe> added = new ArrayList<>();
    private BenchmarkStore store;
    private Duration timeout = DEFAULT_TIMEOUT;
    private Path workDirectory = Path.of(System.getProperty("java.io.tmpdir"), "beca-benchmark");
    private Map<String, String> environment;
    private ScoreWeights weights = ScoreWeights.DEFAULT;
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    /** Whether to include the stock probes; true by default. */
    public Builder stockProbes(boolean include) {
      this.stockProbes = include;
      return this;
    }

    /** Whether to add the probes found by {@link ServiceLoader}; true by default. */
    public Builder discoverProbes(boolean discover) {
      this.discover = discover;
      return this;
    }

    /** Adds a probe, replacing a stock or discovered probe of the same name. */
    public Builder probe(QualityProbe probe) {
      Objects.requireNonNull(probe, "probe");
      Objects.requireNonNull(probe.name(), "probe.name()");
      added.add(probe);
      return this;
    }

    /**
     * Python interpreters the Python probes try, in order; default {@code BECA_PYTHON}, python3,
     * /usr/bin/python3, python.
     */
    public Builder pythonInterpreters(List<String> interpreters) {
      Objects.requireNonNull(interpreters, "pythonInterpreters");
      if (interpreters.isEmpty() || interpreters.stream().anyMatch(i -> i == null || i.isBlank())) {
        throw new IllegalArgumentException(
            "pythonInterpreters must be a non-empty list of commands, was " + interpreters);
      }
      this.pythonInterpreters = List.copyOf(interpreters);
      return this;
    }

    /** The Maven phase the tests run to; {@code test} by default. */
    public Builder mavenPhase(String phase) {
      new MavenTestProbe(phase);
      this.mavenPhase = phase;
      return this;
    }

    /**
     * The PMD rule set of the lint probe (classpath resource or file); BECA's default by default.
     */
    public Builder pmdRuleSet(String ruleSet) {
      if (ruleSet == null || ruleSet.isBlank()) {
        throw new IllegalArgumentException("pmdRuleSet must not be blank");
      }
      this.pmdRuleSet = ruleSet;
      return this;
    }

    /** The secret detector of the {@code secrets} probe; BECA's stock secret scanner by default. */
    public Builder secretDetector(SecretDetector detector) {
      this.secretDetector = Objects.requireNonNull(detector, "secretDetector");
      return this;
    }

    /** Where results are stored and the cache is looked up; none by default (no cache). */
    public Builder store(BenchmarkStore store) {
      this.store = Objects.requireNonNull(store, "store");
      return this;
    }

    /** The time limit of one run; 30 minutes by default. */
    public Builder timeout(Duration timeout) {
      Objects.requireNonNull(timeout, "timeout");
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("timeout must be positive, was " + timeout);
      }
      this.timeout = timeout;
      return this;
    }

    /**
     * Where each run's reports and captured output go; {@code java.io.tmpdir/beca-benchmark} by
     * default.
     */
    public Builder workDirectory(Path directory) {
      this.workDirectory = Objects.requireNonNull(directory, "workDirectory").toAbsolutePath();
      return this;
    }

    /**
     * The environment to derive the tools' controlled environment from; the process's own by
     * default. CI variables and injected options are removed from it either way.
     */
    public Builder environment(Map<String, String> inherited) {
      Objects.requireNonNull(inherited, "environment");
      this.environment = ControlledEnvironment.from(inherited);
      return this;
    }

    /**
     * Whether the tools run in the project's own folder, writing their build output there (Maven's
     * {@code target/} stays for incremental builds), instead of in a copy of its working tree;
     * {@code false} by default. Folders outside git are always measured in place.
     */
    public Builder inPlace(boolean inPlace) {
      this.inPlace = inPlace;
      return this;
    }

    /** The score weights; {@link ScoreWeights#DEFAULT} by default. */
    public Builder weights(ScoreWeights weights) {
      this.weights = Objects.requireNonNull(weights, "weights");
      return this;
    }

    /** The clock stamping results; UTC system clock by default. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Builds the benchmark. */
    public CodeBenchmark build() {
      return new CodeBenchmark(this);
    }

    Map<String, QualityProbe> probes() {
      Map<String, QualityProbe> byName = new LinkedHashMap<>();
      if (stockProbes) {
        put(
            byName,
            List.of(
                new MavenTestProbe(mavenPhase),
                PmdProbe.lint(pmdRuleSet),
                PmdProbe.security(),
                new PytestProbe(pythonInterpreters),
                new PylintProbe(pythonInterpreters),
                new BanditProbe(pythonInterpreters),
                new SecretScanProbe(secretDetector)));
      }
      if (discover) {
        List<QualityProbe> found = new ArrayList<>();
        ServiceLoader.load(QualityProbe.class, CodeBenchmark.class.getClassLoader())
            .forEach(found::add);
        put(byName, found);
      }
      put(byName, added);
      // The secret scan goes last: it applies everywhere and reads every file.
      QualityProbe secrets = byName.remove(SecretScanProbe.NAME);
      if (secrets != null) {
        byName.put(SecretScanProbe.NAME, secrets);
      }
      return byName;
    }

    private static void put(Map<String, QualityProbe> byName, Collection<QualityProbe> probes) {
      probes.forEach(p -> byName.put(p.name(), p));
    }

    Builder copy() {
      Builder copy = new Builder();
      copy.stockProbes = stockProbes;
      copy.discover = discover;
      copy.pythonInterpreters = pythonInterpreters;
      copy.mavenPhase = mavenPhase;
      copy.pmdRuleSet = pmdRuleSet;
      copy.secretDetector = secretDetector;
      copy.added.addAll(added);
      copy.store = store;
      copy.timeout = timeout;
      copy.workDirectory = workDirectory;
      copy.environment = environment;
      copy.weights = weights;
      copy.clock = clock;
      copy.inPlace = inPlace;
      return copy;
    }
  }
}
