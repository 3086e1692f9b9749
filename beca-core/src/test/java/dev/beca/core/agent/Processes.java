package dev.beca.core.agent;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/** Helpers for tests with real processes. */
final class Processes {

  private Processes() {}

  /** A number no other test run uses, to find a {@code sleep N} process by its command line. */
  static long marker() {
    return ThreadLocalRandom.current().nextLong(10_000_000L, 90_000_000L);
  }

  /** The live {@code sleep <marker>} processes (not the shells whose command line names them). */
  static List<ProcessHandle> sleeping(long marker) {
    String argument = String.valueOf(marker);
    return ProcessHandle.allProcesses()
        .filter(p -> p.info().command().map(c -> c.endsWith("/sleep")).orElse(false))
        .filter(p -> p.info().arguments().map(a -> List.of(a).contains(argument)).orElse(false))
        .filter(ProcessTree::isRunning)
        .toList();
  }

  /**
   * Waits, up to a generous bound, until a condition holds; a failed wait is not an error here, the
   * caller asserts the condition afterwards.
   */
  static void awaitUpTo(long seconds, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + seconds * 1_000_000_000L;
    while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
  }

  /**
   * A new folder below the module's {@code target/} (not below {@code /tmp}, which the sandbox
   * replaces by an empty one, so what a test hides there must lie elsewhere to mean anything).
   */
  static Path folderOutsideTmp(String prefix) throws IOException {
    Path base = Files.createDirectories(Path.of("target", "process-tests").toAbsolutePath());
    return Files.createTempDirectory(base, prefix).toRealPath();
  }

  /** Deletes a folder and everything in it. */
  static void delete(Path folder) throws IOException {
    if (folder == null || !Files.exists(folder)) {
      return;
    }
    try (Stream<Path> all = Files.walk(folder)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
