package dev.beca.app.internal;

import dev.beca.core.InvalidInputException;
import dev.beca.core.agent.CommandSettings;
import dev.beca.core.improve.AppliedProposal;
import dev.beca.core.improve.ArchivedProposal;
import dev.beca.core.improve.ImprovementArchive;
import dev.beca.core.improve.ImprovementJson;
import dev.beca.core.improve.ImprovementRun;
import dev.beca.core.improve.MeasureDelta;
import dev.beca.core.improve.ProposalStatus;
import dev.beca.core.improve.RolledBack;
import dev.beca.core.improve.StepRecord;
import dev.beca.selfimprove.AutoApplyPolicy;
import dev.beca.selfimprove.CycleReport;
import dev.beca.selfimprove.EngineImprovements;
import dev.beca.selfimprove.ImprovementEngine;
import dev.beca.selfimprove.ModelProposalSource;
import dev.beca.selfimprove.spi.EvaluationStep;
import dev.beca.selfimprove.spi.ProposalRisk;
import dev.beca.selfimprove.spi.ProposalSource;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code beca improve}: the self-improvement engine's cycle, its queue for approval, approval,
 * rejection, emergency stop and rollback. Proposal sources are found with {@link ServiceLoader}
 * ({@code META-INF/services/dev.beca.selfimprove.spi.ProposalSource}); the evaluation steps follow
 * the project's kind (Maven: compile, analysis, tests; Python: pytest), then {@link BenchmarkGate}.
 */
@Command(
    name = "improve",
    mixinStandardHelpOptions = true,
    description = {
      "Propose improvements, try each in an isolated git worktree, queue the ones that measure",
      "better for approval; approve, reject, stop or roll them back."
    },
    footer = {"", "Exit codes: 0 done, 1 a failure or refusal, 2 invalid options."})
public final class ImproveCommand implements Runnable {

  @Spec CommandSpec spec;

