package dev.beca.benchmark;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.beca.core.quality.Finding;
import dev.beca.core.secrets.SecretFinding;
import dev.beca.core.secrets.Severity;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * How a {@link SecretScanReport} is written: for people, as JSON, or as SARIF 2.1.0 for
 * code-scanning tools (GitHub code scanning, GitLab, IDE viewers). No format ever contains a
 * secret: only redacted forms and fingerprints.
 */
public enum SecretReportFormat {
  /** One line per finding and per skipped file, then a summary. */
  TEXT,
  /** The report as one JSON object: findings, skipped files, counts. */
  JSON,
  /** A SARIF 2.1.0 log with one run of the tool {@code beca}. */
  SARIF;

  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /**
   * Parses a format name, ignoring case.
   *
   * @throws IllegalArgumentException listing the valid names
   */
  public static SecretReportFormat parse(String name) {
    try {
      return valueOf(name.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "format must be text, json or sarif, was '" + name + "'", e);
    }
  }

  /**
   * Writes the report.
   *
   * @param report the report
   * @param toolVersion the version to name in SARIF's tool section
   * @param out where to write; flushed, not closed
   */
  public void write(SecretScanReport report, String toolVersion, PrintWriter out) {
    switch (this) {
      case TEXT -> text(report, out);
      case JSON -> json(MAPPER.createObjectNode(), report, out);
      case SARIF -> sarif(report, toolVersion, out);
    }
    out.flush();
  }

  private static void text(SecretScanReport report, PrintWriter out) {
    for (SecretFinding f : report.findings()) {
      out.println(
          f.location()
              + ": "
              + f.ruleId()
              + " ("
              + name(f.severity())
              + ", "
              + name(f.confidence())
              + " confidence"
              + (inTests(f) ? ", in tests" : "")
              + ") "
              + f.description()
              + ": "
              + f.redacted()
              + " ["
              + f.fingerprint()
              + "]");
    }
    for (SecretScanReport.SkippedFile s : report.skipped()) {
      out.println(s.path() + ": skipped, " + s.reason());
    }
    if (report.readNothing()) {
      out.println(
          "Nothing was scanned: every file asked for was skipped (see above), so this scan proves nothing.");
      return;
    }
    out.println(
        (report.findings().isEmpty() ? "No secrets" : report.findings().size() + " secret(s)")
            + " in "
            + report.filesScanned()
            + " file(s), "
            + report.bytesScanned()
            + " bytes scanned"
            + (report.skipped().isEmpty()
                ? ""
                : ", " + report.skipped().size() + " file(s) skipped")
            + (report.hidden() == 0
                ? ""
                : ", "
                    + report.hidden()
                    + " finding(s) below the reporting threshold not shown"
                    + " (--min-confidence low --min-severity low shows them)")
            + ".");
  }

  /** Whether the finding is in test code or test data, as {@link SecretTreeScanner} decides. */
  private static boolean inTests(SecretFinding f) {
    return Finding.isTestPath(f.location().source());
  }

  private static void json(ObjectNode root, SecretScanReport report, PrintWriter out) {
    root.put("root", report.root());
    root.put("filesScanned", report.filesScanned());
    root.put("bytesScanned", report.bytesScanned());
    root.put("hidden", report.hidden());
    root.put("readNothing", report.readNothing());
    ArrayNode findings = root.putArray("findings");
    for (SecretFinding f : report.findings()) {
      ObjectNode node = findings.addObject();
      node.put("rule", f.ruleId());
      node.put("description", f.description());
      node.put("severity", name(f.severity()));
      node.put("confidence", name(f.confidence()));
      node.put("inTests", inTests(f));
      node.put("file", f.location().source());
      node.put("line", f.location().line());
      node.put("column", f.location().column());
      node.put("redacted", f.redacted());
      node.put("fingerprint", f.fingerprint());
    }
    ArrayNode skipped = root.putArray("skipped");
    for (SecretScanReport.SkippedFile s : report.skipped()) {
      skipped.addObject().put("file", s.path()).put("reason", s.reason());
    }
    print(root, out);
  }

  private static void sarif(SecretScanReport report, String toolVersion, PrintWriter out) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
    root.put("version", "2.1.0");
    ObjectNode run = root.putArray("runs").addObject();
    ObjectNode driver = run.putObject("tool").putObject("driver");
    driver.put("name", "beca");
    driver.put("version", toolVersion);
    ArrayNode rules = driver.putArray("rules");
    Map<String, Integer> ruleIndex = new LinkedHashMap<>();
    for (SecretFinding f : report.findings()) {
      if (ruleIndex.containsKey(f.ruleId())) {
        continue;
      }
      ruleIndex.put(f.ruleId(), ruleIndex.size());
      ObjectNode rule = rules.addObject();
      rule.put("id", f.ruleId());
      rule.putObject("shortDescription").put("text", f.description());
      rule.putObject("defaultConfiguration").put("level", level(f.severity()));
      ObjectNode properties = rule.putObject("properties");
      properties.putArray("tags").add("security").add("secret");
      properties.put("security-severity", securitySeverity(f.severity()));
    }
    ArrayNode results = run.putArray("results");
    for (SecretFinding f : report.findings()) {
      ObjectNode result = results.addObject();
      result.put("ruleId", f.ruleId());
      result.put("ruleIndex", ruleIndex.get(f.ruleId()));
      result.put("level", level(f.severity()));
      result
          .putObject("properties")
          .put("confidence", name(f.confidence()))
          .put("inTests", inTests(f));
      result.putObject("message").put("text", f.description() + ": " + f.redacted());
      ObjectNode physical = result.putArray("locations").addObject().putObject("physicalLocation");
      physical
          .putObject("artifactLocation")
          .put("uri", f.location().source())
          .put("uriBaseId", "%SRCROOT%");
      physical
          .putObject("region")
          .put("startLine", f.location().line())
          .put("startColumn", f.location().column())
          .put("endColumn", f.location().column() + (f.end() - f.start()));
      result.putObject("partialFingerprints").put("secretFingerprint/v1", f.fingerprint());
    }
    if (!report.skipped().isEmpty()) {
      ArrayNode notifications =
          run.putArray("invocations")
              .addObject()
              .put("executionSuccessful", true)
              .putArray("toolExecutionNotifications");
      for (SecretScanReport.SkippedFile s : report.skipped()) {
        ObjectNode n = notifications.addObject();
        n.put("level", "note");
        n.putObject("message").put("text", "Skipped " + s.path() + ": " + s.reason());
        n.putArray("locations")
            .addObject()
            .putObject("physicalLocation")
            .putObject("artifactLocation")
            .put("uri", s.path())
            .put("uriBaseId", "%SRCROOT%");
      }
    }
    print(root, out);
  }

  private static String level(Severity severity) {
    return switch (severity) {
      case CRITICAL, HIGH -> "error";
      case MEDIUM -> "warning";
      case LOW -> "note";
    };
  }

  /** GitHub's scale: 9.0+ critical, 7.0+ high, 4.0+ medium, below low. */
  private static String securitySeverity(Severity severity) {
    return switch (severity) {
      case CRITICAL -> "9.5";
      case HIGH -> "8.0";
      case MEDIUM -> "5.0";
      case LOW -> "2.0";
    };
  }

  private static String name(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT);
  }

  private static void print(ObjectNode root, PrintWriter out) {
    try {
      out.println(MAPPER.writeValueAsString(root));
    } catch (IOException e) {
      throw new UncheckedIOException("could not write the report", e);
    }
  }
}
