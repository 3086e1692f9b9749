package dev.beca.core.learning;

import dev.beca.core.InvalidInputException;
import dev.beca.core.learning.internal.BuildFiles;
import dev.beca.core.learning.internal.FrameworkCatalog;
import dev.beca.core.learning.internal.FrameworkCatalog.Framework;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;

/**
 * Finds architecture, framework and build patterns in a repository without any model: it reads the
 * build files ({@code pom.xml} with its modules, parent, dependencies and plugins; Gradle build and
 * settings files and the version catalog; {@code pyproject.toml}, {@code requirements*.txt}; {@code
 * package.json} with its workspaces), the module layout, and the imports of Java, Kotlin and Python
 * sources, and counts what it finds.
 *
 * <p>Deterministic: the same tree gives the same report (apart from the time taken). Folders that
 * hold build output, dependencies or tool state ({@code .git}, {@code target}, {@code build},
 * {@code node_modules}, {@code .venv}...) are not walked. Imports of the repository's own packages
 * do not count. A repository without any build file gives a report whose {@link
 * MiningReport#message()} says so, not an exception; a build file that cannot be parsed is listed
 * among the report's problems and the rest is mined.
 *
 * <pre>{@code
 * MiningReport report = RepositoryMiner.builder().build().mine(Path.of("."));
 * report.patterns().forEach(kb.patterns()::save);
 * }</pre>
 */
public final class RepositoryMiner {

  private static final Set<String> SKIPPED_FOLDERS =
      Set.of(
          ".git",
          ".hg",
          ".svn",
          "node_modules",
          ".gradle",
          ".mvn",
          ".idea",
          ".vscode",
          ".venv",
          "venv",
          "__pycache__",
          ".tox",
          ".nox",
          ".pytest_cache",
          ".mypy_cache",
          "site-packages",
          ".next");

  private static final Set<String> OUTPUT_FOLDERS = Set.of("target", "build", "dist", "out");

  private static final Map<String, String> LAYER_ROLES = layerRoles();

  private static final Set<String> PYTHON_STANDARD_LIBRARY =
      Set.of(
          "__future__",
          "abc",
          "argparse",
          "ast",
          "asyncio",
          "base64",
          "collections",
          "concurrent",
          "contextlib",
          "contextvars",
          "copy",
          "csv",
          "dataclasses",
          "datetime",
          "decimal",
          "enum",
          "errno",
          "functools",
          "gc",
          "getpass",
          "glob",
          "gzip",
          "hashlib",
          "heapq",
          "hmac",
          "html",
          "http",
          "importlib",
          "inspect",
          "io",
          "itertools",
          "json",
          "logging",
          "math",
          "mimetypes",
          "multiprocessing",
          "operator",
          "os",
          "pathlib",
          "pickle",
          "pkgutil",
          "platform",
          "pprint",
          "queue",
          "random",
          "re",
          "secrets",
          "select",
          "shlex",
          "shutil",
          "signal",
          "socket",
          "sqlite3",
          "ssl",
          "stat",
          "string",
          "struct",
          "subprocess",
          "sys",
          "sysconfig",
          "tempfile",
          "textwrap",
          "threading",
          "time",
          "timeit",
          "traceback",
          "types",
          "typing",
          "unittest",
          "urllib",
          "uuid",
          "warnings",
          "weakref",
          "xml",
          "zipfile",
          "zlib",
          "zoneinfo",
          "builtins",
          "codecs",
          "numbers",
          "fnmatch",
          "locale",
          "calendar",
          "email",
          "atexit",
          "tomllib");

  private static final java.util.regex.Pattern JAVA_IMPORT =
      java.util.regex.Pattern.compile("^\\s*import\\s+(?:static\\s+)?([A-Za-z_][\\w.]*)");
  private static final java.util.regex.Pattern JAVA_PACKAGE =
      java.util.regex.Pattern.compile("^\\s*package\\s+([A-Za-z_][\\w.]*)");
  private static final java.util.regex.Pattern PYTHON_IMPORT =
      java.util.regex.Pattern.compile("^\\s*import\\s+(.+)$");
  private static final java.util.regex.Pattern PYTHON_FROM =
      java.util.regex.Pattern.compile("^\\s*from\\s+([A-Za-z_][\\w.]*)\\s+import\\b");

