package dev.beca.benchmark.internal;

import dev.beca.core.quality.CoverageReport;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/** Reads JaCoCo XML reports: the report-level LINE and BRANCH counters, summed over modules. */
final class JacocoReports {

  private JacocoReports() {}

  static CoverageReport read(List<Path> files) throws IOException {
    long linesCovered = 0;
    long linesMissed = 0;
    long branchesCovered = 0;
    long branchesMissed = 0;
    for (Path file : files) {
      Element report = Xml.parse(file).getDocumentElement();
      for (Node child = report.getFirstChild(); child != null; child = child.getNextSibling()) {
        if (child instanceof Element counter && "counter".equals(counter.getTagName())) {
          long missed = Long.parseLong(counter.getAttribute("missed"));
          long covered = Long.parseLong(counter.getAttribute("covered"));
          switch (counter.getAttribute("type")) {
            case "LINE" -> {
              linesCovered += covered;
              linesMissed += missed;
            }
            case "BRANCH" -> {
              branchesCovered += covered;
              branchesMissed += missed;
            }
            default -> {}
          }
        }
      }
    }
    return new CoverageReport(
        linesCovered,
        linesCovered + linesMissed,
        branchesCovered,
        branchesCovered + branchesMissed);
  }
}