  /**
   * The command with its subcommands.
   *
   * @param startup the start-up path
   */
  public static CommandLine commandLine(Startup startup) {
    CommandLine improve = new CommandLine(new ImproveCommand());
    for (Base sub :
        List.of(
            new Run(),
            new Status(),
            new History(),
            new Show(),
            new Approve(),
            new Reject(),
            new Stop(),
            new RollbackCommand())) {
      sub.startup = startup;
      improve.addSubcommand(sub);
    }
    return improve;
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  abstract static class Base implements Callable<Integer> {
    Startup startup;

    @Mixin AppOptions options;

    @Option(names = "--json", description = "Print the result as one JSON document.")
    boolean json;

    @Override
    public final Integer call() {
      try (AppContext app = startup.open(options, needs())) {
        PrintWriter out = startup.terminal().out();
        int code = run(app, out);
        out.flush();
        return code;
      }
    }

    abstract int run(AppContext app, PrintWriter out);

    /** What the command needs beside the stores; nothing by default. */
    Startup.Need[] needs() {
      return new Startup.Need[0];
    }

    void print(PrintWriter out, Object document, String text) {
      out.println(json ? BenchmarkCommand.json(document) : text);
    }
  }

  /**
   * The self-improvement service over the knowledge base's archive, the proposal sources found with
   * {@link ServiceLoader} and the steps of each project's kind; evaluation commands do not see the
   * data directory. {@code beca serve} uses the same one.
   *
   * @param app the opened application
   * @return the service
   */
  static EngineImprovements improvements(AppContext app) {
    return improvements(app, DEFAULT_REPEAT);
  }

  /** How many times the benchmark step runs each revision's tests by default. */
  static final int DEFAULT_REPEAT = 3;

  /** The time limit of the benchmark step. */
  static final Duration BENCHMARK_LIMIT = Duration.ofMinutes(30);

  /**
   * The service as {@link #improvements(AppContext)}, with the benchmark step's tests run {@code
   * repeat} times per revision (0 leaves the step out).
   */
  static EngineImprovements improvements(AppContext app, int repeat) {
    return EngineImprovements.builder()
        .archive(app.knowledgeBase().improvements())
        .steps(project -> stepsFor(project, repeat))
        .commandSettings(
            CommandSettings.builder()
                .hiddenPath(app.dataDirectory())
                .killGrace(Duration.ofMillis(300))
                .maxOutputChars(20_000)
                .build())
        .build();
  }

  /**
   * The evaluation steps of a project: Maven (wrapper if any: compile, the Java analysis findings,
   * the tests) or pytest.
   */
  static List<EvaluationStep> stepsFor(Path project) {
    return stepsFor(project, DEFAULT_REPEAT);
  }

  /**
   * The evaluation steps of a project: {@link EngineImprovements#defaultSteps} (cheapest first),
   * then the code benchmark's comparison with the base, each revision's tests run {@code repeat}
   * times ({@link BenchmarkGate}; left out for 0).
   */
  static List<EvaluationStep> stepsFor(Path project, int repeat) {
    List<EvaluationStep> steps =
        new java.util.ArrayList<>(EngineImprovements.defaultSteps(project));
    if (repeat > 0) {
      steps.add(BenchmarkGate.step(repeat, BENCHMARK_LIMIT));
    }
    return List.copyOf(steps);
  }

  static Path project(String path) {
    Path p = Path.of(path == null ? "." : path).toAbsolutePath().normalize();
    if (!Files.isDirectory(p)) {
      throw new InvalidInputException(p + " is not a folder.", "Give the project's folder.");
    }
    return p;
  }

  static String line(ArchivedProposal p) {
    return p.id()
        + "  "
        + p.status().label()
        + "  "
        + p.risk()
        + "  "
        + p.description().lines().findFirst().orElse("")
        + (p.reason().isEmpty() ? "" : "\n    " + p.reason().replace("\n", " "));
  }

  @Command(name = "run", mixinStandardHelpOptions = true, description = "Run one cycle.")
  static final class Run extends Base {
    @Parameters(index = "0", arity = "0..1", paramLabel = "PATH", description = "The project.")
    String path;

    @Option(names = "--max", paramLabel = "N", defaultValue = "5", description = "At most N.")
    int max;

    @Option(
        names = "--budget",
        paramLabel = "MINUTES",
        defaultValue = "30",
        description = "Time for the whole cycle (default 30).")
    int budget;

    @Option(
        names = "--every",
        paramLabel = "DURATION",
        description = "Run a cycle every DURATION (90s, 30m, 2h, 1h30m) until stopped.")
    String every;

    @Option(
        names = "--auto-apply",
        paramLabel = "RISK",
        description =
            "Apply accepted proposals up to this risk (low, medium) without approval;"
                + " refused in BECA's own repository.")
    String autoApply;

    @Option(
        names = "--repeat",
        paramLabel = "N",
        defaultValue = "3",
        description =
            "Last step: the code benchmark's --compare of base and proposal with each one's tests"
                + " run N times, per-test times judged by its noise rule (default 3; 0 leaves the"
                + " step out).")
    int repeat;

    @Option(
        names = "--with-model",
        description = "Also ask the coding model for a diff per analysis finding.")
    boolean model;

    @Override
    Startup.Need[] needs() {
      // --with-model asks the models (wired on first use, so nothing is paid without it)
      return model ? new Startup.Need[] {Startup.Need.MODELS} : new Startup.Need[0];
    }

    @Override
    int run(AppContext app, PrintWriter out) {
      if (max < 1 || budget < 1) {
        throw new InvalidInputException(
            "--max and --budget must be positive.", "Give a number of proposals and minutes.");
      }
      if (repeat < 0) {
        throw new InvalidInputException(
            "--repeat must be 0 or more, was " + repeat + ".",
            "Give how many times the benchmark step runs the tests (0 leaves it out).");
      }
      Path project = project(path);
      Duration interval = every == null ? null : duration(every);
      AutoApplyPolicy policy = autoApply == null ? null : autoApplyPolicy(autoApply, project);
      ImprovementEngine.Builder b =
          improvements(app, repeat)
              .engine(project)
              .maxProposals(max)
              .budget(Duration.ofMinutes(budget));
      if (policy != null) {
        b.autoApply(policy);
      }
      if (model) {
        b.source(
            ModelProposalSource.builder()
                .models(app.models().gateway())
                .lessons(app.knowledgeBase().lessons())
                .build());
      }
      if (!model && !ServiceLoader.load(ProposalSource.class).iterator().hasNext()) {
        throw new InvalidInputException(
            "No proposal source is installed, so there is nothing to evaluate.",
            "Put a ProposalSource on the class path (META-INF/services), or embed"
                + " ImprovementEngine with your own.");
      }
      ImprovementEngine engine = b.build();
      Thread hook = new Thread(engine::stop, "beca-improve-stop");
      Runtime.getRuntime().addShutdownHook(hook);
      CycleReport report;
      try {
        if (interval != null) {
          engine.runEvery(project, interval, r -> printReport(out, r));
          return ExitCodes.OK;
        }
        report = engine.runCycle(project);
      } finally {
        try {
          Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
          // the hook runs
        }
      }
      printReport(out, report);
      return ExitCodes.OK;
    }

    private void printReport(PrintWriter out, CycleReport report) {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("run", report.runId());
      doc.put("base", report.baseCommit());
      doc.put("stopped", report.stopped());
      doc.put("summary", report.summary());
      doc.put("proposals", report.proposals().stream().map(ImprovementJson::proposal).toList());
      StringBuilder text = new StringBuilder("run " + report.runId() + ": " + report.summary());
      report.proposals().forEach(p -> text.append('\n').append(line(p)));
      print(out, doc, text.toString());
      out.flush();
    }
  }

  /** The auto-apply policy of {@code --auto-apply RISK}; refused in BECA's own repository. */
  static AutoApplyPolicy autoApplyPolicy(String risk, Path project) {
    ProposalRisk max =
        switch (risk.strip().toLowerCase(java.util.Locale.ROOT)) {
          case "low" -> ProposalRisk.LOW;
          case "medium" -> ProposalRisk.MEDIUM;
          default ->
              throw new InvalidInputException(
                  "--auto-apply takes low or medium, not '" + risk + "'.",
                  "High-risk proposals always wait for a person.");
        };
    if (AutoApplyPolicy.isBecaRepository(project)) {
      throw new InvalidInputException(
          "--auto-apply is refused in BECA's own repository (" + project + ").",
          "Run without it and approve each proposal with beca improve approve ID.");
    }
    return AutoApplyPolicy.builder().maxRisk(max).build();
  }

  /**
   * A duration such as {@code 90s}, {@code 30m}, {@code 2h}, {@code 1h30m} or ISO {@code PT30M}.
   */
  static Duration duration(String text) {
    String t = text.strip().toLowerCase(java.util.Locale.ROOT);
    Duration d = Duration.ZERO;
    try {
      if (t.startsWith("pt") || t.startsWith("p")) {
        d = Duration.parse(t.toUpperCase(java.util.Locale.ROOT));
      } else {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+)([smhd])").matcher(t);
        int end = 0;
        while (m.find() && m.start() == end) {
          long n = Long.parseLong(m.group(1));
          d =
              d.plus(
                  switch (m.group(2)) {
                    case "s" -> Duration.ofSeconds(n);
                    case "m" -> Duration.ofMinutes(n);
                    case "h" -> Duration.ofHours(n);
                    default -> Duration.ofDays(n);
                  });
          end = m.end();
        }
        if (end != t.length() || end == 0) {
          d = Duration.ZERO;
        }
      }
    } catch (RuntimeException e) {
      d = Duration.ZERO;
    }
    if (d.toMillis() < 1000) {
      throw new InvalidInputException(
          "--every takes a duration of at least 1 s such as 90s, 30m, 2h or 1h30m, not '"
              + text
              + "'.",
          "Give the time between the starts of two cycles.");
    }
    return d;
  }

