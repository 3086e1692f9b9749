package dev.beca.server.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Asks {@code nvidia-smi} for the GPUs as CSV. A missing program means no NVIDIA GPU (reported
 * {@code absent}, not an error); a program that fails or hangs is reported {@code failed} with what
 * it said.
 */
final class GpuProbe {

  /** The CSV query, in the order {@link #parse} reads. */
  static final List<String> QUERY =
      List.of(
          "--query-gpu=index,name,memory.used,memory.total,utilization.gpu",
          "--format=csv,noheader,nounits");

  private final List<String> command;
  private final Duration timeout;

  GpuProbe(List<String> command, Duration timeout) {
    this.command = List.copyOf(command);
    this.timeout = timeout;
  }

  Resources.Gpus probe() {
    List<String> full = new ArrayList<>(command);
    full.addAll(QUERY);
    Process process;
    try {
      process = new ProcessBuilder(full).redirectErrorStream(true).start();
    } catch (IOException e) {
      return new Resources.Gpus(
          "absent", List.of(), command.get(0) + " is not installed: no NVIDIA GPU is visible.");
    }
    try {
      process.getOutputStream().close();
      CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> read(process));
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        return new Resources.Gpus(
            "failed", List.of(), command.get(0) + " did not answer within " + timeout + ".");
      }
      String text = output.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if (process.exitValue() != 0) {
        return new Resources.Gpus(
            "failed",
            List.of(),
            command.get(0) + " failed (exit " + process.exitValue() + "): " + firstLine(text));
      }
      return parse(text);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
      return new Resources.Gpus("failed", List.of(), "interrupted");
    } catch (Exception e) {
      process.destroyForcibly();
      return new Resources.Gpus("failed", List.of(), command.get(0) + ": " + e.getMessage());
    }
  }

  private static String read(Process process) {
    try (InputStream in = process.getInputStream()) {
      byte[] bytes = in.readNBytes(64 * 1024);
      return new String(bytes, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }

  private static String firstLine(String text) {
    String line = text.strip().lines().findFirst().orElse("");
    return line.length() > 300 ? line.substring(0, 300) + "..." : line;
  }

  /** Parses lines such as {@code 0, NVIDIA GeForce RTX 3090, 1234, 24576, 7} (MiB, percent). */
  static Resources.Gpus parse(String csv) {
    List<Resources.Gpu> gpus = new ArrayList<>();
    for (String line : csv.strip().split("\\R")) {
      if (line.isBlank()) {
        continue;
      }
      String[] f = line.split(",");
      if (f.length < 5) {
        return new Resources.Gpus("failed", List.of(), "unexpected output: " + firstLine(line));
      }
      int n = f.length;
      String name = String.join(",", java.util.Arrays.copyOfRange(f, 1, n - 3)).strip();
      gpus.add(
          new Resources.Gpu(
              (int) number(f[0]),
              name,
              (long) (number(f[n - 3]) * 1024 * 1024),
              (long) (number(f[n - 2]) * 1024 * 1024),
              number(f[n - 1]) / 100.0));
    }
    return new Resources.Gpus("ok", gpus, "");
  }

  /** A number, or 0 for {@code [N/A]} and the like. */
  private static double number(String text) {
    try {
      return Double.parseDouble(text.strip());
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
