package dev.beca.core.learning.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * Reads the build files the miner knows: what each declares (dependencies, plugins, modules) and
 * which build tool it belongs to. A file that cannot be parsed throws {@link IOException} with the
 * reason; the miner reports it and goes on.
 */
public final class BuildFiles {

  /** The largest build file read (4 MiB); larger ones are reported and skipped. */
  public static final long MAX_BYTES = 4L << 20;

  /**
   * What one build file declares.
   *
   * @param ecosystem {@code java}, {@code python} or {@code javascript}
   * @param tool the build tool, e.g. {@code Maven}
   * @param dependencies coordinates: {@code group:artifact} (java), normalised names (python,
   *     javascript)
   * @param modules declared modules or workspaces, as written
   * @param workspace whether it declares a workspace of several projects (npm, pnpm, lerna, nx)
   * @param own what the file builds, matched like a dependency: its Maven {@code groupId:} (its own
   *     or its parent's), its normalised Python or npm name; empty when unknown
   */
  public record Declared(
      String ecosystem,
      String tool,
      List<String> dependencies,
      List<String> modules,
      boolean workspace,
      String own) {

    Declared(
        String ecosystem,
        String tool,
        List<String> dependencies,
        List<String> modules,
        boolean workspace) {
      this(ecosystem, tool, dependencies, modules, workspace, "");
    }
  }

  private static final java.util.regex.Pattern GRADLE_DEPENDENCY =
      java.util.regex.Pattern.compile(
          "\\b(?:implementation|api|compile|compileOnly|compileOnlyApi|runtimeOnly|testImplementation"
              + "|testCompileOnly|testRuntimeOnly|annotationProcessor|kapt|ksp|developmentOnly"
              + "|testFixturesImplementation|testFixturesApi|integrationTestImplementation|classpath)"
              + "\\b\\s*\\(?\\s*(?:(?:enforcedPlatform|platform)\\s*\\(\\s*)?[\"']([^\"'\\s:$]+):([^\"'\\s:$]+)");
  private static final java.util.regex.Pattern GRADLE_PLUGIN =
      java.util.regex.Pattern.compile(
          "(?:\\bid\\s*\\(?\\s*|apply\\s+plugin\\s*:\\s*)[\"']([A-Za-z0-9_.\\-]+)[\"']");
  private static final java.util.regex.Pattern KOTLIN_PLUGIN =
      java.util.regex.Pattern.compile("\\bkotlin\\s*\\(\\s*\"([A-Za-z0-9_.\\-]+)\"\\s*\\)");
  private static final java.util.regex.Pattern GRADLE_INCLUDE_LINE =
      java.util.regex.Pattern.compile("^\\s*include(?:Build)?\\b(.*)$");
  private static final java.util.regex.Pattern QUOTED =
      java.util.regex.Pattern.compile("[\"']([^\"']+)[\"']");
  private static final java.util.regex.Pattern CATALOG_MODULE =
      java.util.regex.Pattern.compile(
          "\\bmodule\\s*=\\s*\"([^\":\\s]+):([^\":\\s]+)\"|\\bgroup\\s*=\\s*\"([^\"\\s]+)\"\\s*,\\s*name\\s*=\\s*\"([^\"\\s]+)\"");
  private static final java.util.regex.Pattern REQUIREMENT =
      java.util.regex.Pattern.compile("^\\s*([A-Za-z0-9][A-Za-z0-9._\\-]*)");

  private BuildFiles() {}

  /**
   * Whether a file name is a build file the miner reads.
   *
   * @param relative the path relative to the repository (for {@code gradle/libs.versions.toml})
   */
  public static boolean isBuildFile(String fileName, String relative) {
    return switch (fileName) {
      case "pom.xml",
          "build.gradle",
          "build.gradle.kts",
          "settings.gradle",
          "settings.gradle.kts",
          "pyproject.toml",
          "setup.py",
          "setup.cfg",
          "package.json" ->
          true;
      case "libs.versions.toml" -> relative.endsWith("gradle/libs.versions.toml");
      default -> fileName.startsWith("requirements") && fileName.endsWith(".txt");
    };
  }

  /**
   * Reads one build file.
   *
   * @param file the file
   * @return what it declares
   * @throws IOException when it cannot be read or parsed
   */
  public static Declared read(Path file) throws IOException {
    if (Files.size(file) > MAX_BYTES) {
      throw new IOException("it has more than " + MAX_BYTES + " bytes");
    }
    String name = file.getFileName().toString();
    Path dir = file.getParent();
    return switch (name) {
      case "pom.xml" -> pom(file);
      case "build.gradle", "build.gradle.kts" -> gradle(file, name.endsWith(".kts"));
      case "settings.gradle", "settings.gradle.kts" -> gradleSettings(file);
      case "libs.versions.toml" -> catalog(file);
      case "pyproject.toml" -> pyproject(file);
      case "setup.py", "setup.cfg" ->
          new Declared("python", "Python (setuptools)", List.of(), List.of(), false);
      case "package.json" -> packageJson(file, dir);
      default -> requirements(file);
    };
  }

