package dev.beca.selfimprove.internal;

import dev.beca.selfimprove.spi.TestReport;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/** Reads JUnit XML reports (Surefire's {@code TEST-*.xml}, pytest's {@code --junitxml}). */
public final class JUnitReports {

  private JUnitReports() {}

  /**
   * The reports below a tree matching globs.
   *
   * @param tree the tree
   * @param globs globs relative to the tree ({@code **}{@code /target/surefire-reports/TEST-*.xml})
   * @return the files found, in walk order
   */
  public static List<Path> find(Path tree, List<String> globs) throws IOException {
    List<PathMatcher> matchers =
        globs.stream().map(g -> tree.getFileSystem().getPathMatcher("glob:" + g)).toList();
    List<Path> found = new ArrayList<>();
    Files.walkFileTree(
        tree,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
            Path name = dir.getFileName();
            return name != null && name.toString().equals(".git")
                ? FileVisitResult.SKIP_SUBTREE
                : FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
            Path rel = tree.relativize(file);
            // "**/x" in a Java glob needs at least one folder; also try the path with one added.
            Path padded = Path.of("_").resolve(rel);
            if (matchers.stream().anyMatch(m -> m.matches(rel) || m.matches(padded))) {
              found.add(file);
            }
            return FileVisitResult.CONTINUE;
          }
        });
    return found;
  }

  /**
   * Reads reports: every {@code testcase} is passed unless it holds a {@code failure} or {@code
   * error}; skipped ones are left out. Names are {@code classname.name}.
   *
   * @param files the report files
   * @return the tests by outcome
   * @throws IOException when a file cannot be read or parsed
   */
  public static TestReport read(List<Path> files) throws IOException {
    Set<String> passed = new HashSet<>();
    Set<String> failed = new HashSet<>();
    for (Path file : files) {
      Document doc = parse(file);
      NodeList cases = doc.getElementsByTagName("testcase");
      for (int i = 0; i < cases.getLength(); i++) {
        Element c = (Element) cases.item(i);
        String cls = c.getAttribute("classname");
        String name = (cls.isEmpty() ? "" : cls + ".") + c.getAttribute("name");
        if (hasChild(c, "failure") || hasChild(c, "error")) {
          failed.add(name);
        } else if (!hasChild(c, "skipped")) {
          passed.add(name);
        }
      }
    }
    passed.removeAll(failed);
    return new TestReport(passed, failed);
  }

  private static boolean hasChild(Element e, String tag) {
    for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element child && child.getTagName().equals(tag)) {
        return true;
      }
    }
    return false;
  }

  private static Document parse(Path file) throws IOException {
    try {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      f.setExpandEntityReferences(false);
      DocumentBuilder b = f.newDocumentBuilder();
      b.setErrorHandler(null);
      return b.parse(file.toFile());
    } catch (IOException e) {
      throw e;
    } catch (Exception e) {
      throw new IOException("The test report " + file + " is not valid XML: " + e.getMessage(), e);
    }
  }
}
