package dev.beca.core.agent.bench;

import dev.beca.core.agent.AgentTool;
import dev.beca.core.agent.CommandSandbox;
import dev.beca.core.agent.CommandSettings;
import dev.beca.core.agent.ProjectCommandTools;
import dev.beca.core.agent.ProjectRoot;
import dev.beca.core.agent.ToolArguments;
import dev.beca.core.agent.ToolCancellation;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;

/**
 * Benchmark harness: the cost of {@code run_command} for a trivial command ({@code true}) against
 * starting the same shell by hand, same run: BECA without a sandbox (environment scrub, output
 * reader thread, tree bookkeeping) against a bare {@code ProcessBuilder}, and BECA in the
 * bubblewrap sandbox against the same {@code bwrap} command line started by hand. Calls alternate
 * between the paths one by one in random order; each round's figure is its median call per path,
 * the result the median round. Run it with:
 *
 * <pre>
 * ./mvnw -q -pl beca-core test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=dev.beca.core.agent.bench.CommandOverheadBenchmark [-Dexec.args="ROUNDS CALLS"]
 * </pre>
 */
public final class CommandOverheadBenchmark {

  private CommandOverheadBenchmark() {}

  /** Runs the benchmark and prints the figures. */
  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 7;
    int calls = args.length > 1 ? Integer.parseInt(args[1]) : 30;
    Path project = Files.createTempDirectory("beca-command-bench");
    ProjectRoot root = ProjectRoot.of(project);
    CommandSettings settings = CommandSettings.defaults();
    CommandSandbox sandbox = CommandSandbox.detect();
    AgentTool plain =
        ProjectCommandTools.create(root, CommandSandbox.none("bench"), settings).get(0);
    AgentTool boxed = ProjectCommandTools.create(root, sandbox, settings).get(0);
    ToolArguments arguments = ToolArguments.parse(plain.specification(), "{\"command\": \"true\"}");
    List<String> shell = List.of("/bin/bash", "-c", "true");
    Map<String, String> env = System.getenv();
    List<String> bwrapLine = sandbox.commandLine(shell, root.path(), env, settings);

    List<String> names = new ArrayList<>(List.of("bare ProcessBuilder", "run_command, no sandbox"));
    List<Supplier<Object>> paths = new ArrayList<>();
    paths.add(() -> bare(shell, project));
    paths.add(() -> plain.execute(arguments, new ToolCancellation()));
    if (sandbox.isActive()) {
      names.add("bare bwrap command line");
      names.add("run_command, sandbox");
      paths.add(() -> bare(bwrapLine, project));
      paths.add(() -> boxed.execute(arguments, new ToolCancellation()));
    }
    for (int w = 0; w < 20; w++) {
      paths.forEach(Supplier::get);
    }
    Random random = new Random(42);
    double[][] medians = new double[paths.size()][rounds];
    for (int r = 0; r < rounds; r++) {
      List<List<Long>> times = new ArrayList<>();
      paths.forEach(p -> times.add(new ArrayList<>()));
      List<Integer> order = new ArrayList<>();
      for (int c = 0; c < calls; c++) {
        for (int p = 0; p < paths.size(); p++) {
          order.add(p);
        }
      }
      Collections.shuffle(order, random);
      for (int p : order) {
        long start = System.nanoTime();
        paths.get(p).get();
        times.get(p).add(System.nanoTime() - start);
      }
      for (int p = 0; p < paths.size(); p++) {
        medians[p][r] = median(times.get(p)) / 1e6;
      }
    }
    System.out.printf(
        Locale.ROOT,
        "%d rounds x %d calls per path, median of round medians (ms):%n",
        rounds,
        calls);
    double[] result = new double[paths.size()];
    for (int p = 0; p < paths.size(); p++) {
      double[] m = medians[p].clone();
      Arrays.sort(m);
      result[p] = m[m.length / 2];
      System.out.printf(
          Locale.ROOT, "  %-28s %7.2f ms  (rounds %s)%n", names.get(p), result[p], range(m));
    }
    System.out.printf(
        Locale.ROOT, "run_command / bare, no sandbox: %.2fx%n", result[1] / result[0]);
    if (sandbox.isActive()) {
      System.out.printf(
          Locale.ROOT, "run_command / bare bwrap, sandbox: %.2fx%n", result[3] / result[2]);
      System.out.printf(
          Locale.ROOT, "sandbox cost (bare bwrap / bare shell): %.2fx%n", result[2] / result[0]);
    } else {
      System.out.println("no sandbox here: " + sandbox.notice().orElse(""));
    }
    Files.deleteIfExists(project);
  }

  private static Object bare(List<String> line, Path dir) {
    try {
      Process process =
          new ProcessBuilder(line).directory(dir.toFile()).redirectErrorStream(true).start();
      process.getOutputStream().close();
      try (InputStream in = process.getInputStream()) {
        in.readAllBytes();
      }
      return process.waitFor();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static double median(List<Long> values) {
    List<Long> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted.get(sorted.size() / 2);
  }

  private static String range(double[] sorted) {
    return String.format(Locale.ROOT, "%.2f-%.2f", sorted[0], sorted[sorted.length - 1]);
  }
}
