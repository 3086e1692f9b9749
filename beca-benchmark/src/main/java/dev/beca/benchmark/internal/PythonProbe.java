package dev.beca.benchmark.internal;

import dev.beca.core.quality.ProbeResult;
import dev.beca.core.quality.ProbeStatus;
import dev.beca.core.quality.QualityProbe;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** What the Python probes share: interpreter discovery, source files and the install hint. */
abstract class PythonProbe implements QualityProbe {

  /** How to install the tools on Debian or with pip. */
  static final String INSTALL_HINT =
      "Install it: apt-get install python3-pytest python3-coverage pylint "
          + "python3-bandit, or pip install pytest coverage pylint bandit; or point BECA_PYTHON at an interpreter "
          + "that has it.";

  private final List<String> candidates;
  private final List<String> tools;
  private volatile String fingerprint;

  PythonProbe(List<String> candidates, List<String> tools) {
    this.candidates = List.copyOf(candidates);
    this.tools = List.copyOf(tools);
  }

  @Override
  public boolean appliesTo(Path projectRoot) {
    return Files.isRegularFile(projectRoot.resolve("pyproject.toml"))
        || Files.isRegularFile(projectRoot.resolve("setup.py"))
        || !sources(projectRoot).isEmpty();
  }

  @Override
  public String fingerprint() {
    if (fingerprint == null) {
      fingerprint = name() + " " + interpreter().map(i -> i.describe(tools)).orElse("unavailable");
    }
    return fingerprint;
  }

  /** The interpreter that has all the tools of this probe. */
  Optional<PythonInterpreters.Interpreter> interpreter() {
    return PythonInterpreters.find(candidates, Set.copyOf(tools));
  }

  /** The interpreters tried. */
  List<String> candidates() {
    return candidates;
  }

  /** The result when no interpreter has the tools. */
  ProbeResult unavailable(Instant start) {
    return ProbeResult.without(
        this,
        ProbeStatus.UNAVAILABLE,
        String.join(" and ", tools) + " not found for any of " + candidates + ". " + INSTALL_HINT,
        "",
        Duration.between(start, Instant.now()));
  }

  /** The project's Python files. */
  static List<Path> sources(Path root) {
    return SourceFiles.find(root, p -> p.toString().endsWith(".py"));
  }
}
