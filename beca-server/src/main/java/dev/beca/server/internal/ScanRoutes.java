package dev.beca.server.internal;

import dev.beca.core.secrets.Confidence;
import dev.beca.core.secrets.FolderScan;
import dev.beca.core.secrets.Severity;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code POST /secrets/scan}: scans a file or folder of the project for secrets with the walk of
 * {@code beca scan}; the answer holds each finding's redacted form and fingerprint, never a secret.
 */
public final class ScanRoutes {

  /**
   * Body of {@code POST /secrets/scan}; thresholds as {@code beca scan}'s (default low and medium).
   */
  public record SecretScan(String path, String minSeverity, String minConfidence) {}

  private ScanRoutes() {}

  /**
   * The route, none when the server has no scanner.
   *
   * @param ports what the server was handed
   * @return the routes
   */
  public static List<Route> routes(ServerPorts ports) {
    RouteList r = new RouteList();
    if (ports.secretScanner() == null) {
      return r.routes();
    }
    ProjectPaths paths = new ProjectPaths(ports.projectRoot());
    r.add(
        "POST",
        "/secrets/scan",
        RouteList.OPERATOR,
        Optional.empty(),
        "Scans a file or folder of the project (path relative to the project root) for secrets:"
            + " findings with rule, severity, confidence, place, redacted form and fingerprint.",
        List.of(),
        SecretScan.class,
        200,
        Route.JSON,
        q -> {
          SecretScan body = q.body(SecretScan.class);
          Severity severity;
          Confidence confidence;
          try {
            severity = Severity.parse(body.minSeverity() == null ? "low" : body.minSeverity());
            confidence =
                Confidence.parse(body.minConfidence() == null ? "medium" : body.minConfidence());
          } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(
                "invalid_input",
                "The body's threshold is not valid: " + e.getMessage() + ".",
                "Use minSeverity low|medium|high|critical and minConfidence low|medium|high.");
          }
          Path target = paths.resolve(body.path());
          FolderScan scan = ports.secretScanner().scan(target).atLeast(severity, confidence);
          Map<String, Object> answer = new LinkedHashMap<>();
          answer.put("path", paths.relative(target));
          answer.put("clean", scan.findings().isEmpty());
          answer.put("findings", scan.findings());
          answer.put("hidden", scan.hidden());
          answer.put("filesScanned", scan.filesScanned());
          answer.put("bytesScanned", scan.bytesScanned());
          answer.put("skipped", scan.skipped());
          return answer;
        });
    return r.routes();
  }
}