  private final int maxFiles;
  private final int maxSourceFiles;
  private final int maxSourceBytes;

  private RepositoryMiner(Builder builder) {
    this.maxFiles = builder.maxFiles;
    this.maxSourceFiles = builder.maxSourceFiles;
    this.maxSourceBytes = builder.maxSourceBytes;
  }

  /** A builder with the default limits. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Mines a repository.
   *
   * @param root the repository's root folder
   * @return what was found; without a build file, a report whose {@link MiningReport#message()}
   *     says so
   * @throws InvalidInputException when the folder does not exist or is not a folder
   */
  public MiningReport mine(Path root) {
    Path absolute = root.toAbsolutePath().normalize();
    if (!Files.isDirectory(absolute)) {
      throw new InvalidInputException(
          absolute + (Files.exists(absolute) ? " is not a folder." : " does not exist."),
          "Give the root folder of a repository.");
    }
    long start = System.nanoTime();
    Walk walk = new Walk(absolute);
    try {
      Files.walkFileTree(absolute, walk);
    } catch (IOException e) {
      walk.problems.add("walking " + absolute + " failed: " + e.getMessage());
    }
    return walk.report(Duration.ofNanos(System.nanoTime() - start));
  }

  /** The state of one mining run. */
  private final class Walk extends SimpleFileVisitor<Path> {
    final Path root;
    final List<String> problems = new ArrayList<>();
    final List<String> buildFiles = new ArrayList<>();
    final Map<String, BuildFiles.Declared> declared = new LinkedHashMap<>();
    final Set<String> javaPackages = new HashSet<>();
    final Set<String> pythonPackageDirs = new TreeSet<>();
    final Set<String> pythonOwnModules = new HashSet<>();
    final List<List<String>> javaImportsByFile = new ArrayList<>();
    final List<List<String>> pythonImportsByFile = new ArrayList<>();
    int files;
    int sources;
    boolean fileLimitReported;
    boolean sourceLimitReported;

    Walk(Path root) {
      this.root = root;
    }

    @Override
    public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
      if (dir.equals(root)) {
        return FileVisitResult.CONTINUE;
      }
      String name = dir.getFileName().toString();
      if (SKIPPED_FOLDERS.contains(name)) {
        return FileVisitResult.SKIP_SUBTREE;
      }
      // Build output, except inside sources, where e.g. port/out is a package.
      if (OUTPUT_FOLDERS.contains(name) && !("/" + relative(dir)).contains("/src/")) {
        return FileVisitResult.SKIP_SUBTREE;
      }
      return FileVisitResult.CONTINUE;
    }

    @Override
    public FileVisitResult visitFileFailed(Path file, IOException exc) {
      return FileVisitResult.CONTINUE;
    }