  private static String text(Path file) throws IOException {
    return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
  }

  static Declared pom(Path file) throws IOException {
    Document doc;
    try (InputStream in = Files.newInputStream(file)) {
      doc = secureBuilder().parse(in);
    } catch (SAXException e) {
      throw new IOException("not well-formed XML (" + e.getMessage() + ")", e);
    }
    List<String> dependencies = new ArrayList<>();
    for (String tag : List.of("parent", "dependency", "plugin", "extension")) {
      NodeList nodes = doc.getElementsByTagName(tag);
      for (int i = 0; i < nodes.getLength(); i++) {
        Element element = (Element) nodes.item(i);
        String group = child(element, "groupId");
        String artifact = child(element, "artifactId");
        if (group.isEmpty() && tag.equals("plugin")) {
          group = "org.apache.maven.plugins";
        }
        if (!artifact.isEmpty()) {
          dependencies.add(group + ":" + artifact);
        }
      }
    }
    List<String> modules = new ArrayList<>();
    NodeList moduleNodes = doc.getElementsByTagName("module");
    for (int i = 0; i < moduleNodes.getLength(); i++) {
      String module = moduleNodes.item(i).getTextContent().strip();
      if (!module.isEmpty() && !modules.contains(module)) {
        modules.add(module);
      }
    }
    Element project = doc.getDocumentElement();
    String group = child(project, "groupId");
    if (group.isEmpty()) {
      NodeList parents = project.getElementsByTagName("parent");
      group = parents.getLength() == 0 ? "" : child((Element) parents.item(0), "groupId");
    }
    // The parent's own coordinate is not a dependency of the project when it is the project's
    // group (a module of this build), but a framework's parent (spring-boot-starter-parent) is.
    return new Declared(
        "java", "Maven", dependencies, modules, false, group.isEmpty() ? "" : group + ":");
  }