  @Command(
      name = "status",
      mixinStandardHelpOptions = true,
      description = "The latest run and the proposals awaiting approval.")
  static final class Status extends Base {
    @Override
    int run(AppContext app, PrintWriter out) {
      ImprovementArchive archive = app.knowledgeBase().improvements();
      List<ImprovementRun> runs = archive.runs(1);
      List<ArchivedProposal> waiting =
          archive.proposalsWithStatus(ProposalStatus.AWAITING_APPROVAL);
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put(
          "lastRun",
          runs.isEmpty()
              ? null
              : Map.of(
                  "id", runs.get(0).id(),
                  "project", runs.get(0).project(),
                  "started", runs.get(0).startedAt().toString(),
                  "ended", runs.get(0).endedAt().map(Object::toString).orElse(""),
                  "summary", runs.get(0).summary()));
      doc.put("awaitingApproval", waiting.stream().map(ImprovementJson::proposal).toList());
      StringBuilder text = new StringBuilder();
      text.append(
          runs.isEmpty()
              ? "No improvement cycle has run yet."
              : "Last run "
                  + runs.get(0).id()
                  + " on "
                  + runs.get(0).project()
                  + ": "
                  + runs.get(0).summary());
      text.append('\n')
          .append(
              waiting.isEmpty()
                  ? "No proposal awaits approval."
                  : waiting.size() + " awaiting approval (beca improve approve ID):");
      waiting.forEach(p -> text.append('\n').append(line(p)));
      print(out, doc, text.toString());
      return ExitCodes.OK;
    }
  }

