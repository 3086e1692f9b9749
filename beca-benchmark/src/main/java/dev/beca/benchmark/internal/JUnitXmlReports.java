package dev.beca.benchmark.internal;

import dev.beca.core.quality.TestCase;
import dev.beca.core.quality.TestReport;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Reads JUnit-style XML reports (Surefire's {@code TEST-*.xml}, pytest's {@code --junitxml}).
 * Counts come from each {@code testsuite} element's attributes, as the tools wrote them; the cases
 * from its {@code testcase} elements.
 */
final class JUnitXmlReports {

  private JUnitXmlReports() {}

  static TestReport read(List<Path> files) throws IOException {
    int tests = 0;
    int failures = 0;
    int errors = 0;
    int skipped = 0;
    List<TestCase> cases = new ArrayList<>();
    for (Path file : files) {
      Document document = Xml.parse(file);
      Element root = document.getDocumentElement();
      List<Element> suites = new ArrayList<>();
      if ("testsuite".equals(root.getTagName())) {
        suites.add(root);
      } else {
        NodeList list = root.getElementsByTagName("testsuite");
        for (int i = 0; i < list.getLength(); i++) {
          suites.add((Element) list.item(i));
        }
      }
      for (Element suite : suites) {
        tests += intAttribute(suite, "tests");
        failures += intAttribute(suite, "failures");
        errors += intAttribute(suite, "errors");
        skipped += intAttribute(suite, "skipped") + intAttribute(suite, "disabled");
        for (Node child = suite.getFirstChild(); child != null; child = child.getNextSibling()) {
          if (child instanceof Element element && "testcase".equals(element.getTagName())) {
            cases.add(testCase(element));
          }
        }
      }
    }
    return new TestReport(tests, failures, errors, skipped, cases);
  }

  private static TestCase testCase(Element element) {
    TestCase.Outcome outcome = TestCase.Outcome.PASSED;
    String message = "";
    for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
      if (child instanceof Element e) {
        switch (e.getTagName()) {
          case "failure" -> {
            outcome = TestCase.Outcome.FAILED;
            message = e.getAttribute("message");
          }
          case "error" -> {
            outcome = TestCase.Outcome.ERROR;
            message = e.getAttribute("message");
          }
          case "skipped" -> {
            outcome = TestCase.Outcome.SKIPPED;
            message = e.getAttribute("message");
          }
          default -> {}
        }
      }
    }
    return new TestCase(
        element.getAttribute("classname"),
        element.getAttribute("name"),
        outcome,
        doubleAttribute(element, "time"),
        message);
  }

  private static int intAttribute(Element element, String name) {
    String value = element.getAttribute(name);
    return value.isBlank() ? 0 : Integer.parseInt(value.strip());
  }

  private static double doubleAttribute(Element element, String name) {
    String value = element.getAttribute(name).replace(",", "");
    return value.isBlank() ? 0 : Double.parseDouble(value.strip());
  }
}