    @Override
    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
      if (!attrs.isRegularFile()) {
        return FileVisitResult.CONTINUE;
      }
      if (++files > maxFiles) {
        if (!fileLimitReported) {
          problems.add("stopped after " + maxFiles + " files (the limit); the rest was not read");
          fileLimitReported = true;
        }
        return FileVisitResult.TERMINATE;
      }
      String name = file.getFileName().toString();
      String relative = relative(file);
      if (BuildFiles.isBuildFile(name, relative)) {
        try {
          declared.put(relative, BuildFiles.read(file));
          buildFiles.add(relative);
        } catch (IOException | RuntimeException e) {
          problems.add(relative + " could not be read: " + e.getMessage());
        }
      } else if (name.endsWith(".java") || name.endsWith(".kt")) {
        if (source()) {
          javaImportsByFile.add(javaImports(file));
        }
      } else if (name.endsWith(".py")) {
        Path parent = root.relativize(file.getParent());
        if (name.equals("__init__.py")
            && parent.getNameCount() > 0
            && !parent.toString().isEmpty()) {
          pythonPackageDirs.add(parent.toString().replace('\\', '/'));
          pythonOwnModules.add(parent.getFileName().toString());
        } else {
          pythonOwnModules.add(name.substring(0, name.length() - 3));
        }
        if (source()) {
          pythonImportsByFile.add(pythonImports(file));
        }
      }
      return FileVisitResult.CONTINUE;
    }

    private boolean source() {
      if (sources >= maxSourceFiles) {
        if (!sourceLimitReported) {
          problems.add(
              "read the imports of the first " + maxSourceFiles + " source files only (the limit)");
          sourceLimitReported = true;
        }
        return false;
      }
      sources++;
      return true;
    }

    private String relative(Path file) {
      return root.relativize(file).toString().replace('\\', '/');
    }

    private BufferedReader reader(Path file) throws IOException {
      return new BufferedReader(
          new InputStreamReader(
              Files.newInputStream(file),
              StandardCharsets.UTF_8
                  .newDecoder()
                  .onMalformedInput(CodingErrorAction.REPLACE)
                  .onUnmappableCharacter(CodingErrorAction.REPLACE)));
    }

    /** The imports of a Java or Kotlin file: read up to its first declaration. */
    private List<String> javaImports(Path file) {
      List<String> imports = new ArrayList<>();
      int read = 0;
      boolean inComment = false;
      try (BufferedReader in = reader(file)) {
        for (String line = in.readLine(); line != null; line = in.readLine()) {
          read += line.length() + 1;
          if (read > maxSourceBytes) {
            break;
          }
          String s = line.strip();
          if (inComment) {
            inComment = !s.contains("*/");
            continue;
          }
          if (s.startsWith("/*")) {
            inComment = !s.contains("*/");
            continue;
          }
          if (s.isEmpty() || s.startsWith("//") || s.startsWith("@file:")) {
            continue;
          }
          Matcher pkg = JAVA_PACKAGE.matcher(s);
          if (pkg.find()) {
            javaPackages.add(pkg.group(1));
            continue;
          }
          Matcher imp = JAVA_IMPORT.matcher(s);
          if (imp.find()) {
            imports.add(imp.group(1));
            continue;
          }
          break; // the first declaration: no imports after it
        }
      } catch (IOException e) {
        problems.add(relative(file) + " could not be read: " + e.getMessage());
      }
      return imports;
    }

    /** The top modules a Python file imports (absolute imports only). */
    private List<String> pythonImports(Path file) {
      List<String> imports = new ArrayList<>();
      int read = 0;
      try (BufferedReader in = reader(file)) {
        for (String line = in.readLine(); line != null; line = in.readLine()) {
          read += line.length() + 1;
          if (read > maxSourceBytes) {
            break;
          }
          Matcher from = PYTHON_FROM.matcher(line);
          if (from.find()) {
            imports.add(top(from.group(1)));
            continue;
          }
          Matcher imp = PYTHON_IMPORT.matcher(line);
          if (imp.find()) {
            for (String part : imp.group(1).split(",")) {
              String module = part.strip().split("\\s+")[0];
              if (module.matches("[A-Za-z_][\\w.]*")) {
                imports.add(top(module));
              }
            }
          }
        }
      } catch (IOException e) {
        problems.add(relative(file) + " could not be read: " + e.getMessage());
      }
      return imports;
    }

    MiningReport report(Duration elapsed) {
      Set<String> tools = new LinkedHashSet<>();
      Set<String> modules = new LinkedHashSet<>();
      for (Map.Entry<String, BuildFiles.Declared> e : declared.entrySet()) {
        BuildFiles.Declared d = e.getValue();
        String dir = parentOf(e.getKey());
        String tool = d.tool();
        if (tool.equals("Maven") && wrapper(dir, "mvnw")) {
          tool = "Maven (wrapper)";
        } else if (tool.startsWith("Gradle (") && wrapper(dir, "gradlew")) {
          tool = tool.replace(")", ", wrapper)");
        }
        if (!tool.equals("Gradle version catalog")
            || tools.stream().noneMatch(t -> t.startsWith("Gradle"))) {
          tools.add(tool);
        }
        for (String module : d.modules()) {
          modules.add(dir.isEmpty() ? module : dir + "/" + module);
        }
      }
      tools.remove("Gradle version catalog");
      return new MiningReport(
          root,
          buildFiles,
          List.copyOf(tools),
          List.copyOf(modules),
          frameworks(),
          architectures(List.copyOf(modules)),
          topImports(),
          Math.min(files, maxFiles),
          sources,
          problems,
          elapsed);
    }

    /** Whether the build file's folder or the repository's root holds the wrapper script. */
    private boolean wrapper(String dir, String script) {
      return Files.exists(root.resolve(dir).resolve(script)) || Files.exists(root.resolve(script));
    }

    private boolean ownJava(String imported) {
      for (String p = imported; p.contains("."); p = p.substring(0, p.lastIndexOf('.'))) {
        if (javaPackages.contains(p)) {
          return true;
        }
      }
      return false;
    }

    /** Whether a dependency is on something this repository builds itself. */
    private boolean own(String ecosystem, String coordinate, Set<String> own) {
      return ecosystem.equals("java")
          ? own.stream()
              .anyMatch(o -> o.startsWith("java\u0000") && coordinate.startsWith(o.substring(5)))
          : own.contains(ecosystem + "\u0000" + coordinate);
    }

    private List<FrameworkUse> frameworks() {
      Set<String> own = new HashSet<>();
      declared.values().stream()
          .filter(d -> !d.own().isEmpty())
          .forEach(d -> own.add(d.ecosystem() + "\u0000" + d.own()));
      List<FrameworkUse> found = new ArrayList<>();
      for (Framework framework : FrameworkCatalog.ALL) {
        List<String> declaredIn = new ArrayList<>();
        int dependencies = 0;
        for (Map.Entry<String, BuildFiles.Declared> e : declared.entrySet()) {
          BuildFiles.Declared d = e.getValue();
          long n =
              d.dependencies().stream()
                  .filter(c -> framework.declaredBy(d.ecosystem(), c))
                  .filter(c -> !own(d.ecosystem(), c, own))
                  .count();
          if (n > 0) {
            declaredIn.add(e.getKey());
            dependencies += (int) n;
          }
        }
        int importingFiles = 0;
        int imports = 0;
        List<List<String>> byFile =
            framework.language().equals("java") ? javaImportsByFile : pythonImportsByFile;
        for (List<String> fileImports : byFile) {
          int n = 0;
          for (String imported : fileImports) {
            boolean ownImport =
                framework.language().equals("java")
                    ? ownJava(imported)
                    : pythonOwnModules.contains(imported);
            if (!ownImport && framework.imported(framework.language(), imported)) {
              n++;
            }
          }
          if (n > 0) {
            importingFiles++;
            imports += n;
          }
        }
        if (!declaredIn.isEmpty() || importingFiles > 0) {
          found.add(
              new FrameworkUse(
                  framework.name(),
                  framework.language(),
                  declaredIn,
                  dependencies,
                  importingFiles,
                  imports));
        }
      }
      found.sort(
          Comparator.comparingInt((FrameworkUse f) -> f.importingFiles() + f.dependencies())
              .reversed()
              .thenComparing(FrameworkUse::name));
      return found;
    }

    private List<ImportCount> topImports() {
      Map<String, Integer> counts = new HashMap<>();
      for (List<String> fileImports : javaImportsByFile) {
        Set<String> seen = new HashSet<>();
        for (String imported : fileImports) {
          if (!imported.startsWith("java.") && !ownJava(imported)) {
            seen.add("java\u0000" + javaTop(imported));
          }
        }
        seen.forEach(k -> counts.merge(k, 1, Integer::sum));
      }
      for (List<String> fileImports : pythonImportsByFile) {
        Set<String> seen = new HashSet<>();
        for (String module : fileImports) {
          if (!pythonOwnModules.contains(module) && !PYTHON_STANDARD_LIBRARY.contains(module)) {
            seen.add("python\u0000" + module);
          }
        }
        seen.forEach(k -> counts.merge(k, 1, Integer::sum));
      }
      return counts.entrySet().stream()
          .sorted(
              Map.Entry.<String, Integer>comparingByValue()
                  .reversed()
                  .thenComparing(Map.Entry.comparingByKey()))
          .limit(20)
          .map(
              e -> {
                String[] parts = e.getKey().split("\u0000");
                return new ImportCount(parts[0], parts[1], e.getValue());
              })
          .toList();
    }

    private List<ArchitectureHint> architectures(List<String> modules) {
      List<ArchitectureHint> hints = new ArrayList<>();
      if (modules.size() >= 2) {
        hints.add(
            new ArchitectureHint(
                "multi-module",
                "One build aggregating several modules",
                modules.size(),
                first(modules)));
      }
      List<String> roots = buildRoots();
      boolean workspace = declared.values().stream().anyMatch(BuildFiles.Declared::workspace);
      Set<String> ecosystems = new TreeSet<>();
      declared.values().forEach(d -> ecosystems.add(d.ecosystem()));
      if (workspace || roots.size() >= 2 || ecosystems.size() >= 2) {
        hints.add(
            new ArchitectureHint(
                "monorepo",
                "Several separately built projects in one repository",
                Math.max(roots.size(), ecosystems.size()),
                first(roots.stream().map(r -> r.isEmpty() ? "." : r).toList())));
      }
      List<String> packages = new ArrayList<>(new TreeSet<>(javaPackages));
      pythonPackageDirs.forEach(d -> packages.add(d.replace('/', '.')));
      Map<String, List<String>> byRole = new TreeMap<>();
      List<String> hexagonal = new ArrayList<>();
      Set<String> cleanLayers = new TreeSet<>();
      boolean ports = false;
      boolean adapters = false;
      for (String pkg : packages) {
        String[] segments = pkg.split("\\.");
        String role = LAYER_ROLES.get(segments[segments.length - 1]);
        if (role != null) {
          byRole.computeIfAbsent(role, r -> new ArrayList<>()).add(pkg);
        }
        boolean hex = false;
        for (String s : segments) {
          if (s.equals("port") || s.equals("ports")) {
            ports = true;
            hex = true;
          } else if (s.equals("adapter") || s.equals("adapters")) {
            adapters = true;
            hex = true;
          } else if (s.equals("domain") || s.equals("application") || s.equals("infrastructure")) {
            cleanLayers.add(s);
            hex = true;
          }
        }
        if (hex) {
          hexagonal.add(pkg);
        }
      }
      if (byRole.size() >= 3) {
        List<String> layered = byRole.values().stream().flatMap(List::stream).sorted().toList();
        hints.add(
            new ArchitectureHint(
                "layered",
                "Layered packages (" + String.join(", ", byRole.keySet()) + ")",
                layered.size(),
                first(layered)));
      }
      if ((ports && adapters) || cleanLayers.size() == 3) {
        hints.add(
            new ArchitectureHint(
                "hexagonal",
                ports && adapters
                    ? "Ports and adapters packages"
                    : "Domain, application and infrastructure packages",
                hexagonal.size(),
                first(hexagonal)));
      }
      return hints;
    }

    /**
     * Folders with a build file none of whose parent folders has a build file of the same
     * ecosystem: the separately built projects.
     */
    private List<String> buildRoots() {
      Map<String, Set<String>> dirsByEcosystem = new HashMap<>();
      declared.forEach(
          (file, d) ->
              dirsByEcosystem
                  .computeIfAbsent(d.ecosystem(), k -> new TreeSet<>())
                  .add(parentOf(file)));
      Set<String> roots = new TreeSet<>();
      for (Set<String> dirs : dirsByEcosystem.values()) {
        for (String dir : dirs) {
          boolean nested = false;
          for (String other : dirs) {
            if (!other.equals(dir) && (other.isEmpty() || dir.startsWith(other + "/"))) {
              nested = true;
              break;
            }
          }
          if (!nested) {
            roots.add(dir);
          }
        }
      }
      return List.copyOf(roots);
    }
  }

  private static String parentOf(String relative) {
    int slash = relative.lastIndexOf('/');
    return slash < 0 ? "" : relative.substring(0, slash);
  }

  private static String top(String module) {
    int dot = module.indexOf('.');
    return dot < 0 ? module : module.substring(0, dot);
  }

  /** The package an import is counted under: three segments for org/com/io/dev/net, else two. */
  private static String javaTop(String imported) {
    String[] segments = imported.split("\\.");
    int n = Set.of("org", "com", "io", "dev", "net", "ai", "co").contains(segments[0]) ? 3 : 2;
    // Drop the class name (an upper-case segment) so org.junit.Test counts under org.junit.
    List<String> kept = new ArrayList<>();
    for (String s : segments) {
      if (kept.size() == n || (!s.isEmpty() && Character.isUpperCase(s.charAt(0)))) {
        break;
      }
      kept.add(s);
    }
    return kept.isEmpty() ? imported : String.join(".", kept);
  }

  private static List<String> first(List<String> values) {
    return values.size() <= 10 ? values : values.subList(0, 10);
  }

  private static Map<String, String> layerRoles() {
    Map<String, String> roles = new HashMap<>();
    for (String s :
        List.of(
            "controller",
            "controllers",
            "web",
            "rest",
            "resource",
            "resources",
            "endpoint",
            "endpoints",
            "views",
            "ui",
            "handler",
            "handlers")) {
      roles.put(s, "presentation");
    }
    for (String s : List.of("service", "services", "usecase", "usecases")) {
      roles.put(s, "service");
    }
    for (String s : List.of("repository", "repositories", "dao", "persistence", "storage", "db")) {
      roles.put(s, "persistence");
    }
    for (String s : List.of("model", "models", "domain", "entity", "entities")) {
      roles.put(s, "domain");
    }
    return Map.copyOf(roles);
  }

  /** Limits of a {@link RepositoryMiner}, so a huge tree cannot take unbounded time. */
  public static final class Builder {
    private int maxFiles = 500_000;
    private int maxSourceFiles = 50_000;
    private int maxSourceBytes = 256 * 1024;

    private Builder() {}

    /** The most files walked (500,000 by default); mining stops there and says so. Positive. */
    public Builder maxFiles(int maxFiles) {
      if (maxFiles < 1) {
        throw new IllegalArgumentException("maxFiles must be positive, was " + maxFiles);
      }
      this.maxFiles = maxFiles;
      return this;
    }

    /** The most source files whose imports are read (50,000 by default). Positive. */
    public Builder maxSourceFiles(int maxSourceFiles) {
      if (maxSourceFiles < 1) {
        throw new IllegalArgumentException(
            "maxSourceFiles must be positive, was " + maxSourceFiles);
      }
      this.maxSourceFiles = maxSourceFiles;
      return this;
    }

    /** The most bytes read of one source file (256 KiB by default). Positive. */
    public Builder maxSourceBytes(int maxSourceBytes) {
      if (maxSourceBytes < 1) {
        throw new IllegalArgumentException(
            "maxSourceBytes must be positive, was " + maxSourceBytes);
      }
      this.maxSourceBytes = maxSourceBytes;
      return this;
    }

    /** The miner. */
    public RepositoryMiner build() {
      return new RepositoryMiner(this);
    }
  }
}