  @Command(name = "history", mixinStandardHelpOptions = true, description = "Latest proposals.")
  static final class History extends Base {
    @Option(names = "--limit", paramLabel = "N", defaultValue = "20", description = "Show N.")
    int limit;

    @Override
    int run(AppContext app, PrintWriter out) {
      if (limit < 1) {
        throw new InvalidInputException("--limit must be positive.", "Give a number.");
      }
      List<ArchivedProposal> recent = app.knowledgeBase().improvements().recentProposals(limit);
      StringBuilder text = new StringBuilder(recent.isEmpty() ? "No proposals yet." : "");
      recent.forEach(p -> text.append(text.length() == 0 ? "" : "\n").append(line(p)));
      print(
          out,
          Map.of("proposals", recent.stream().map(ImprovementJson::proposal).toList()),
          text.toString());
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "show",
      mixinStandardHelpOptions = true,
      description = "A proposal: its diff, each evaluation step and the measured deltas.")
  static final class Show extends Base {
    @Parameters(index = "0", paramLabel = "ID")
    String id;

    @Override
    int run(AppContext app, PrintWriter out) {
      ImprovementArchive archive = app.knowledgeBase().improvements();
      ArchivedProposal p =
          archive
              .proposal(id)
              .orElseThrow(
                  () ->
                      new InvalidInputException(
                          "No proposal has the id " + id + ".", "See beca improve history."));
      List<StepRecord> steps = archive.steps(id);
      Map<String, Object> doc = ImprovementJson.details(p, steps);
      StringBuilder text = new StringBuilder(line(p));
      for (StepRecord s : steps) {
        text.append("\n  ")
            .append(s.step())
            .append(": ")
            .append(s.outcome().name().toLowerCase(java.util.Locale.ROOT))
            .append(" (")
            .append(s.duration().toMillis())
            .append(" ms)");
        for (MeasureDelta d : s.measures()) {
          text.append("\n    ").append(d.describe());
        }
      }
      text.append("\n\n").append(p.diff());
      print(out, doc, text.toString());
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "approve",
      mixinStandardHelpOptions = true,
      description = "Commit an accepted proposal onto the branch (verified, with a rollback ref).")
  static final class Approve extends Base {
    @Parameters(index = "0", paramLabel = "ID")
    String id;

