package dev.beca.selfimprove;

import dev.beca.core.improve.ArchivedProposal;
import dev.beca.core.improve.InMemoryImprovementArchive;
import dev.beca.core.improve.StepRecord;
import dev.beca.selfimprove.analysis.JavaCodeAnalyzer;
import dev.beca.selfimprove.recipes.RecipeChange;
import dev.beca.selfimprove.recipes.RecipeProposer;
import dev.beca.selfimprove.spi.Proposal;
import dev.beca.selfimprove.spi.ProposalContext;
import dev.beca.selfimprove.spi.ProposalSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jacoco.agent.AgentJar;

/**
 * Harness (not a test): the evaluation of one proposal by the engine against the same commands run
 * by hand, in the same run, alternating rounds. The engine: {@code runCycle} with one proposal (the
 * first recipe change of the project, test code included) and the steps {@code beca improve} takes
 * for a Maven project (compile, the Java analysis, the tests under JaCoCo), from the lock to the
 * last worktree removed. By hand: {@code git worktree add} of the base, compile, the tests with the
 * same JaCoCo agent; {@code git worktree add -b} for the proposal, {@code git apply}, {@code git
 * commit}, compile, the tests; both worktrees and the branch removed.
 *
 * <pre>
 * java -cp "$CP" dev.beca.selfimprove.EvaluationOverhead PROJECT [ROUNDS] [MAVEN]
 * </pre>
 *
 * MAVEN defaults to {@code ./mvnw -Drat.skip=true} (commons-cli's parent runs Apache RAT).
 */
public final class EvaluationOverhead {

  private EvaluationOverhead() {}

  /**
   * Runs the measurement.
   *
   * @param args the project folder (a clean git repository), rounds (default 3), the Maven command
   * @throws Exception on any failure
   */
  public static void main(String[] args) throws Exception {
    Path project = Path.of(args[0]).toAbsolutePath().normalize();
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    String mvn = args.length > 2 ? args[2] : "./mvnw -Drat.skip=true";
    List<RecipeChange> changes =
        RecipeProposer.builder()
            .includeTests(true)
            .build()
            .propose(project, JavaCodeAnalyzer.builder().build().analyze(project));
    if (changes.isEmpty()) {
      throw new IllegalStateException("no recipe change in " + project);
    }
    RecipeChange change = changes.get(0);
    System.out.println("proposal: " + change.description().lines().findFirst().orElse(""));
    Path agent = Files.createTempFile("overhead-jacocoagent", ".jar");
    AgentJar.extractTo(agent.toFile());
    List<Double> ratios = new ArrayList<>();
    for (int round = 1; round <= rounds; round++) {
      double beca;
      double raw;
      if (round % 2 == 1) {
        beca = beca(project, change.diff(), mvn);
        raw = raw(project, change.diff(), mvn, agent, round);
      } else {
        raw = raw(project, change.diff(), mvn, agent, round);
        beca = beca(project, change.diff(), mvn);
      }
      ratios.add(beca / raw);
      System.out.printf(
          Locale.ROOT,
          "round %d: engine %.1f s, by hand %.1f s, ratio %.3f (load %s)%n",
          round,
          beca,
          raw,
          beca / raw,
          load());
    }
    List<Double> sorted = ratios.stream().sorted().toList();
    double median =
        sorted.size() % 2 == 1
            ? sorted.get(sorted.size() / 2)
            : (sorted.get(sorted.size() / 2 - 1) + sorted.get(sorted.size() / 2)) / 2;
    System.out.printf(Locale.ROOT, "median ratio %.3f over %d rounds%n", median, rounds);
    Files.deleteIfExists(agent);
  }

  private static double beca(Path project, String diff, String mvn) {
    Proposal proposal = Proposal.of("recipes", "overhead harness", diff);
    InMemoryImprovementArchive archive = new InMemoryImprovementArchive();
    ImprovementEngine engine =
        ImprovementEngine.builder()
            .archive(archive)
            .source(new One(proposal))
            .step(
                CommandStep.builder("compile", mvn + " -B -q -o compile")
                    .timeLimit(Duration.ofMinutes(10))
                    .build())
            .step(new AnalysisStep(Duration.ofMinutes(10)))
            .step(CoverageStep.maven(mvn))
            .maxProposals(1)
            .budget(Duration.ofMinutes(60))
            .build();
    long start = System.nanoTime();
    CycleReport report = engine.runCycle(project);
    double seconds = (System.nanoTime() - start) / 1e9;
    ArchivedProposal p = report.proposals().get(0);
    System.out.println("  engine: " + p.status().label() + ": " + p.reason());
    for (String id : List.of("base:" + report.runId(), p.id())) {
      for (StepRecord r : archive.steps(id)) {
        System.out.printf(
            Locale.ROOT,
            "    %s %s %s %.1f s [%s] %s%n",
            id.startsWith("base:") ? "base" : "proposal",
            r.step(),
            r.outcome(),
            r.duration().toMillis() / 1000.0,
            r.detail().lines().findFirst().orElse("").strip(),
            r.measures().stream()
                .filter(m -> m.name().endsWith(".tests.passing") || m.name().endsWith("failing"))
                .map(m -> m.name() + " " + m.before() + " -> " + m.after())
                .toList());
      }
    }
    return seconds;
  }

  private static double raw(Path project, String diff, String mvn, Path agent, int round)
      throws IOException, InterruptedException {
    Path parent = Files.createTempDirectory("overhead-raw");
    Path base = parent.resolve("base");
    Path candidate = parent.resolve("candidate");
    Path patch = parent.resolve("proposal.diff");
    Files.writeString(patch, diff);
    String branch = "overhead/raw/" + round + "-" + System.nanoTime();
    long start = System.nanoTime();
    sh(project, "git worktree add -q --detach " + base + " HEAD");
    sh(base, mvn + " -B -q -o compile");
    sh(base, tests(mvn, agent, base));
    sh(project, "git worktree add -q -b " + branch + " " + candidate + " HEAD");
    sh(candidate, "git apply " + patch);
    sh(candidate, "git -c user.name=x -c user.email=x@localhost commit -q -am proposal");
    sh(candidate, mvn + " -B -q -o compile");
    sh(candidate, tests(mvn, agent, candidate));
    sh(project, "git worktree remove --force " + base);
    sh(project, "git worktree remove --force " + candidate);
    sh(project, "git branch -q -D " + branch);
    double seconds = (System.nanoTime() - start) / 1e9;
    Files.deleteIfExists(patch);
    Files.deleteIfExists(parent);
    return seconds;
  }

  private static String tests(String mvn, Path agent, Path tree) throws IOException {
    return "JAVA_TOOL_OPTIONS='-javaagent:"
        + agent
        + "=destfile="
        + tree.resolve("jacoco.exec")
        + ",append=true,includes="
        + CoverageStep.includes(tree)
        + "' "
        + mvn
        + " -B -o test -Djacoco.skip=true > /dev/null";
  }

  private static void sh(Path dir, String command) throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder("bash", "-c", command)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    int code = p.waitFor();
    if (code != 0) {
      throw new IllegalStateException("exit " + code + ": " + command + " in " + dir);
    }
  }

  private static String load() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).strip();
    } catch (IOException e) {
      return "?";
    }
  }

  private record One(Proposal proposal) implements ProposalSource {
    @Override
    public String name() {
      return "recipes";
    }

    @Override
    public List<Proposal> propose(ProposalContext context) {
      return List.of(proposal);
    }
  }
}
