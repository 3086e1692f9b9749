package dev.beca.benchmark.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Small text helpers for tool output. */
final class Texts {

  private Texts() {}

  /** The last lines of a captured output file, for error messages. */
  static String tail(Path file, int lines) {
    try {
      List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
      return String.join(" | ", all.subList(Math.max(0, all.size() - lines), all.size())).strip();
    } catch (IOException | RuntimeException e) {
      return "";
    }
  }
}
