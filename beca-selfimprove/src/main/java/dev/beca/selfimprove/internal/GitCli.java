package dev.beca.selfimprove.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The {@code git} program, for what JGit lacks (worktrees, {@code apply}): runs one command in a
 * folder with a time limit, input from a string, and returns its exit code and output.
 */
public final class GitCli {

  private static final long TIMEOUT_SECONDS = 120;

  private final Path directory;

  /** Git commands run in this folder. */
  public GitCli(Path directory) {
    this.directory = directory;
  }

  /** The folder. */
  public Path directory() {
    return directory;
  }

  /** A command's result. */
  public record Result(int exitCode, String out, String err) {
    /** Whether it exited with 0. */
    public boolean ok() {
      return exitCode == 0;
    }

    /** Standard output without the line break at its end. */
    public String line() {
      return out.strip();
    }
  }

  /** Runs {@code git ARGS}. */
  public Result run(String... args) {
    return run(null, Map.of(), args);
  }

  /** Runs {@code git ARGS} with this text on standard input and extra environment variables. */
  public Result run(String input, Map<String, String> env, String... args) {
    List<String> line = new ArrayList<>();
    line.add("git");
    line.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(line).directory(directory.toFile());
    Map<String, String> e = pb.environment();
    for (String v :
        List.of(
            "GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_OBJECT_DIRECTORY", "GIT_PREFIX")) {
      e.remove(v);
    }
    e.put("GIT_TERMINAL_PROMPT", "0");
    e.put("LC_ALL", "C");
    e.putAll(env);
    try {
      Process p = pb.start();
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      Thread errReader = pump(p.getErrorStream(), err);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      Thread outReader = pump(p.getInputStream(), out);
      try (var stdin = p.getOutputStream()) {
        if (input != null) {
          stdin.write(input.getBytes(StandardCharsets.UTF_8));
        }
      } catch (IOException ignored) {
        // the command ended without reading its input; its exit code says how it went
      }
      if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        return new Result(
            -1,
            "",
            "git " + String.join(" ", args) + " did not end within " + TIMEOUT_SECONDS + " s");
      }
      outReader.join(5_000);
      errReader.join(5_000);
      return new Result(
          p.exitValue(),
          out.toString(StandardCharsets.UTF_8),
          err.toString(StandardCharsets.UTF_8));
    } catch (IOException ex) {
      throw new UncheckedIOException(
          "The git program could not be run (" + ex.getMessage() + "); install git", ex);
    } catch (InterruptedException ex) {
      Thread.currentThread().interrupt();
      return new Result(-1, "", "interrupted");
    }
  }

  private static Thread pump(InputStream in, ByteArrayOutputStream into) {
    Thread t =
        new Thread(
            () -> {
              try (in) {
                in.transferTo(into);
              } catch (IOException ignored) {
                // the process ended
              }
            },
            "beca-git-output");
    t.setDaemon(true);
    t.start();
    return t;
  }
}
