package dev.beca.benchmark.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds a Python interpreter that has the tools a probe needs. Tools may be installed for one
 * interpreter and not another (Debian's {@code python3-pylint} lives in {@code /usr/bin/python3},
 * not in a pyenv {@code python3} earlier on the PATH), so every candidate is asked which of pytest,
 * coverage, pylint and bandit it can import, and the first with all the needed ones wins.
 */
public final class PythonInterpreters {

  /** The candidates tried when none are configured, in order. */
  public static final List<String> DEFAULT_CANDIDATES =
      List.of("python3", "/usr/bin/python3", "python");

  private static final Logger LOG = LoggerFactory.getLogger(PythonInterpreters.class);
  private static final String PROBE_SCRIPT =
      String.join(
          "\n",
          "import sys, importlib.util",
          "try:",
          "    import importlib.metadata as md",
          "except ImportError:",
          "    md = None",
          "print('python', sys.version.split()[0])",
          "for name in ('pytest', 'coverage', 'pylint', 'bandit'):",
          "    if importlib.util.find_spec(name) is None:",
          "        print(name, '-')",
          "        continue",
          "    try:",
          "        print(name, md.version(name))",
          "    except Exception:",
          "        print(name, '?')");
  private static final Map<String, Optional<Interpreter>> PROBED = new ConcurrentHashMap<>();

  /**
   * A Python interpreter and the tool modules it can import.
   *
   * @param command how to start it
   * @param version its version
   * @param tools importable tool modules with their versions
   */
  public record Interpreter(String command, String version, Map<String, String> tools) {

    /** {@code "pylint 2.16.2 (python3 3.11.2)"} for the tools asked for. */
    public String describe(List<String> names) {
      StringBuilder text = new StringBuilder();
      for (String name : names) {
        text.append(text.length() == 0 ? "" : ", ")
            .append(name)
            .append(' ')
            .append(tools.get(name));
      }
      return text + " (" + command + " " + version + ")";
    }
  }

  private PythonInterpreters() {}

  /**
   * The first candidate that can import every one of the tools.
   *
   * @param candidates interpreter commands in order of preference
   * @param tools module names that must all be importable
   * @return the interpreter, or empty when none has them all
   */
  public static Optional<Interpreter> find(List<String> candidates, Set<String> tools) {
    for (String candidate : candidates) {
      Optional<Interpreter> interpreter =
          PROBED.computeIfAbsent(candidate, PythonInterpreters::probe);
      if (interpreter.isPresent() && interpreter.get().tools().keySet().containsAll(tools)) {
        return interpreter;
      }
    }
    return Optional.empty();
  }

  private static Optional<Interpreter> probe(String command) {
    try {
      Process process =
          new ProcessBuilder(command, "-c", PROBE_SCRIPT).redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
        process.destroyForcibly();
        return Optional.empty();
      }
      String version = "";
      Map<String, String> tools = new LinkedHashMap<>();
      for (String line : output.lines().toList()) {
        String[] parts = line.strip().split(" ", 2);
        if (parts.length != 2) {
          continue;
        }
        if (parts[0].equals("python")) {
          version = parts[1];
        } else if (!parts[1].equals("-")) {
          tools.put(parts[0], parts[1]);
        }
      }
      LOG.debug("Python {} ({}) has {}", command, version, tools);
      return Optional.of(new Interpreter(command, version, Map.copyOf(tools)));
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }
}