  /** A parser that refuses DTDs and external entities (a build file must not reach the network). */
  private static DocumentBuilder secureBuilder() throws IOException {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      factory.setXIncludeAware(false);
      factory.setExpandEntityReferences(false);
      factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
      factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
      DocumentBuilder builder = factory.newDocumentBuilder();
      builder.setErrorHandler(null);
      return builder;
    } catch (ParserConfigurationException e) {
      throw new IOException("the JDK's XML parser cannot be configured securely", e);
    }
  }

  private static String child(Element element, String tag) {
    for (Node n = element.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && e.getTagName().equals(tag)) {
        return e.getTextContent().strip();
      }
    }
    return "";
  }

  static Declared gradle(Path file, boolean kotlin) throws IOException {
    String text = text(file);
    List<String> dependencies = new ArrayList<>();
    Matcher m = GRADLE_DEPENDENCY.matcher(text);
    while (m.find()) {
      dependencies.add(m.group(1) + ":" + m.group(2));
    }
    m = GRADLE_PLUGIN.matcher(text);
    while (m.find()) {
      dependencies.add(m.group(1) + ":plugin");
    }
    m = KOTLIN_PLUGIN.matcher(text);
    while (m.find()) {
      dependencies.add("org.jetbrains.kotlin." + m.group(1) + ":plugin");
    }
    return new Declared(
        "java",
        kotlin ? "Gradle (Kotlin DSL)" : "Gradle (Groovy DSL)",
        dependencies,
        List.of(),
        false);
  }

  static Declared gradleSettings(Path file) throws IOException {
    List<String> modules = new ArrayList<>();
    for (String line : text(file).split("\n")) {
      Matcher include = GRADLE_INCLUDE_LINE.matcher(line);
      if (include.find()) {
        Matcher quoted = QUOTED.matcher(include.group(1));
        while (quoted.find()) {
          String module = quoted.group(1).replaceFirst("^:", "").replace(':', '/');
          if (!module.isEmpty() && !modules.contains(module)) {
            modules.add(module);
          }
        }
      }
    }
    boolean kotlin = file.getFileName().toString().endsWith(".kts");
    return new Declared(
        "java", kotlin ? "Gradle (Kotlin DSL)" : "Gradle (Groovy DSL)", List.of(), modules, false);
  }

  static Declared catalog(Path file) throws IOException {
    List<String> dependencies = new ArrayList<>();
    Matcher m = CATALOG_MODULE.matcher(text(file));
    while (m.find()) {
      dependencies.add(
          m.group(1) != null ? m.group(1) + ":" + m.group(2) : m.group(3) + ":" + m.group(4));
    }
    return new Declared("java", "Gradle version catalog", dependencies, List.of(), false);
  }

  static Declared pyproject(Path file) throws IOException {
    JsonNode root;
    try {
      root = new TomlMapper().readTree(file.toFile());
    } catch (IOException e) {
      throw new IOException("not valid TOML (" + e.getMessage() + ")", e);
    }
    List<String> dependencies = new ArrayList<>();
    requirements(root.path("project").path("dependencies"), dependencies);
    for (JsonNode group : iterable(root.path("project").path("optional-dependencies"))) {
      requirements(group, dependencies);
    }
    for (JsonNode group : iterable(root.path("dependency-groups"))) {
      requirements(group, dependencies);
    }
    JsonNode poetry = root.path("tool").path("poetry");
    poetry.path("dependencies").fieldNames().forEachRemaining(n -> addPython(n, dependencies));
    for (JsonNode group : iterable(poetry.path("group"))) {
      group.path("dependencies").fieldNames().forEachRemaining(n -> addPython(n, dependencies));
    }
    dependencies.remove("python");
    String backend = root.path("build-system").path("build-backend").asText("");
    String tool;
    if (backend.startsWith("hatchling")) {
      tool = "Python (Hatch)";
    } else if (backend.startsWith("flit")) {
      tool = "Python (Flit)";
    } else if (backend.startsWith("poetry") || !poetry.isMissingNode()) {
      tool = "Python (Poetry)";
    } else if (backend.startsWith("pdm")) {
      tool = "Python (PDM)";
    } else if (backend.startsWith("setuptools")) {
      tool = "Python (setuptools)";
    } else if (backend.startsWith("maturin")) {
      tool = "Python (maturin)";
    } else {
      tool = "Python (pyproject)";
    }
    if (Files.exists(file.resolveSibling("uv.lock"))) {
      tool = tool + " with uv";
    }
    String name = root.path("project").path("name").asText("");
    if (name.isEmpty()) {
      name = poetry.path("name").asText("");
    }
    return new Declared(
        "python",
        tool,
        dependencies,
        List.of(),
        false,
        name.isEmpty() ? "" : FrameworkCatalog.pythonName(name));
  }

  private static Iterable<JsonNode> iterable(JsonNode node) {
    if (!node.isObject()) {
      return List.of();
    }
    List<JsonNode> values = new ArrayList<>();
    Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
    fields.forEachRemaining(e -> values.add(e.getValue()));
    return values;
  }

  private static void requirements(JsonNode list, List<String> into) {
    if (list.isArray()) {
      for (JsonNode item : list) {
        if (item.isTextual()) {
          addPython(item.asText(), into);
        }
      }
    }
  }

  private static void addPython(String requirement, List<String> into) {
    Matcher m = REQUIREMENT.matcher(requirement);
    if (m.find()) {
      into.add(FrameworkCatalog.pythonName(m.group(1)));
    }
  }

  static Declared requirements(Path file) throws IOException {
    List<String> dependencies = new ArrayList<>();
    for (String line : text(file).split("\n")) {
      String stripped = line.strip();
      if (!stripped.isEmpty() && !stripped.startsWith("#") && !stripped.startsWith("-")) {
        addPython(stripped, dependencies);
      }
    }
    return new Declared("python", "pip requirements", dependencies, List.of(), false);
  }

  static Declared packageJson(Path file, Path dir) throws IOException {
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(file.toFile());
    } catch (IOException e) {
      throw new IOException("not valid JSON (" + e.getMessage() + ")", e);
    }
    if (root == null || !root.isObject()) {
      throw new IOException("not a JSON object");
    }
    List<String> dependencies = new ArrayList<>();
    for (String section :
        List.of("dependencies", "devDependencies", "peerDependencies", "optionalDependencies")) {
      root.path(section).fieldNames().forEachRemaining(dependencies::add);
    }
    List<String> modules = new ArrayList<>();
    JsonNode workspaces = root.path("workspaces");
    JsonNode list = workspaces.isObject() ? workspaces.path("packages") : workspaces;
    if (list.isArray()) {
      list.forEach(w -> modules.add(w.asText()));
    }
    boolean workspace =
        !modules.isEmpty()
            || Files.exists(dir.resolve("pnpm-workspace.yaml"))
            || Files.exists(dir.resolve("lerna.json"))
            || Files.exists(dir.resolve("nx.json"));
    String tool =
        Files.exists(dir.resolve("pnpm-lock.yaml"))
            ? "pnpm"
            : Files.exists(dir.resolve("yarn.lock")) ? "Yarn" : "npm";
    return new Declared(
        "javascript", tool, dependencies, modules, workspace, root.path("name").asText(""));
  }
}
