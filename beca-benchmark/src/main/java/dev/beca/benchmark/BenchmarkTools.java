package dev.beca.benchmark;

import dev.beca.core.BecaException;
import dev.beca.core.agent.ActionKind;
import dev.beca.core.agent.Acts;
import dev.beca.core.quality.BenchmarkResult;
import dev.beca.core.quality.BenchmarkStore;
import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * The benchmarks as LangChain4j tools for the assistant: run a code benchmark, view its progress,
 * analyse the latest failures. Failures come back as text the model can relay, never as exceptions.
 */
public final class BenchmarkTools {

  private final CodeBenchmark benchmark;
  private final ProgressTracker progress;

  /**
   * Creates the tools.
   *
   * @param benchmark the configured benchmark, with a store so that results are kept
   * @param progress the tracker the runs report to
   */
  public BenchmarkTools(CodeBenchmark benchmark, ProgressTracker progress) {
    this.benchmark = Objects.requireNonNull(benchmark, "benchmark");
    this.progress = Objects.requireNonNull(progress, "progress");
  }

  /** Runs the benchmark of a project and returns its summary. */
  @Tool(
      "Measures the code quality of a project with its real tools (tests, coverage, lint, security) and "
          + "returns the score, its parts and improvement hints. Returns a stored result when the code is unchanged.")
  @Acts(value = ActionKind.PROJECT_TOOLS, paths = "path")
  public String runCodeBenchmark(
      @P("path of the project's root folder") String path,
      @P(value = "name of the benchmark; empty for the folder's name", required = false)
          String name) {
    if (path == null || path.isBlank()) {
      return "Give the path of the project's root folder.";
    }
    try {
      BenchmarkResult result = benchmark.run(name, Path.of(path), false, progress);
      return BenchmarkReports.summary(result);
    } catch (BecaException e) {
      return "The benchmark could not run: " + e.getMessage();
    }
  }

  /** The progress of the current or latest run. */
  @Tool("Shows the progress of the current or latest code benchmark run, probe by probe.")
  @Acts(ActionKind.READ)
  public String viewBenchmarkProgress() {
    return progress.describe();
  }

  /** The latest failures of a named benchmark. */
  @Tool(
      "Lists the failing tests, top lint and security findings and unmeasured parts of the latest result of "
          + "a named code benchmark, to decide what to fix first.")
  @Acts(ActionKind.READ)
  public String analyseLatestFailures(@P("name of the benchmark") String name) {
    Optional<BenchmarkStore> store = benchmark.store();
    if (store.isEmpty()) {
      return "No benchmark history is configured, so there is no latest result.";
    }
    try {
      return store
          .get()
          .latest(name)
          .map(BenchmarkReports::failures)
          .orElse("There is no benchmark named '" + name + "' yet; run it first.");
    } catch (BecaException e) {
      return "The benchmark history could not be read: " + e.getMessage();
    }
  }
}
