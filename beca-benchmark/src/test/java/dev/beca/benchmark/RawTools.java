package dev.beca.benchmark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs raw tool commands and reads their reports independently of BECA's parsers, for comparison.
 */
final class RawTools {

  private RawTools() {}

  /** Runs a command in a folder; returns its exit code. */
  static int run(Path dir, Map<String, String> extraEnv, String... command)
      throws IOException, InterruptedException {
    ProcessBuilder builder =
        new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
    builder.environment().putAll(extraEnv);
    builder.environment().put("PYTHONDONTWRITEBYTECODE", "1");
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(5, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new IllegalStateException("timed out: " + String.join(" ", command));
    }
    if (output.contains("No module named")) {
      throw new IllegalStateException(output);
    }
    return process.exitValue();
  }

  /** Sums an attribute over every {@code <testsuite ...>} start tag of JUnit XML texts. */
  static int suiteAttribute(List<String> xmlTexts, String attribute) {
    int sum = 0;
    Pattern suite = Pattern.compile("<testsuite\\s[^>]*>");
    Pattern value = Pattern.compile("\\s" + attribute + "=\"(\\d+)\"");
    for (String xml : xmlTexts) {
      Matcher tags = suite.matcher(xml);
      while (tags.find()) {
        Matcher m = value.matcher(tags.group());
        if (m.find()) {
          sum += Integer.parseInt(m.group(1));
        }
      }
    }
    return sum;
  }

  /** A JaCoCo XML report's report-level counter: {covered, missed} of e.g. {@code LINE}. */
  static long[] jacocoXml(String xml, String counter) {
    Matcher m =
        Pattern.compile("<counter type=\"" + counter + "\" missed=\"(\\d+)\" covered=\"(\\d+)\"/>")
            .matcher(xml);
    long[] found = null;
    while (m.find()) {
      found = new long[] {Long.parseLong(m.group(2)), Long.parseLong(m.group(1))};
    }
    return java.util.Objects.requireNonNull(found, "no " + counter + " counter");
  }
}
