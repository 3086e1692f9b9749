package dev.beca.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** Runs the built {@code beca.jar} as a subprocess, for the end-to-end tests. */
final class BecaJar {

  /**
   * What one run printed and returned.
   *
   * @param exitCode the process's exit code
   * @param stdout everything it printed on standard output
   * @param stderr everything it printed on standard error
   * @param firstOutputNanos {@link System#nanoTime()} when the first byte of standard output came
   * @param exitNanos {@link System#nanoTime()} when the process had exited
   */
  record Result(
      int exitCode, String stdout, String stderr, long firstOutputNanos, long exitNanos) {}

  /**
   * A bound against hangs, not a performance check: a chat whose turns are benchmarked runs the
   * project's tools three times, which took over 90 s on a loaded 2-core machine.
   */
  private static final long MAX_RUN_SECONDS = 240;

  private final Path home;

  /** Runs with {@code HOME} set to the given folder, so nothing touches the real home. */
  BecaJar(Path home) {
    this.home = home;
  }

  /**
   * Runs the jar with the given standard input and extra environment, without BECA_* from outside.
   */
  Result run(String input, Map<String, String> env, String... args) throws Exception {
    Process process = start(env, args);
    AtomicLong firstOutput = new AtomicLong();
    ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    Thread outReader = pump(process.getInputStream(), stdout, firstOutput);
    Thread errReader = pump(process.getErrorStream(), stderr, new AtomicLong());
    try (OutputStream stdin = process.getOutputStream()) {
      stdin.write(input.getBytes(StandardCharsets.UTF_8));
    }
    if (!process.waitFor(MAX_RUN_SECONDS, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("beca did not finish within " + MAX_RUN_SECONDS + " s");
    }
    long exit = System.nanoTime();
    outReader.join();
    errReader.join();
    return new Result(
        process.exitValue(),
        stdout.toString(StandardCharsets.UTF_8),
        stderr.toString(StandardCharsets.UTF_8),
        firstOutput.get(),
        exit);
  }

  /**
   * Starts the jar with the given extra environment, without BECA_* from outside, and leaves its
   * streams to the caller (for tests that signal the running process).
   */
  Process start(Map<String, String> env, String... args) throws IOException {
    Path jar = Path.of(System.getProperty("beca.jar", "target/beca.jar"));
    assertThat(jar).as("the shaded jar built by mvn package").exists();
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-jar");
    command.add(jar.toString());
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().keySet().removeIf(name -> name.startsWith("BECA_"));
    builder.environment().put("HOME", home.toString());
    builder.environment().putAll(env);
    return builder.start();
  }

  /**
   * Copies a process's stream into {@code sink} on a new thread, noting when the first byte came.
   */
  static Thread pump(InputStream in, ByteArrayOutputStream sink, AtomicLong firstByte) {
    Thread thread =
        new Thread(
            () -> {
              byte[] buffer = new byte[4096];
              try {
                for (int n; (n = in.read(buffer)) != -1; ) {
                  firstByte.compareAndSet(0, System.nanoTime());
                  synchronized (sink) {
                    sink.write(buffer, 0, n);
                  }
                }
              } catch (IOException e) {
                // The process ended; what was read is kept.
              }
            });
    thread.start();
    return thread;
  }
}
