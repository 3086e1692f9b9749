package dev.beca.selfimprove;

import dev.beca.core.BecaException;
import dev.beca.core.InvalidInputException;
import dev.beca.core.NotFoundException;
import dev.beca.core.agent.CommandSettings;
import dev.beca.core.improve.AppliedProposal;
import dev.beca.core.improve.ArchivedProposal;
import dev.beca.core.improve.ImprovementArchive;
import dev.beca.core.improve.ImprovementConflictException;
import dev.beca.core.improve.ImprovementRun;
import dev.beca.core.improve.ImprovementStatus;
import dev.beca.core.improve.ImprovementStatus.CycleState;
import dev.beca.core.improve.Improvements;
import dev.beca.core.improve.ProposalDetails;
import dev.beca.core.improve.ProposalStatus;
import dev.beca.core.improve.RolledBack;
import dev.beca.core.improve.StopOutcome;
import dev.beca.selfimprove.internal.Repo;
import dev.beca.selfimprove.spi.EvaluationStep;
import dev.beca.selfimprove.spi.ProposalSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link Improvements} over the {@link ImprovementEngine}: the one way both {@code beca improve}
 * and the HTTP API build and drive the engine. Each operation builds an engine for the project
 * concerned with the configured sources, steps and command settings; {@link #start} runs a cycle on
 * a background thread (one at a time per service), and {@link #stop} reaches that cycle without any
 * lock, plus a cycle of another process through the repository's stop flag.
 *
 * <pre>{@code
 * Improvements improvements = EngineImprovements.builder()
 *     .archive(knowledgeBase.improvements())
 *     .build();                          // sources from ServiceLoader, steps by project kind
 * improvements.start(Path.of("."), 5, Duration.ofMinutes(30));
 * }</pre>
 */
public final class EngineImprovements implements Improvements {

  private static final Logger LOG = LoggerFactory.getLogger(EngineImprovements.class);

  /** How often a stop is repeated until the stopped cycle has ended. */
  private static final long STOP_REPEAT_MILLIS = 50;

  private final ImprovementArchive archive;
  private final Supplier<List<ProposalSource>> sources;
  private final Function<Path, List<EvaluationStep>> steps;
  private final CommandSettings commandSettings;
  private final Path worktreeParent;
  private final Clock clock;

  /** Engines approving or rolling back now, so that a stop reaches them too. */
  private final Set<ImprovementEngine> busy = ConcurrentHashMap.newKeySet();

  private final Object lock = new Object();
  private Running running; // guarded by lock
  private boolean lastStopped; // guarded by lock
  private String lastProblem = ""; // guarded by lock

  private static final class Running {
    final ImprovementEngine engine;
    final Path project;
    final Instant since;
    volatile boolean stopRequested;
    volatile boolean ended;

    Running(ImprovementEngine engine, Path project, Instant since) {
      this.engine = engine;
      this.project = project;
      this.since = since;
    }
  }

  private EngineImprovements(Builder b) {
    this.archive = b.archive;
    this.sources = b.sources;
    this.steps = b.steps;
    this.commandSettings = b.commandSettings;
    this.worktreeParent = b.worktreeParent;
    this.clock = b.clock;
  }

  /** A builder; the archive must be given. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The evaluation steps {@code beca improve} uses by default for a project: for Maven (the wrapper
   * when there is one) compile, the Java analysis findings, the tests; for Python pytest.
   *
   * @param project the project's folder
   * @return the steps, cheapest first
   * @throws InvalidInputException when the project is neither
   */
  public static List<EvaluationStep> defaultSteps(Path project) {
    if (Files.isRegularFile(project.resolve("pom.xml"))) {
      String mvn = Files.isExecutable(project.resolve("mvnw")) ? "./mvnw" : "mvn";
      return List.of(
          CommandStep.builder("compile", mvn + " -B -q -o compile")
              .timeLimit(Duration.ofMinutes(10))
              .build(),
          new AnalysisStep(Duration.ofMinutes(10)),
          CoverageStep.maven(mvn));
    }
    boolean python;
    try (Stream<Path> top = Files.list(project)) {
      python =
          Files.exists(project.resolve("pyproject.toml"))
              || Files.exists(project.resolve("setup.py"))
              || top.anyMatch(p -> p.getFileName().toString().endsWith(".py"));
    } catch (IOException e) {
      python = false;
    }
    if (python) {
      return List.of(CoverageStep.pytest());
    }
    throw new InvalidInputException(
        "No evaluation steps for " + project + ": it has no pom.xml and no Python files.",
        "beca improve evaluates Maven and Python projects; embed ImprovementEngine for others.");
  }

  /**
   * An engine for a project, with this service's archive, sources, steps and command settings.
   *
   * @param project the project's folder
   * @return the engine's builder, for further settings (proposals, budget)
   * @throws InvalidInputException when no steps suit the project
   */
  public ImprovementEngine.Builder engine(Path project) {
    ImprovementEngine.Builder b =
        ImprovementEngine.builder().archive(archive).commandSettings(commandSettings).clock(clock);
    if (worktreeParent != null) {
      b.worktreeParent(worktreeParent);
    }
    sources.get().forEach(b::source);
    steps.apply(project).forEach(b::step);
    return b;
  }

  private ImprovementEngine cycleEngine(Path project, int maxProposals, Duration budget) {
    if (maxProposals < 1) {
      throw new InvalidInputException(
          "The number of proposals must be at least 1, was " + maxProposals + ".",
          "Give a positive number of proposals.");
    }
    if (budget.toSeconds() < 1) {
      throw new InvalidInputException(
          "The budget must be at least 1 s, was " + budget + ".", "Give a positive budget.");
    }
    ImprovementEngine.Builder b = engine(project).maxProposals(maxProposals).budget(budget);
    if (sources.get().isEmpty()) {
      throw new InvalidInputException(
          "No proposal source is installed, so there is nothing to evaluate.",
          "Put a ProposalSource on the class path (META-INF/services), or embed"
              + " ImprovementEngine with your own.");
    }
    return b.build();
  }

  /**
   * Runs one cycle on this thread, as {@code beca improve run} does; {@link #stop} reaches it.
   *
   * @param project the project's folder
   * @param maxProposals how many proposals at most
   * @param budget how long it may evaluate
   * @return what happened to each proposal
   * @throws ImprovementRefusedException as {@link ImprovementEngine#runCycle} does
   */
  public CycleReport runCycle(Path project, int maxProposals, Duration budget) {
    ImprovementEngine engine = cycleEngine(project, maxProposals, budget);
    busy.add(engine);
    try {
      return engine.runCycle(project);
    } finally {
      busy.remove(engine);
    }
  }

  @Override
  public ImprovementStatus start(Path project, int maxProposals, Duration budget) {
    Objects.requireNonNull(project, "project");
    Objects.requireNonNull(budget, "budget");
    Path folder = project.toAbsolutePath().normalize();
    if (!Files.isDirectory(folder)) {
      throw new InvalidInputException(folder + " is not a folder.", "Give the project's folder.");
    }
    Repo repo;
    try {
      repo = Repo.open(folder);
    } catch (Repo.NotARepository e) {
      throw new InvalidInputException(e.problem(), e.remedy());
    }
    if (repo.head().isEmpty()) {
      throw new InvalidInputException(
          folder + " has no commit yet.",
          "Commit the project first; proposals are evaluated against a commit.");
    }
    synchronized (lock) {
      if (running != null) {
        throw new ImprovementConflictException(
            "cycle_running",
            "An improvement cycle is running already on " + running.project + ".",
            "Wait for it to end (GET /improve/status), or stop it (POST /improve/stop).",
            null);
      }
      ImprovementEngine engine = cycleEngine(folder, maxProposals, budget);
      Running run = new Running(engine, folder, clock.instant());
      running = run;
      Thread thread = new Thread(() -> runInBackground(run), "beca-improve-cycle");
      thread.setDaemon(true);
      thread.start();
    }
    return status();
  }

  private void runInBackground(Running run) {
    boolean stopped = false;
    String problem = "";
    try {
      CycleReport report = run.engine.runCycle(run.project);
      stopped = report.stopped();
      LOG.info("Improvement cycle {} on {}: {}", report.runId(), run.project, report.summary());
    } catch (BecaException e) {
      problem = e.problem() + " " + e.remedy();
      LOG.warn("Improvement cycle on {} refused or failed: {}", run.project, problem);
    } catch (RuntimeException e) {
      problem = "the cycle failed: " + e;
      LOG.warn("Improvement cycle on {} failed", run.project, e);
    } finally {
      run.ended = true;
      synchronized (lock) {
        lastStopped = stopped || run.stopRequested;
        lastProblem = problem;
        if (running == run) {
          running = null;
        }
      }
    }
  }

  @Override
  public ImprovementStatus status() {
    CycleState state;
    Optional<String> project;
    Optional<Instant> since;
    boolean stopped;
    String problem;
    synchronized (lock) {
      state =
          running == null
              ? CycleState.IDLE
              : running.stopRequested ? CycleState.STOPPING : CycleState.RUNNING;
      project = Optional.ofNullable(running).map(r -> r.project.toString());
      since = Optional.ofNullable(running).map(r -> r.since);
      stopped = lastStopped;
      problem = lastProblem;
    }
    Optional<ImprovementRun> last = archive.runs(1).stream().findFirst();
    return new ImprovementStatus(
        state,
        project,
        since,
        last,
        stopped,
        problem,
        archive.proposalsWithStatus(ProposalStatus.AWAITING_APPROVAL));
  }

  @Override
  public List<ArchivedProposal> history(int limit) {
    if (limit < 1) {
      throw new InvalidInputException("The limit must be positive.", "Give a number.");
    }
    return archive.recentProposals(limit);
  }

  @Override
  public Optional<ProposalDetails> show(String proposalId) {
    return archive.proposal(proposalId).map(p -> new ProposalDetails(p, archive.steps(p.id())));
  }

  @Override
  public Optional<Path> projectOf(String proposalId) {
    return archive
        .proposal(proposalId)
        .flatMap(p -> archive.run(p.runId()))
        .map(r -> Path.of(r.project()));
  }

  private Path projectOrThrow(String proposalId) {
    if (archive.proposal(proposalId).isEmpty()) {
      throw new NotFoundException(
          "No proposal has the id " + proposalId + ".",
          "List them with GET /improve/history or beca improve history.");
    }
    return projectOf(proposalId)
        .orElseThrow(
            () ->
                new NotFoundException(
                    "The run of proposal " + proposalId + " is not archived.", "Run a new cycle."));
  }

  @Override
  public AppliedProposal approve(String proposalId) {
    ImprovementEngine engine = engine(projectOrThrow(proposalId)).build();
    Application a = whileBusy(engine, () -> engine.approve(proposalId));
    return new AppliedProposal(
        a.proposalId(), a.applied(), a.commit(), a.rollbackRef(), a.message());
  }

  @Override
  public ArchivedProposal reject(String proposalId, String reason) {
    ImprovementEngine engine = engine(projectOrThrow(proposalId)).build();
    return whileBusy(engine, () -> engine.reject(proposalId, reason));
  }

  @Override
  public RolledBack rollback(String proposalId) {
    ImprovementEngine engine = engine(projectOrThrow(proposalId)).build();
    return rolledBack(whileBusy(engine, () -> engine.rollback(proposalId)));
  }

  @Override
  public RolledBack rollbackTo(Path project, String ref) {
    Objects.requireNonNull(project, "project");
    if (ref == null || ref.isBlank()) {
      throw new InvalidInputException("The ref to roll back to is empty.", "Name a commit or ref.");
    }
    ImprovementEngine engine = engine(project).build();
    return rolledBack(whileBusy(engine, () -> engine.rollbackTo(project, ref)));
  }

  private static RolledBack rolledBack(Rollback r) {
    return new RolledBack(r.target(), r.undoneCommits(), r.proposalIds());
  }

  private <T> T whileBusy(ImprovementEngine engine, Supplier<T> operation) {
    busy.add(engine);
    try {
      return operation.get();
    } catch (ImprovementRefusedException e) {
      throw translate(e);
    } finally {
      busy.remove(engine);
    }
  }

  private static BecaException translate(ImprovementRefusedException e) {
    if (e.reason() == ImprovementRefusedException.Reason.NOT_FOUND) {
      return new NotFoundException(e.problem(), e.remedy());
    }
    return new ImprovementConflictException(e.reason().name(), e.problem(), e.remedy(), e);
  }

  @Override
  public StopOutcome stop(Optional<Path> project) {
    Objects.requireNonNull(project, "project");
    Running run;
    synchronized (lock) {
      run = running;
    }
    Optional<Path> target =
        project
            .map(p -> p.toAbsolutePath().normalize())
            .or(() -> Optional.ofNullable(run).map(r -> r.project))
            .or(() -> archive.runs(1).stream().findFirst().map(r -> Path.of(r.project())));
    boolean ours = run != null && (project.isEmpty() || target.get().equals(run.project));
    if (ours) {
      run.stopRequested = true;
      keepStopping(run);
    }
    List<ImprovementEngine> others = new ArrayList<>(busy);
    others.forEach(ImprovementEngine::stop);
    if (target.isEmpty()) {
      return new StopOutcome(
          Optional.empty(),
          ours || !others.isEmpty(),
          others.isEmpty() ? "No improvement cycle has run yet." : "Stop requested.");
    }
    String flag = "";
    try {
      ImprovementEngine.requestStop(target.get());
    } catch (ImprovementRefusedException e) {
      if (!ours) {
        throw new InvalidInputException(e.problem(), e.remedy());
      }
      flag = " (the stop flag could not be set: " + e.problem() + ")";
    }
    return new StopOutcome(
        Optional.of(target.get().toString()),
        ours,
        (ours
                ? "Stopping the cycle on " + target.get() + ": it ends within a second."
                : "Stop requested for "
                    + target.get()
                    + ": a cycle running there in any process ends within a second.")
            + flag);
  }

  /**
   * Stops the cycle's engine now and again every 50 ms until the cycle ends: a stop that comes
   * before the engine has taken its lock would otherwise be cleared when the cycle begins.
   */
  private static void keepStopping(Running run) {
    run.engine.stop();
    Thread t =
        new Thread(
            () -> {
              while (!run.ended) {
                run.engine.stop();
                try {
                  Thread.sleep(STOP_REPEAT_MILLIS);
                } catch (InterruptedException e) {
                  return;
                }
              }
            },
            "beca-improve-stopping");
    t.setDaemon(true);
    t.start();
  }

  /** Builds {@link EngineImprovements}; setters fail fast naming the field. */
  public static final class Builder {
    private ImprovementArchive archive;
    private Supplier<List<ProposalSource>> sources = Builder::installedSources;
    private Function<Path, List<EvaluationStep>> steps = EngineImprovements::defaultSteps;
    private CommandSettings commandSettings =
        CommandSettings.builder().killGrace(Duration.ofMillis(300)).maxOutputChars(20_000).build();
    private Path worktreeParent;
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    private static List<ProposalSource> installedSources() {
      List<ProposalSource> found = new ArrayList<>();
      ServiceLoader.load(ProposalSource.class).forEach(found::add);
      return found;
    }

    /** Where runs, proposals and step outcomes are kept (required). */
    public Builder archive(ImprovementArchive value) {
      this.archive = Objects.requireNonNull(value, "archive");
      return this;
    }

    /**
     * The proposal sources of each engine, asked in order; default those found with {@link
     * ServiceLoader} ({@code META-INF/services/dev.beca.selfimprove.spi.ProposalSource}).
     */
    public Builder sources(Supplier<List<ProposalSource>> value) {
      this.sources = Objects.requireNonNull(value, "sources");
      return this;
    }

    /** The evaluation steps for a project; default {@link EngineImprovements#defaultSteps}. */
    public Builder steps(Function<Path, List<EvaluationStep>> value) {
      this.steps = Objects.requireNonNull(value, "steps");
      return this;
    }

    /** Settings of evaluation commands (hidden paths such as the data directory, kill grace). */
    public Builder commandSettings(CommandSettings value) {
      this.commandSettings = Objects.requireNonNull(value, "commandSettings");
      return this;
    }

    /** Where temporary worktrees are made; default the engine's (the temporary folder). */
    public Builder worktreeParent(Path value) {
      this.worktreeParent = Objects.requireNonNull(value, "worktreeParent").toAbsolutePath();
      return this;
    }

    /** The clock of archived times. */
    public Builder clock(Clock value) {
      this.clock = Objects.requireNonNull(value, "clock");
      return this;
    }

    /**
     * The service.
     *
     * @throws IllegalStateException without an archive
     */
    public EngineImprovements build() {
      if (archive == null) {
        throw new IllegalStateException("archive must be set: where runs and proposals are kept");
      }
      return new EngineImprovements(this);
    }
  }
}
