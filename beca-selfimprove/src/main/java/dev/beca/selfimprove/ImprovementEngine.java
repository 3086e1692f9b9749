package dev.beca.selfimprove;

import dev.beca.core.agent.CommandSandbox;
import dev.beca.core.agent.CommandSettings;
import dev.beca.core.agent.ToolCancellation;
import dev.beca.core.improve.ArchivedProposal;
import dev.beca.core.improve.ImprovementArchive;
import dev.beca.core.improve.ImprovementRun;
import dev.beca.core.improve.MeasureDelta;
import dev.beca.core.improve.ProposalStatus;
import dev.beca.core.improve.StepRecord;
import dev.beca.core.improve.StepRecord.StepOutcome;
import dev.beca.core.secrets.SecretScanner;
import dev.beca.selfimprove.ImprovementRefusedException.Reason;
import dev.beca.selfimprove.internal.EngineState;
import dev.beca.selfimprove.internal.GitCli;
import dev.beca.selfimprove.internal.Judge;
import dev.beca.selfimprove.internal.ProtectedHashes;
import dev.beca.selfimprove.internal.Repo;
import dev.beca.selfimprove.internal.SandboxedContext;
import dev.beca.selfimprove.internal.Worktrees;
import dev.beca.selfimprove.internal.Worktrees.Worktree;
import dev.beca.selfimprove.spi.EvaluationStep;
import dev.beca.selfimprove.spi.Proposal;
import dev.beca.selfimprove.spi.ProposalContext;
import dev.beca.selfimprove.spi.ProposalRisk;
import dev.beca.selfimprove.spi.ProposalSource;
import dev.beca.selfimprove.spi.StepResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The self-improvement engine: asks its {@link ProposalSource sources} for proposals, validates
 * each diff, tries each in its own temporary git worktree on a branch {@code
 * beca/improve/<run>/<n>} through the {@link EvaluationStep evaluation steps} (cheapest first,
 * compared with the base revision), and queues the accepted ones for a person's approval. The
 * user's working tree and branch are not touched by a cycle.
 *
 * <pre>{@code
 * ImprovementEngine engine = ImprovementEngine.builder()
 *     .archive(knowledgeBase.improvements())
 *     .source(myProposer)
 *     .step(CommandStep.mavenCompile())
 *     .step(CommandStep.mavenTests())
 *     .maxProposals(5).budget(Duration.ofMinutes(30))
 *     .build();
 * CycleReport report = engine.runCycle(Path.of("."));
 * engine.approve(report.withStatus(ProposalStatus.AWAITING_APPROVAL).get(0).id());
 * }</pre>
 *
 * <p>One cycle, approval or rollback at a time per repository (a file lock in {@code
 * .git/beca-improve/}; a second one is refused). {@link #stop()}, or {@link #requestStop(Path)}
 * from another process, kills every running evaluation's processes and ends the cycle. Worktrees
 * are registered before they are made, so those left by a crash are removed at the next start.
 */
public final class ImprovementEngine {

  /** The trailer of BECA's improvement commits. */
  public static final String TRAILER = "BECA-Improvement";

  /** The prefix of rollback refs. */
  public static final String ROLLBACK_REFS = "refs/beca/rollback/";

  private static final Logger LOG = LoggerFactory.getLogger(ImprovementEngine.class);

  private static final Set<ProposalStatus> RETRYABLE =
      EnumSet.of(ProposalStatus.FAILED, ProposalStatus.PROPOSED);

  private final List<ProposalSource> sources;
  private final List<EvaluationStep> steps;
  private final ImprovementArchive archive;
  private final ProposalValidator validator;
  private final int maxProposals;
  private final Duration budget;
  private final CommandSandbox sandbox;
  private final CommandSettings commandSettings;
  private final Path worktreeParent;
  private final Clock clock;
  private final AutoApplyPolicy autoApply;
  private final Worktrees.FolderCheck worktreeCreation;
  private final Runnable cycleStarting;

  private final AtomicBoolean stopped = new AtomicBoolean();
  private final Set<ToolCancellation> running = ConcurrentHashMap.newKeySet();

  private ImprovementEngine(Builder b) {
    this.sources = List.copyOf(b.sources);
    this.steps = List.copyOf(b.steps);
    this.archive = b.archive;
    this.validator = new ProposalValidator(b.protectedFiles, b.secretScanner);
    this.maxProposals = b.maxProposals;
    this.budget = b.budget;
    this.sandbox = b.sandbox != null ? b.sandbox : CommandSandbox.detect();
    this.commandSettings = b.commandSettings;
    this.worktreeParent = b.worktreeParent;
    this.clock = b.clock;
    this.autoApply = b.autoApply;
    this.worktreeCreation = b.worktreeCreation;
    this.cycleStarting = b.cycleStarting;
  }

  /** A builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** The archive. */
  public ImprovementArchive archive() {
    return archive;
  }

  /** The sandbox evaluations run in. */
  public CommandSandbox sandbox() {
    return sandbox;
  }

  /** The proposals waiting for a person's approval, oldest first. */
  public List<ArchivedProposal> awaitingApproval() {
    return archive.proposalsWithStatus(ProposalStatus.AWAITING_APPROVAL);
  }

  // ---------------------------------------------------------------- stop

  /**
   * Emergency stop: every running evaluation's command and the processes below it are killed, and
   * the running cycle (or approval) ends, archiving what it was doing as failed ("stopped").
   */
  public void stop() {
    stopped.set(true);
    for (ToolCancellation c : List.copyOf(running)) {
      c.cancel();
    }
  }

  /**
   * Asks the cycle running on a project, in any process, to stop: sets the stop flag file in the
   * repository's {@code .git/beca-improve/}, which a running cycle polls every 50 ms.
   *
   * @param project the project's folder
   */
  public static void requestStop(Path project) {
    Repo repo = openRepo(project);
    new EngineState(repo.commonDir()).requestStop();
  }

  // ---------------------------------------------------------------- the cycle

  /**
   * Runs one cycle on a project: propose, validate, evaluate, queue the accepted proposals.
   *
   * @param project the top folder of a git working tree with at least one commit
   * @return what happened to each proposal
   * @throws ImprovementRefusedException when another cycle runs, or the folder is no repository
   */
  public CycleReport runCycle(Path project) {
    return runCycle(project, true);
  }

  /**
   * One cycle; {@code fresh} clears the stop flags first (and the file flag at the end). A
   * scheduled cycle does not: {@link #runEvery} cleared them once when it began, and a stop asked
   * for since, even between its check and this cycle's start, must stop it.
   */
  private CycleReport runCycle(Path project, boolean fresh) {
    Repo repo = openRepo(project);
    EngineState state = new EngineState(repo.commonDir());
    CycleReport report;
    try (EngineState.Lock lock = lockOrRefuse(state, repo)) {
      if (fresh) {
        stopped.set(false);
        state.clearStop();
      }
      Worktrees worktrees = worktrees(repo, state);
      List<Path> leftovers = worktrees.removeLeftovers();
      if (!leftovers.isEmpty()) {
        LOG.info("Removed {} worktrees left by an earlier crash: {}", leftovers.size(), leftovers);
      }
      String base =
          repo.head()
              .orElseThrow(
                  () ->
                      new ImprovementRefusedException(
                          Reason.NO_COMMIT,
                          repo.root() + " has no commit yet.",
                          "Commit the project first; proposals are evaluated against a commit."));
      Thread watcher = watchStopFlag(state);
      try {
        report = new Cycle(repo, worktrees, base).run();
      } finally {
        watcher.interrupt();
        if (fresh) {
          state.clearStop();
        }
      }
    }
    return autoApply == null || report.stopped() ? report : autoApplied(repo, report);
  }

  private Worktrees worktrees(Repo repo, EngineState state) {
    return new Worktrees(repo.git(), state, worktreeParent, worktreeCreation);
  }

  /**
   * Runs cycles on a project, one every {@code interval} (measured from the start of one to the
   * start of the next; a cycle that runs longer is followed at once), until {@link #stop()} or
   * {@link #requestStop(Path)} (also while waiting). A cycle refused because another one runs on
   * the project is skipped.
   *
   * @param project the project
   * @param interval the time between the starts of two cycles, at least 1 s
   * @param each receives the report of every cycle, on this thread
   * @return how many cycles ran
   */
  public int runEvery(Path project, Duration interval, Consumer<CycleReport> each) {
    Objects.requireNonNull(interval, "interval");
    Objects.requireNonNull(each, "each");
    if (interval.toMillis() < 1000) {
      throw new IllegalArgumentException("interval must be at least 1 s, was " + interval);
    }
    EngineState state = new EngineState(openRepo(project).commonDir());
    // The flags are cleared once, here: the cycles below keep them, so a stop asked for at any
    // moment from now on (also just as a cycle starts) ends the schedule.
    stopped.set(false);
    state.clearStop();
    int cycles = 0;
    try {
      while (true) {
        long start = System.nanoTime();
        if (stopped.get() || state.stopRequested()) {
          return cycles;
        }
        try {
          cycleStarting.run();
          CycleReport report = runCycle(project, false);
          cycles++;
          each.accept(report);
          if (report.stopped()) {
            return cycles;
          }
        } catch (ImprovementRefusedException e) {
          if (e.reason() != Reason.CYCLE_RUNNING) {
            throw e;
          }
          LOG.info("Scheduled cycle skipped: {}", e.getMessage());
        }
        long next = start + interval.toNanos();
        while (System.nanoTime() < next) {
          if (stopped.get() || state.stopRequested()) {
            return cycles;
          }
          try {
            Thread.sleep(Math.min(50, Math.max(1, (next - System.nanoTime()) / 1_000_000)));
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return cycles;
          }
        }
      }
    } finally {
      state.clearStop();
    }
  }

  /** Applies the accepted proposals the policy covers, each verified again after the merge. */
  private CycleReport autoApplied(Repo repo, CycleReport report) {
    List<ArchivedProposal> eligible =
        report.withStatus(ProposalStatus.AWAITING_APPROVAL).stream()
            .filter(p -> autoApply.covers(ProposalRisk.valueOf(p.risk().toUpperCase(Locale.ROOT))))
            .toList();
    if (eligible.isEmpty()) {
      return report;
    }
    List<String> notes = new ArrayList<>();
    if (AutoApplyPolicy.isBecaRepository(repo.root())) {
      notes.add(
          "auto-apply refused: "
              + repo.root()
              + " is BECA's own repository, where every change waits for a person");
    } else {
      for (ArchivedProposal p : eligible) {
        if (stopped.get()) {
          break;
        }
        notes.add(autoApplyOne(repo, p));
      }
    }
    List<ArchivedProposal> now =
        report.proposals().stream().map(p -> archive.proposal(p.id()).orElse(p)).toList();
    return new CycleReport(
        report.runId(),
        report.baseCommit(),
        now,
        report.stopped() || stopped.get(),
        report.summary() + "; " + String.join("; ", notes));
  }

  private String autoApplyOne(Repo repo, ArchivedProposal p) {
    Application a;
    try {
      a = approve(p.id());
    } catch (ImprovementRefusedException e) {
      return p.id() + " waits for approval: " + e.getMessage();
    }
    if (!a.applied()) {
      return p.id() + " was not applied: " + a.message();
    }
    Optional<String> failure = verifyAfterMerge(repo, p.id(), a.commit());
    if (failure.isEmpty()) {
      return "auto-applied " + p.id() + " as " + a.commit().substring(0, 12) + " and verified";
    }
    rollbackTo(repo, a.rollbackRef());
    String reason =
        "rolled back automatically to "
            + a.rollbackRef()
            + ": the verification after the merge failed: "
            + failure.get();
    archive
        .proposal(p.id())
        .ifPresent(
            r ->
                archive.saveProposal(
                    r.withStatus(ProposalStatus.ROLLED_BACK, reason, clock.instant())));
    return p.id() + " " + reason;
  }

  /** Runs the steps again on the branch's new commit (in a worktree); the failure, if any. */
  private Optional<String> verifyAfterMerge(Repo repo, String proposalId, String commit) {
    EngineState state = new EngineState(repo.commonDir());
    try (EngineState.Lock lock = lockOrRefuse(state, repo)) {
      Worktrees worktrees = worktrees(repo, state);
      Worktree tree = worktrees.add("verify-" + proposalId, commit, null);
      try {
        return verify(proposalOrThrow(proposalId), tree.path());
      } finally {
        worktrees.remove(tree);
      }
    } catch (UncheckedIOException e) {
      return Optional.of("the verification could not start: " + e.getMessage());
    }
  }

  private EngineState.Lock lockOrRefuse(EngineState state, Repo repo) {
    return state
        .tryLock()
        .orElseThrow(
            () ->
                new ImprovementRefusedException(
                    Reason.CYCLE_RUNNING,
                    "Another improvement cycle, approval or rollback is running on "
                        + repo.root()
                        + ".",
                    "Wait for it to end, or stop it (beca improve stop)."));
  }

  private Thread watchStopFlag(EngineState state) {
    Thread t =
        new Thread(
            () -> {
              while (!Thread.currentThread().isInterrupted()) {
                if (state.stopRequested()) {
                  LOG.info("Stop flag found: stopping the cycle");
                  stop();
                  return;
                }
                try {
                  Thread.sleep(50);
                } catch (InterruptedException e) {
                  return;
                }
              }
            },
            "beca-improve-stop-watch");
    t.setDaemon(true);
    t.start();
    return t;
  }

  private final class Cycle {
    private final Repo repo;
    private final Worktrees worktrees;
    private final String base;
    private final String runId;
    private final Instant started;
    private final long deadline;
    private final Map<String, StepResult> baseResults = new HashMap<>();
    private final Map<String, ArchivedProposal> outcomes = new LinkedHashMap<>();
    private final List<String> sourceProblems = new ArrayList<>();
    private ProtectedHashes protectedHashes;

    Cycle(Repo repo, Worktrees worktrees, String base) {
      this.repo = repo;
      this.worktrees = worktrees;
      this.base = base;
      this.started = clock.instant();
      this.runId =
          DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(started)
              + "-"
              + UUID.randomUUID().toString().substring(0, 4);
      this.deadline = System.nanoTime() + budget.toNanos();
    }

    CycleReport run() {
      ImprovementRun run =
          new ImprovementRun(
              runId, repo.root().toString(), base, started, Optional.empty(), "running");
      archive.saveRun(run);
      String problem = "";
      try {
        List<Proposal> queue = collect();
        if (!queue.isEmpty() && !stopped.get()) {
          protectedHashes =
              ProtectedHashes.of(repo.git(), base, validator.protectedFiles()::isProtected);
          Worktree baseTree = worktrees.add(runId + "-base", base, null);
          try {
            measureBase(baseTree);
            int n = 0;
            for (Proposal p : queue) {
              n++;
              evaluateOrSkip(p, n, baseTree);
            }
          } finally {
            worktrees.remove(baseTree);
          }
        } else {
          queue.forEach(p -> finish(p.id(), ProposalStatus.FAILED, "not evaluated: stopped"));
        }
      } catch (RuntimeException e) {
        problem = " (the cycle failed: " + e.getMessage() + ")";
        LOG.warn("Improvement cycle {} failed", runId, e);
        outcomes.values().stream()
            .filter(p -> p.status() == ProposalStatus.PROPOSED)
            .toList()
            .forEach(
                p -> finish(p.id(), ProposalStatus.FAILED, "the cycle failed: " + e.getMessage()));
        if (!(e instanceof UncheckedIOException)) {
          archive.saveRun(run.ended(clock.instant(), summary() + problem));
          throw e;
        }
      }
      String summary = summary() + problem;
      archive.saveRun(run.ended(clock.instant(), summary));
      return new CycleReport(runId, base, List.copyOf(outcomes.values()), stopped.get(), summary);
    }

    private String summary() {
      Map<ProposalStatus, Long> counts =
          outcomes.values().stream()
              .collect(
                  Collectors.groupingBy(
                      ArchivedProposal::status, LinkedHashMap::new, Collectors.counting()));
      String parts =
          counts.entrySet().stream()
              .map(e -> e.getValue() + " " + e.getKey().label())
              .collect(Collectors.joining(", "));
      return outcomes.size()
          + (outcomes.size() == 1 ? " proposal" : " proposals")
          + (parts.isEmpty() ? "" : ": " + parts)
          + (stopped.get() ? "; stopped" : "")
          + sourceProblems.stream().map(p -> "; " + p).collect(Collectors.joining());
    }

    /** Asks the sources, validates, archives; returns the proposals to evaluate. */
    private List<Proposal> collect() {
      Set<String> tried = new HashSet<>();
      for (ProposalStatus s : ProposalStatus.values()) {
        if (!RETRYABLE.contains(s)) {
          archive.proposalsWithStatus(s).forEach(p -> tried.add(p.diffHash()));
        }
      }
      List<Proposal> queue = new ArrayList<>();
      int considered = 0;
      for (ProposalSource source : sources) {
        if (stopped.get() || considered >= maxProposals) {
          break;
        }
        List<Proposal> candidates;
        try {
          candidates =
              source.propose(
                  new ProposalContext(repo.root(), runId, base, maxProposals - considered, tried));
        } catch (RuntimeException e) {
          LOG.warn("Proposal source {} failed", sourceName(source), e);
          sourceProblems.add("the source " + sourceName(source) + " failed: " + e.getMessage());
          continue;
        }
        for (Proposal p : candidates) {
          if (considered >= maxProposals) {
            break;
          }
          if (outcomes.containsKey(p.id()) || archive.proposal(p.id()).isPresent()) {
            LOG.warn("Proposal id {} from {} was used before; skipped", p.id(), source.name());
            continue;
          }
          considered++;
          Instant now = clock.instant();
          ArchivedProposal a =
              new ArchivedProposal(
                  p.id(),
                  runId,
                  p.source(),
                  p.description(),
                  p.diff(),
                  p.diffHash(),
                  p.risk().label(),
                  ProposalStatus.PROPOSED,
                  "",
                  "",
                  now,
                  now);
          archive.saveProposal(a);
          outcomes.put(p.id(), a);
          Validation v = validator.validate(p.diff());
          if (!v.isValid()) {
            finish(p.id(), ProposalStatus.REFUSED, v.refusal().get().name() + ": " + v.message());
            continue;
          }
          Optional<ArchivedProposal> before =
              archive.proposalsWithDiffHash(p.diffHash()).stream()
                  .filter(o -> !o.id().equals(p.id()) && !RETRYABLE.contains(o.status()))
                  .findFirst();
          if (before.isPresent()) {
            ArchivedProposal o = before.get();
            finish(
                p.id(),
                ProposalStatus.REFUSED,
                RefusalReason.TRIED_BEFORE.name()
                    + ": the same diff was tried as "
                    + o.id()
                    + " in run "
                    + o.runId()
                    + " ("
                    + o.status().label()
                    + (o.reason().isEmpty() ? "" : ": " + o.reason())
                    + ")");
            continue;
          }
          queue.add(p);
        }
      }
      return queue;
    }

    private String sourceName(ProposalSource source) {
      try {
        return source.name();
      } catch (RuntimeException e) {
        return source.getClass().getSimpleName();
      }
    }

    private void measureBase(Worktree tree) {
      int position = 0;
      for (EvaluationStep step : steps) {
        if (!step.measuresBase()) {
          continue;
        }
        if (stopped.get() || remaining().isZero()) {
          break;
        }
        long t0 = System.nanoTime();
        StepResult r = runStep(step, tree.path(), null);
        baseResults.put(step.name(), r);
        archive.addStep(
            new StepRecord(
                "base:" + runId,
                position++,
                step.name(),
                r.outcome(),
                r.detail(),
                List.of(),
                Duration.ofNanos(System.nanoTime() - t0)));
      }
    }

    private void evaluateOrSkip(Proposal p, int n, Worktree baseTree) {
      if (stopped.get()) {
        finish(p.id(), ProposalStatus.FAILED, "not evaluated: the cycle was stopped");
        return;
      }
      if (remaining().isZero()) {
        finish(
            p.id(),
            ProposalStatus.FAILED,
            "not evaluated: the cycle's budget of " + budget.toMinutes() + " min was spent");
        return;
      }
      if (steps.stream()
          .filter(EvaluationStep::measuresBase)
          .anyMatch(s -> !baseResults.containsKey(s.name()))) {
        finish(p.id(), ProposalStatus.FAILED, "not evaluated: the base revision was not measured");
        return;
      }
      Worktree tree;
      try {
        tree = worktrees.add(runId + "-" + n, base, "beca/improve/" + runId + "/" + n);
      } catch (UncheckedIOException e) {
        finish(p.id(), ProposalStatus.FAILED, e.getMessage());
        return;
      }
      try {
        evaluate(p, tree, baseTree);
      } catch (RuntimeException e) {
        LOG.warn("Evaluation of {} failed", p.id(), e);
        finish(p.id(), ProposalStatus.FAILED, "the evaluation failed: " + e.getMessage());
      } finally {
        worktrees.remove(tree);
      }
    }

    private void evaluate(Proposal p, Worktree tree, Worktree baseTree) {
      GitCli git = new GitCli(tree.path());
      long t0 = System.nanoTime();
      Optional<String> applyError = apply(git, tree.folder(), p.diff());
      archive.addStep(
          new StepRecord(
              p.id(),
              0,
              "apply",
              applyError.isPresent() ? StepOutcome.FAILED : StepOutcome.PASSED,
              applyError.orElse("applied on " + tree.branch()),
              List.of(),
              Duration.ofNanos(System.nanoTime() - t0)));
      if (applyError.isPresent()) {
        finish(
            p.id(),
            ProposalStatus.REFUSED,
            RefusalReason.DOES_NOT_APPLY.name()
                + ": the diff does not apply to "
                + base.substring(0, 12)
                + ": "
                + applyError.get());
        return;
      }
      List<MeasureDelta> all = new ArrayList<>();
      int position = 1;
      for (EvaluationStep step : steps) {
        if (stopped.get()) {
          finish(p.id(), ProposalStatus.FAILED, "stopped before step " + step.name());
          return;
        }
        if (remaining().isZero()) {
          finish(
              p.id(),
              ProposalStatus.FAILED,
              "the cycle's budget of " + budget.toMinutes() + " min ran out before " + step.name());
          return;
        }
        Optional<String> tampered = protectedHashes.violation(tree.path(), git);
        if (tampered.isPresent()) {
          archive.addStep(
              new StepRecord(
                  p.id(),
                  position,
                  "protected-files",
                  StepOutcome.FAILED,
                  tampered.get(),
                  List.of(),
                  Duration.ZERO));
          finish(
              p.id(),
              ProposalStatus.REJECTED_BY_EVALUATOR,
              "the evaluation's own files changed before " + step.name() + ": " + tampered.get());
          return;
        }
        long s0 = System.nanoTime();
        StepResult r = runStep(step, tree.path(), baseTree.path());
        List<MeasureDelta> deltas =
            Judge.compare(
                step.name(), step.measuresBase() ? baseResults.get(step.name()) : null, r);
        archive.addStep(
            new StepRecord(
                p.id(),
                position++,
                step.name(),
                r.outcome(),
                r.detail(),
                deltas,
                Duration.ofNanos(System.nanoTime() - s0)));
        all.addAll(deltas);
        if (r.outcome() == StepOutcome.STOPPED || stopped.get()) {
          finish(p.id(), ProposalStatus.FAILED, "stopped during step " + step.name());
          return;
        }
        if (deltas.stream().anyMatch(d -> d.change() == MeasureDelta.Change.WORSE)) {
          break; // cheapest first: a worse result here is enough to reject
        }
      }
      Verdict verdict = new Verdict(all);
      finish(
          p.id(),
          verdict.accepted()
              ? ProposalStatus.AWAITING_APPROVAL
              : ProposalStatus.REJECTED_BY_EVALUATOR,
          verdict.summary());
    }

    private Duration remaining() {
      long left = deadline - System.nanoTime();
      return left <= 0 ? Duration.ZERO : Duration.ofNanos(left);
    }

    private StepResult runStep(EvaluationStep step, Path tree, Path baseTree) {
      Duration limit = step.timeLimit();
      Duration left = remaining();
      if (left.compareTo(limit) < 0) {
        limit = Duration.ofSeconds(Math.max(1, left.toSeconds()));
      }
      return ImprovementEngine.this.runStep(step, tree, baseTree, limit);
    }

    private void finish(String id, ProposalStatus status, String reason) {
      ArchivedProposal p = outcomes.get(id).withStatus(status, reason, clock.instant());
      archive.saveProposal(p);
      outcomes.put(id, p);
    }
  }

  private StepResult runStep(EvaluationStep step, Path tree, Path baseTree, Duration limit) {
    ToolCancellation cancellation = new ToolCancellation();
    running.add(cancellation);
    if (stopped.get()) {
      cancellation.cancel();
    }
    try {
      return step.run(
          new SandboxedContext(
              tree, baseTree, limit, sandbox, commandSettings, cancellation, stopped::get));
    } catch (RuntimeException e) {
      LOG.warn("Evaluation step {} failed", step.name(), e);
      return StepResult.of(
          StepOutcome.ERROR, "the step " + step.name() + " failed: " + e.getMessage());
    } finally {
      running.remove(cancellation);
    }
  }

  /** Applies a diff in a worktree and commits it on its branch; the error, if it did not apply. */
  private static Optional<String> apply(GitCli git, Path folder, String diff) {
    Path patch = folder.resolve("proposal.diff");
    try {
      Files.writeString(patch, diff);
    } catch (IOException e) {
      return Optional.of("the diff could not be written to " + patch + ": " + e.getMessage());
    }
    GitCli.Result r = git.run("apply", "--whitespace=nowarn", patch.toString());
    if (!r.ok()) {
      return Optional.of(r.err().strip());
    }
    git.run("add", "-A");
    GitCli.Result c =
        git.run(null, becaIdentity(), "commit", "-q", "--no-verify", "-m", "BECA proposal");
    if (!c.ok()) {
      return Optional.of("the applied change could not be committed: " + c.err().strip());
    }
    return Optional.empty();
  }

  private static Map<String, String> becaIdentity() {
    return Map.of(
        "GIT_AUTHOR_NAME", "BECA",
        "GIT_AUTHOR_EMAIL", "beca@localhost",
        "GIT_COMMITTER_NAME", "BECA",
        "GIT_COMMITTER_EMAIL", "beca@localhost");
  }

  // ---------------------------------------------------------------- approval

  /**
   * Applies an accepted proposal onto the project's current branch. The rollback point {@code
   * refs/beca/rollback/<id>} is set to HEAD; the diff is applied and committed, with the trailer
   * {@code BECA-Improvement: <id>}, in a temporary worktree on top of HEAD; the evaluation steps
   * run again on that commit; only when every step that passed in the evaluation passes again is
   * the user's branch fast-forwarded to it ({@code git merge --ff-only}). A failed verification
   * leaves the branch as it was (the proposal becomes failed, the reason says why); a fast-forward
   * that fails half-way is rolled back to the rollback point. A crash at any point leaves the
   * branch either unchanged or at the verified commit, and the worktree is removed at the next
   * start.
   *
   * @param proposalId the proposal, awaiting approval (or approved by a run that crashed)
   * @return what happened
   * @throws ImprovementRefusedException when it is not awaiting approval, tracked files have
   *     uncommitted changes, another cycle runs, the branch moved during the verification, or the
   *     diff no longer applies
   */
  public Application approve(String proposalId) {
    ArchivedProposal p = proposalOrThrow(proposalId);
    Repo repo = repoOf(p);
    EngineState state = new EngineState(repo.commonDir());
    try (EngineState.Lock lock = lockOrRefuse(state, repo)) {
      p = proposalOrThrow(proposalId);
      if (p.status() != ProposalStatus.AWAITING_APPROVAL && p.status() != ProposalStatus.APPROVED) {
        throw new ImprovementRefusedException(
            Reason.WRONG_STATUS,
            "Proposal " + proposalId + " is " + p.status().label() + ", not awaiting approval.",
            "Only proposals the evaluator accepted can be approved.");
      }
      stopped.set(false);
      Worktrees worktrees = worktrees(repo, state);
      worktrees.removeLeftovers();
      requireClean(repo, "approving " + proposalId);
      String head =
          repo.head()
              .orElseThrow(
                  () ->
                      new ImprovementRefusedException(
                          Reason.NO_COMMIT, repo.root() + " has no commit.", "Commit first."));
      GitCli git = repo.git();
      String ref = ROLLBACK_REFS + proposalId;
      git.run("update-ref", ref, head);
      archive.saveProposal(p.withStatus(ProposalStatus.APPROVED, "approved", clock.instant()));
      Worktree tree = worktrees.add("approve-" + proposalId, head, "beca/approve/" + proposalId);
      try {
        GitCli wt = new GitCli(tree.path());
        GitCli.Result applied =
            wt.run(p.diff(), Map.of(), "apply", "--index", "--whitespace=nowarn", "-");
        if (!applied.ok()) {
          git.run("update-ref", "-d", ref);
          String why = applied.err().strip();
          archive.saveProposal(
              p.withStatus(
                  ProposalStatus.FAILED,
                  "no longer applies to " + head.substring(0, 12) + ": " + why,
                  clock.instant()));
          throw new ImprovementRefusedException(
              Reason.DOES_NOT_APPLY,
              "Proposal " + proposalId + " no longer applies to the branch: " + why + ".",
              "Run a new cycle: the engine proposes against the current commit.");
        }
        Map<String, String> identity =
            git.run("config", "user.email").line().isEmpty() ? becaIdentity() : Map.of();
        GitCli.Result commit = wt.run(commitMessage(p), identity, "commit", "-q", "-F", "-");
        if (!commit.ok()) {
          String reason = "the commit failed: " + commit.err().strip();
          archive.saveProposal(p.withStatus(ProposalStatus.FAILED, reason, clock.instant()));
          return new Application(proposalId, false, "", ref, reason);
        }
        String newCommit = wt.run("rev-parse", "HEAD").line();
        Optional<String> failure = verify(p, tree.path());
        if (failure.isPresent()) {
          String reason =
              "the verification of "
                  + newCommit.substring(0, 12)
                  + " failed: "
                  + failure.get()
                  + "; rolled back: the branch was left at "
                  + head.substring(0, 12);
          archive.saveProposal(p.withStatus(ProposalStatus.FAILED, reason, clock.instant()));
          return new Application(proposalId, false, newCommit, ref, reason);
        }
        if (!head.equals(repo.head().orElse("")) || repo.trackedChanges().isPresent()) {
          archive.saveProposal(
              p.withStatus(ProposalStatus.AWAITING_APPROVAL, p.reason(), clock.instant()));
          throw new ImprovementRefusedException(
              Reason.UNCOMMITTED_CHANGES,
              "The branch or its files changed while proposal " + proposalId + " was verified.",
              "Approve it again.");
        }
        GitCli.Result merge = git.run("merge", "--ff-only", "-q", newCommit);
        if (!merge.ok()) {
          if (!head.equals(repo.head().orElse(""))) {
            git.run("reset", "-q", "--keep", head);
          }
          String reason =
              "the fast-forward to "
                  + newCommit.substring(0, 12)
                  + " failed ("
                  + merge.err().strip()
                  + "); rolled back to "
                  + head.substring(0, 12);
          archive.saveProposal(p.withStatus(ProposalStatus.FAILED, reason, clock.instant()));
          return new Application(proposalId, false, newCommit, ref, reason);
        }
        archive.saveProposal(
            p.withStatus(
                    ProposalStatus.APPLIED,
                    "applied as " + newCommit.substring(0, 12) + "; rollback point " + ref,
                    clock.instant())
                .withCommit(newCommit));
        return new Application(
            proposalId,
            true,
            newCommit,
            ref,
            "Applied as " + newCommit.substring(0, 12) + " and verified; rollback point " + ref);
      } finally {
        worktrees.remove(tree);
      }
    }
  }

  private Optional<String> verify(ArchivedProposal p, Path tree) {
    Map<String, StepOutcome> evaluated = new HashMap<>();
    archive.steps(p.id()).forEach(s -> evaluated.put(s.step(), s.outcome()));
    for (EvaluationStep step : steps) {
      if (!step.measuresBase()) {
        continue;
      }
      if (stopped.get()) {
        return Optional.of("stopped");
      }
      StepResult r = runStep(step, tree, null, step.timeLimit());
      if (evaluated.get(step.name()) == StepOutcome.PASSED && r.outcome() != StepOutcome.PASSED) {
        return Optional.of(
            step.name() + " " + r.outcome().name().toLowerCase(Locale.ROOT) + ": " + r.detail());
      }
    }
    return Optional.empty();
  }

  private static String commitMessage(ArchivedProposal p) {
    String first = p.description().strip().lines().findFirst().orElse("improvement");
    if (first.length() > 60) {
      first = first.substring(0, 57) + "...";
    }
    return "BECA improvement: "
        + first
        + "\n\n"
        + p.description().strip()
        + "\n\n"
        + TRAILER
        + ": "
        + p.id()
        + "\n";
  }

  /**
   * Rejects a proposal awaiting approval (or not yet evaluated).
   *
   * @param proposalId the proposal
   * @param reason why, in words; may be empty
   * @return the proposal as archived now
   */
  public ArchivedProposal reject(String proposalId, String reason) {
    ArchivedProposal p = proposalOrThrow(proposalId);
    if (p.status() != ProposalStatus.AWAITING_APPROVAL && p.status() != ProposalStatus.PROPOSED) {
      throw new ImprovementRefusedException(
          Reason.WRONG_STATUS,
          "Proposal " + proposalId + " is " + p.status().label() + "; it cannot be rejected.",
          "Reject proposals that await approval; roll back applied ones.");
    }
    ArchivedProposal r =
        p.withStatus(
            ProposalStatus.REJECTED,
            reason == null || reason.isBlank() ? "rejected by a person" : reason,
            clock.instant());
    archive.saveProposal(r);
    return r;
  }

  // ---------------------------------------------------------------- rollback

  /**
   * Takes back an applied proposal: moves the branch back to the commit before it, when every
   * commit from it up to HEAD is BECA's (carries the {@code BECA-Improvement} trailer). Proposals
   * applied after it are rolled back with it. Uncommitted changes to other files are kept ({@code
   * git reset --keep}).
   *
   * @param proposalId an applied proposal
   * @return what was taken back
   * @throws ImprovementRefusedException when a human commit sits on top, it is not applied or not
   *     on the branch, or tracked files have uncommitted changes
   */
  public Rollback rollback(String proposalId) {
    ArchivedProposal p = proposalOrThrow(proposalId);
    if (p.status() != ProposalStatus.APPLIED || p.commit().isEmpty()) {
      throw new ImprovementRefusedException(
          Reason.WRONG_STATUS,
          "Proposal " + proposalId + " is " + p.status().label() + ", not applied.",
          "Only applied proposals can be rolled back.");
    }
    Repo repo = repoOf(p);
    return rollbackTo(repo, p.commit() + "^");
  }

  /**
   * Moves the branch of a project back to a commit, when every commit after it is BECA's.
   *
   * @param project the project
   * @param ref a commit or ref ({@code refs/beca/rollback/<id>}, {@code HEAD~2})
   * @return what was taken back
   */
  public Rollback rollbackTo(Path project, String ref) {
    return rollbackTo(openRepo(project), ref);
  }

  private Rollback rollbackTo(Repo repo, String ref) {
    EngineState state = new EngineState(repo.commonDir());
    try (EngineState.Lock lock = lockOrRefuse(state, repo)) {
      GitCli git = repo.git();
      GitCli.Result target = git.run("rev-parse", "--verify", "-q", ref + "^{commit}");
      if (!target.ok()) {
        throw new ImprovementRefusedException(
            Reason.NOT_ON_BRANCH, "'" + ref + "' names no commit.", "Name a commit or ref.");
      }
      String to = target.line();
      if (!git.run("merge-base", "--is-ancestor", to, "HEAD").ok()) {
        throw new ImprovementRefusedException(
            Reason.NOT_ON_BRANCH,
            to.substring(0, 12) + " is not in the history of the current branch.",
            "Check out the branch the proposal was applied to.");
      }
      GitCli.Result log =
          git.run(
              "log",
              "--format=%H%x1f%(trailers:key=" + TRAILER + ",valueonly,separator=%x2C)%x1f%s%x1e",
              to + "..HEAD");
      List<String> commits = new ArrayList<>();
      List<String> ids = new ArrayList<>();
      for (String entry : log.out().split("\u001e")) {
        String e = entry.strip();
        if (e.isEmpty()) {
          continue;
        }
        String[] f = e.split("\u001f", -1);
        String id = f.length > 1 ? f[1].strip() : "";
        if (id.isEmpty()) {
          throw new ImprovementRefusedException(
              Reason.HUMAN_COMMIT_ON_TOP,
              "The commit "
                  + f[0].substring(0, 12)
                  + " ("
                  + (f.length > 2 ? f[2] : "")
                  + ") sits on top and was not made by BECA; rolling back would lose it.",
              "Revert BECA's commit with git revert instead.");
        }
        commits.add(f[0]);
        ids.add(id);
      }
      requireClean(repo, "rolling back");
      if (commits.isEmpty()) {
        return new Rollback(to, List.of(), List.of());
      }
      GitCli.Result reset = git.run("reset", "-q", "--keep", to);
      if (!reset.ok()) {
        throw new ImprovementRefusedException(
            Reason.UNCOMMITTED_CHANGES,
            "git reset --keep " + to.substring(0, 12) + " failed: " + reset.err().strip(),
            "Commit or stash your changes, then roll back again.");
      }
      for (String id : ids) {
        archive
            .proposal(id)
            .ifPresent(
                a ->
                    archive.saveProposal(
                        a.withStatus(
                            ProposalStatus.ROLLED_BACK,
                            "rolled back to " + to.substring(0, 12),
                            clock.instant())));
      }
      return new Rollback(to, commits, ids);
    }
  }

  private static void requireClean(Repo repo, String doing) {
    repo.trackedChanges()
        .ifPresent(
            changes -> {
              throw new ImprovementRefusedException(
                  Reason.UNCOMMITTED_CHANGES,
                  "Tracked files have uncommitted changes; refusing " + doing + ": " + changes,
                  "Commit or stash them first.");
            });
  }

  private static Repo openRepo(Path project) {
    try {
      return Repo.open(project);
    } catch (Repo.NotARepository e) {
      throw new ImprovementRefusedException(Reason.NOT_A_REPOSITORY, e.problem(), e.remedy());
    }
  }

  private ArchivedProposal proposalOrThrow(String id) {
    return archive
        .proposal(id)
        .orElseThrow(
            () ->
                new ImprovementRefusedException(
                    Reason.NOT_FOUND,
                    "No proposal has the id " + id + ".",
                    "List them with beca improve history."));
  }

  private Repo repoOf(ArchivedProposal p) {
    ImprovementRun run =
        archive
            .run(p.runId())
            .orElseThrow(
                () ->
                    new ImprovementRefusedException(
                        Reason.NOT_FOUND,
                        "The run " + p.runId() + " of proposal " + p.id() + " is not archived.",
                        "The archive is incomplete; run a new cycle."));
    return openRepo(Path.of(run.project()));
  }

  /** Builds an {@link ImprovementEngine}; setters fail fast naming the field. */
  public static final class Builder {
    private final List<ProposalSource> sources = new ArrayList<>();
    private final List<EvaluationStep> steps = new ArrayList<>();
    private ImprovementArchive archive;
    private ProtectedFiles protectedFiles = ProtectedFiles.defaults();
    private int maxProposals = 5;
    private Duration budget = Duration.ofMinutes(30);
    private CommandSandbox sandbox;
    private CommandSettings commandSettings =
        CommandSettings.builder().killGrace(Duration.ofMillis(300)).maxOutputChars(20_000).build();
    private Path worktreeParent = Path.of(System.getProperty("java.io.tmpdir"));
    private Clock clock = Clock.systemUTC();
    private SecretScanner secretScanner = SecretScanner.standard();
    private AutoApplyPolicy autoApply;
    private Worktrees.FolderCheck worktreeCreation = folder -> {};
    private Runnable cycleStarting = () -> {};

    private Builder() {}

    /**
     * Applies accepted proposals of low risk without waiting for a person (opt-in; default none:
     * every proposal waits). Never in BECA's own repository; see {@link AutoApplyPolicy}.
     */
    public Builder autoApply(AutoApplyPolicy value) {
      this.autoApply = Objects.requireNonNull(value, "autoApply");
      return this;
    }

    /**
     * Called with each temporary worktree's new folder before git fills it; an {@link
     * java.io.IOException} it throws (a full disk) fails that worktree like git's own failure
     * would. The seam through which tests make worktree creation fail; not published.
     */
    /**
     * Called on {@link #runEvery}'s thread as each scheduled cycle starts, after the check for a
     * stop (e.g. to print the time); default nothing. A stop it asks for ends that cycle at once.
     */
    public Builder cycleStarting(Runnable value) {
      this.cycleStarting = Objects.requireNonNull(value, "cycleStarting");
      return this;
    }

    Builder worktreeCreation(Worktrees.FolderCheck value) {
      this.worktreeCreation = Objects.requireNonNull(value, "worktreeCreation");
      return this;
    }

    /** The scanner that refuses diffs adding a secret; default {@link SecretScanner#standard()}. */
    public Builder secretScanner(SecretScanner value) {
      this.secretScanner = Objects.requireNonNull(value, "secretScanner");
      return this;
    }

    /** Adds a proposal source; asked in the order added. */
    public Builder source(ProposalSource value) {
      sources.add(Objects.requireNonNull(value, "source"));
      return this;
    }

    /** Adds an evaluation step; run in the order added, so add the cheapest first. */
    public Builder step(EvaluationStep value) {
      Objects.requireNonNull(value, "step");
      if (steps.stream().anyMatch(s -> s.name().equals(value.name()))
          || value.name().equals("apply")) {
        throw new IllegalArgumentException(
            "step names must be unique and not 'apply', was '" + value.name() + "'");
      }
      steps.add(value);
      return this;
    }

    /** Where runs, proposals and step outcomes are kept (required). */
    public Builder archive(ImprovementArchive value) {
      this.archive = Objects.requireNonNull(value, "archive");
      return this;
    }

    /** The files proposals may not change; default {@link ProtectedFiles#defaults()}. */
    public Builder protectedFiles(ProtectedFiles value) {
      this.protectedFiles = Objects.requireNonNull(value, "protectedFiles");
      return this;
    }

    /** How many proposals a cycle considers at most; default 5. */
    public Builder maxProposals(int value) {
      if (value < 1) {
        throw new IllegalArgumentException("maxProposals must be at least 1, was " + value);
      }
      this.maxProposals = value;
      return this;
    }

    /** How long a cycle may evaluate; default 30 minutes. */
    public Builder budget(Duration value) {
      Objects.requireNonNull(value, "budget");
      if (value.toSeconds() < 1) {
        throw new IllegalArgumentException("budget must be at least 1 s, was " + value);
      }
      this.budget = value;
      return this;
    }

    /** Where evaluation commands run; default {@link CommandSandbox#detect()}. */
    public Builder sandbox(CommandSandbox value) {
      this.sandbox = Objects.requireNonNull(value, "sandbox");
      return this;
    }

    /**
     * Settings of evaluation commands (environment, hidden paths such as the data directory, kill
     * grace, output cap); the time limits come from the steps. Default: a 300 ms grace between
     * SIGTERM and SIGKILL, 20,000 characters of output, no network.
     */
    public Builder commandSettings(CommandSettings value) {
      this.commandSettings = Objects.requireNonNull(value, "commandSettings");
      return this;
    }

    /** Where temporary worktrees are made; default the system's temporary folder. */
    public Builder worktreeParent(Path value) {
      this.worktreeParent = Objects.requireNonNull(value, "worktreeParent").toAbsolutePath();
      return this;
    }

    /** The clock of archived times; default UTC system time. */
    public Builder clock(Clock value) {
      this.clock = Objects.requireNonNull(value, "clock");
      return this;
    }

    /**
     * The engine.
     *
     * @throws IllegalStateException without an archive or without steps
     */
    public ImprovementEngine build() {
      if (archive == null) {
        throw new IllegalStateException("archive must be set: where runs and proposals are kept");
      }
      if (steps.isEmpty()) {
        throw new IllegalStateException(
            "at least one evaluation step must be set (e.g. CommandStep.mavenTests())");
      }
      return new ImprovementEngine(this);
    }
  }
}