    @Override
    int run(AppContext app, PrintWriter out) {
      ArchivedProposal p = proposal(app, id);
      projectOf(app, p);
      AppliedProposal a = improvements(app).approve(id);
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("id", a.proposalId());
      doc.put("applied", a.applied());
      doc.put("commit", a.commit());
      doc.put("rollbackRef", a.rollbackRef());
      doc.put("message", a.message());
      print(out, doc, a.message());
      return a.applied() ? ExitCodes.OK : ExitCodes.FAILURE;
    }
  }

  @Command(name = "reject", mixinStandardHelpOptions = true, description = "Reject a proposal.")
  static final class Reject extends Base {
    @Parameters(index = "0", paramLabel = "ID")
    String id;

    @Option(names = "--reason", paramLabel = "TEXT", description = "Why, kept in the archive.")
    String reason;

    @Override
    int run(AppContext app, PrintWriter out) {
      ArchivedProposal p = proposal(app, id);
      projectOf(app, p);
      ArchivedProposal r = improvements(app).reject(id, reason);
      print(out, ImprovementJson.proposal(r), "rejected " + r.id());
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "stop",
      mixinStandardHelpOptions = true,
      description = "Emergency stop of the cycle running on a project (from any terminal).")
  static final class Stop extends Base {
    @Parameters(index = "0", arity = "0..1", paramLabel = "PATH", description = "The project.")
    String path;

    @Override
    int run(AppContext app, PrintWriter out) {
      Path project = project(path);
      ImprovementEngine.requestStop(project);
      print(
          out,
          Map.of("project", project.toString(), "stopRequested", true),
          "Stop requested for " + project + ": a running cycle ends within a second.");
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "rollback",
      mixinStandardHelpOptions = true,
      description = "Take back BECA's improvement commits (refused when a human commit is on top).")
  static final class RollbackCommand extends Base {
    @Parameters(index = "0", arity = "0..1", paramLabel = "ID", description = "An applied one.")
    String id;

    @Option(names = "--to", paramLabel = "REF", description = "Move back to this commit or ref.")
    String to;

    @Option(names = "--project", paramLabel = "PATH", description = "With --to (default .).")
    String path;

    @Override
    int run(AppContext app, PrintWriter out) {
      RolledBack r;
      if (to != null) {
        Path project = project(path);
        r = improvements(app).rollbackTo(project, to);
      } else if (id != null) {
        ArchivedProposal p = proposal(app, id);
        projectOf(app, p);
        r = improvements(app).rollback(id);
      } else {
        throw new InvalidInputException(
            "Give a proposal ID or --to REF.", "See beca improve history for applied ones.");
      }
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("target", r.target());
      doc.put("undoneCommits", r.undoneCommits());
      doc.put("proposals", r.proposalIds());
      print(
          out,
          doc,
          r.undoneCommits().isEmpty()
              ? "Nothing to roll back: HEAD is " + r.target()
              : "Rolled back "
                  + r.undoneCommits().size()
                  + " BECA commit(s) to "
                  + r.target()
                  + ": "
                  + String.join(", ", r.proposalIds()));
      return ExitCodes.OK;
    }
  }

  static ArchivedProposal proposal(AppContext app, String id) {
    return app.knowledgeBase()
        .improvements()
        .proposal(id)
        .orElseThrow(
            () ->
                new InvalidInputException(
                    "No proposal has the id " + id + ".", "See beca improve history."));
  }

  static Path projectOf(AppContext app, ArchivedProposal p) {
    return app.knowledgeBase()
        .improvements()
        .run(p.runId())
        .map(r -> Path.of(r.project()))
        .orElseThrow(
            () ->
                new InvalidInputException(
                    "The run of proposal " + p.id() + " is not archived.", "Run a new cycle."));
  }
}
