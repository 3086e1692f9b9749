package dev.beca.core.learning;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * What {@link RepositoryMiner#mine} found in a repository.
 *
 * @param root the repository's folder, absolute
 * @param buildFiles the build files read, relative to the root
 * @param buildTools the build tools they belong to, e.g. {@code Maven}, {@code Gradle (Kotlin DSL)}
 * @param modules the modules the build files declare (Maven modules, Gradle includes, workspaces)
 * @param frameworks the frameworks found, the most used first
 * @param architectures the architectures the layout shows
 * @param topImports the packages outside the repository that most source files import
 * @param filesSeen how many files were walked
 * @param sourceFilesRead how many Java, Kotlin and Python sources were read for their imports
 * @param problems build files that could not be read, and limits reached; empty when none
 * @param elapsed how long mining took
 */
public record MiningReport(
    Path root,
    List<String> buildFiles,
    List<String> buildTools,
    List<String> modules,
    List<FrameworkUse> frameworks,
    List<ArchitectureHint> architectures,
    List<ImportCount> topImports,
    int filesSeen,
    int sourceFilesRead,
    List<String> problems,
    Duration elapsed) {

  /** Checks the components and copies the lists. */
  public MiningReport {
    Objects.requireNonNull(root, "root");
    buildFiles = List.copyOf(buildFiles);
    buildTools = List.copyOf(buildTools);
    modules = List.copyOf(modules);
    frameworks = List.copyOf(frameworks);
    architectures = List.copyOf(architectures);
    topImports = List.copyOf(topImports);
    problems = List.copyOf(problems);
    Objects.requireNonNull(elapsed, "elapsed");
  }

  /** Whether any build file was found; without one nothing is recorded. */
  public boolean hasBuildFile() {
    return !buildFiles.isEmpty();
  }

  /**
   * What the user should be told when there is nothing to record, or empty.
   *
   * @return the message, or an empty string when build files were found
   */
  public String message() {
    if (hasBuildFile()) {
      return "";
    }
    return "No build file (pom.xml, build.gradle, build.gradle.kts, settings.gradle, pyproject.toml,"
        + " setup.py, requirements.txt, package.json) was found in "
        + root
        + "; nothing was recorded. Point at the root folder of a Maven, Gradle, Python or"
        + " JavaScript project.";
  }

  /**
   * The patterns to record: one per framework, architecture and build tool, each with this
   * repository (and what was counted in it) as evidence. Empty without a build file.
   *
   * @return the patterns
   */
  public List<NewPattern> patterns() {
    if (!hasBuildFile()) {
      return List.of();
    }
    String repository = "repository:" + root;
    List<NewPattern> patterns = new ArrayList<>();
    for (FrameworkUse use : frameworks) {
      patterns.add(
          NewPattern.builder(PatternKind.FRAMEWORK, PatternSource.REPOSITORY)
              .taskType("framework")
              .solutionSummary(use.name() + " (" + use.language() + ")")
              .frameworks(List.of(use.name()))
              .evidence(
                  List.of(
                      repository
                          + " (declared in "
                          + use.declaredIn().size()
                          + " build files, "
                          + use.dependencies()
                          + " dependency entries; imported by "
                          + use.importingFiles()
                          + " files, "
                          + use.imports()
                          + " imports)"))
              .build());
    }
    for (ArchitectureHint hint : architectures) {
      patterns.add(
          NewPattern.builder(PatternKind.ARCHITECTURE, PatternSource.REPOSITORY)
              .taskType("architecture")
              .architectureType(hint.type())
              .solutionSummary(hint.summary())
              .frameworks(frameworks.stream().limit(5).map(FrameworkUse::name).toList())
              .evidence(
                  List.of(
                      repository
                          + " ("
                          + hint.count()
                          + ": "
                          + String.join(", ", hint.examples())
                          + ")"))
              .build());
    }
    for (String tool : buildTools) {
      patterns.add(
          NewPattern.builder(PatternKind.BUILD, PatternSource.REPOSITORY)
              .taskType("build")
              .solutionSummary(tool + " build")
              .evidence(
                  List.of(
                      repository
                          + " ("
                          + buildFiles.size()
                          + " build files, "
                          + modules.size()
                          + " modules)"))
              .build());
    }
    return patterns;
  }

  /** A few lines for a terminal. */
  public String describe() {
    if (!hasBuildFile()) {
      return message();
    }
    StringBuilder out = new StringBuilder();
    out.append("Build files: ").append(buildFiles.size());
    out.append(" (").append(String.join(", ", buildTools)).append(")\n");
    out.append("Modules: ").append(modules.size()).append('\n');
    out.append("Frameworks: ")
        .append(
            frameworks.isEmpty()
                ? "none recognised"
                : frameworks.stream()
                    .map(
                        f ->
                            f.name()
                                + " ("
                                + f.declaredIn().size()
                                + " build files, "
                                + f.importingFiles()
                                + " importing files)")
                    .collect(Collectors.joining(", ")))
        .append('\n');
    out.append("Architecture: ")
        .append(
            architectures.isEmpty()
                ? "nothing recognised"
                : architectures.stream()
                    .map(a -> a.type() + " (" + a.count() + ")")
                    .collect(Collectors.joining(", ")))
        .append('\n');
    out.append("Top imports: ")
        .append(
            topImports.stream()
                .limit(8)
                .map(i -> i.packageName() + " " + i.files())
                .collect(Collectors.joining(", ")))
        .append('\n');
    out.append("Files seen: ")
        .append(filesSeen)
        .append(", sources read: ")
        .append(sourceFilesRead)
        .append(", in ")
        .append(elapsed.toMillis())
        .append(" ms");
    for (String problem : problems) {
      out.append("\nProblem: ").append(problem);
    }
    return out.toString();
  }
}
