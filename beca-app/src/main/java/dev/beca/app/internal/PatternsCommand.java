package dev.beca.app.internal;

import dev.beca.core.InvalidInputException;
import dev.beca.core.NotFoundException;
import dev.beca.core.learning.MiningReport;
import dev.beca.core.learning.NewPattern;
import dev.beca.core.learning.Pattern;
import dev.beca.core.learning.PatternKind;
import dev.beca.core.learning.RepositoryMiner;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code beca patterns list|search|show|mine}: the patterns in the knowledge base, and mining a
 * repository for architecture, framework and build patterns.
 */
@Command(
    name = "patterns",
    mixinStandardHelpOptions = true,
    description = {
      "Patterns BECA has learned: solutions that worked, and the architectures, frameworks and",
      "build setups of repositories ('mine PATH' reads a repository; no model needed)."
    },
    footer = {
      "",
      "Exit codes: 0 done, 1 a storage failure, an unknown id or nothing to mine, 2 invalid input."
    })
public final class PatternsCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  private static final TextTable TABLE =
      TextTable.builder()
          .left("ID", 6)
          .left("KIND", 12)
          .left("SEEN", 5)
          .left("SOURCE", 10)
          .left("PATTERN")
          .build();

  /**
   * The {@code patterns} command with its subcommands.
   *
   * @param startup the start-up path: terminal, settings and knowledge base
   * @return the configured command line
   */
  public static CommandLine create(Startup startup) {
    CommandLine patterns = new CommandLine(new PatternsCommand());
    patterns.addSubcommand(new ListPatterns(startup));
    patterns.addSubcommand(new SearchPatterns(startup));
    patterns.addSubcommand(new ShowPattern(startup));
    patterns.addSubcommand(new MinePatterns(startup));
    return patterns;
  }

  /** Without a subcommand, show the usage. */
  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** What every subcommand shares: options, {@code --json}, opening the knowledge base. */
  abstract static class PatternsSubcommand extends KnowledgeBaseSubcommand {
    @Option(names = "--json", description = "Print the result as one JSON document.")
    boolean json;

    PatternsSubcommand(Startup startup) {
      super(startup);
    }

    void table(List<Pattern> patterns, PrintWriter out) {
      out.println(TABLE.header());
      for (Pattern p : patterns) {
        out.println(
            TABLE.row(
                p.id(),
                p.kind().word(),
                p.occurrences(),
                p.source().word(),
                Terminal.printableLine(p.title())));
      }
    }

    static void limit(int limit) {
      if (limit < 1) {
        throw new InvalidInputException(
            "--limit must be positive, was " + limit + ".", "Give a number of patterns.");
      }
    }
  }

  static Map<String, Object> json(Pattern p) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("id", p.id());
    row.put("kind", p.kind().word());
    row.put("taskType", p.taskType());
    row.put("request", p.request());
    row.put("solutionSummary", p.solutionSummary());
    row.put("toolsUsed", p.toolsUsed());
    row.put("architectureType", p.architectureType());
    row.put("frameworks", p.frameworks());
    row.put("performanceNotes", p.performanceNotes());
    row.put("source", p.source().word());
    row.put("evidence", p.evidence());
    row.put("occurrences", p.occurrences());
    row.put("createdAt", p.createdAt().toString());
    row.put("updatedAt", p.updatedAt().toString());
    return row;
  }

  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "List patterns, the most often seen first.")
  static final class ListPatterns extends PatternsSubcommand {
    @Option(
        names = "--kind",
        paramLabel = "KIND",
        description = "Only this kind: solution, architecture, framework or build.")
    String kind;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "50", description = "At most N.")
    int limit;

    ListPatterns(Startup startup) {
      super(startup);
    }

    @Override
    void validate() {
      limit(limit);
      if (kind != null) {
        PatternKind.parse(kind);
      }
    }

    @Override
    int execute(KnowledgeBase kb, PrintWriter out) {
      Optional<PatternKind> only = Optional.ofNullable(kind).map(PatternKind::parse);
      List<Pattern> patterns = kb.patterns().list(only, limit);
      if (json) {
        out.println(BenchmarkCommand.json(patterns.stream().map(PatternsCommand::json).toList()));
      } else if (patterns.isEmpty()) {
        out.println(
            "No patterns yet. Mine a repository with: beca patterns mine PATH"
                + " (or the assistant saves them with its save_pattern tool).");
      } else {
        table(patterns, out);
      }
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "search",
      mixinStandardHelpOptions = true,
      description = "Find patterns by keywords; those matching more of the words first.")
  static final class SearchPatterns extends PatternsSubcommand {
    @Parameters(paramLabel = "QUERY", arity = "1..*", description = "The words to look for.")
    List<String> words;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "20", description = "At most N.")
    int limit;

    SearchPatterns(Startup startup) {
      super(startup);
    }

    @Override
    void validate() {
      limit(limit);
    }

    @Override
    int execute(KnowledgeBase kb, PrintWriter out) {
      List<Pattern> found = kb.patterns().search(String.join(" ", words), limit);
      if (json) {
        out.println(BenchmarkCommand.json(found.stream().map(PatternsCommand::json).toList()));
      } else if (found.isEmpty()) {
        out.println(
            "No pattern matches '" + Terminal.printableLine(String.join(" ", words)) + "'.");
      } else {
        table(found, out);
      }
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "show",
      mixinStandardHelpOptions = true,
      description = "Show one pattern with every field.")
  static final class ShowPattern extends PatternsSubcommand {
    @Parameters(paramLabel = "ID", description = "The pattern's id, as listed.")
    long id;

    ShowPattern(Startup startup) {
      super(startup);
    }

    @Override
    int execute(KnowledgeBase kb, PrintWriter out) {
      Pattern p =
          kb.patterns()
              .get(id)
              .orElseThrow(
                  () ->
                      new NotFoundException(
                          "There is no pattern " + id + ".", "List them with: beca patterns list"));
      if (json) {
        out.println(BenchmarkCommand.json(json(p)));
        return ExitCodes.OK;
      }
      out.println(
          "Pattern " + p.id() + " (" + p.kind().word() + ", from " + p.source().word() + ")");
      line(out, "Task type", p.taskType());
      line(out, "Request", p.request());
      line(out, "Solution", p.solutionSummary());
      line(out, "Tools", String.join(", ", p.toolsUsed()));
      line(out, "Architecture", p.architectureType());
      line(out, "Frameworks", String.join(", ", p.frameworks()));
      line(out, "Performance", p.performanceNotes());
      out.println(
          "Seen: "
              + p.occurrences()
              + (p.occurrences() == 1 ? " time" : " times")
              + ", first "
              + p.createdAt()
              + ", last "
              + p.updatedAt());
      if (!p.evidence().isEmpty()) {
        out.println("Evidence:");
        p.evidence().forEach(e -> out.println("  " + Terminal.printableLine(e)));
      }
      return ExitCodes.OK;
    }

    private static void line(PrintWriter out, String label, String value) {
      if (!value.isEmpty()) {
        out.println(label + ": " + Terminal.printable(value));
      }
    }
  }

  @Command(
      name = "mine",
      mixinStandardHelpOptions = true,
      description = {
        "Read a repository's build files (pom.xml, Gradle, pyproject.toml, requirements, package.json),",
        "module layout and imports, and record its architecture, framework and build patterns."
      })
  static final class MinePatterns extends PatternsSubcommand {
    @Parameters(paramLabel = "PATH", description = "The repository's root folder.")
    Path path;

    MinePatterns(Startup startup) {
      super(startup);
    }

    @Override
    int execute(KnowledgeBase kb, PrintWriter out) {
      MiningReport report = RepositoryMiner.builder().build().mine(path);
      List<Pattern> recorded = new ArrayList<>();
      int fresh = 0;
      for (NewPattern pattern : report.patterns()) {
        Pattern saved = kb.patterns().save(pattern);
        recorded.add(saved);
        if (saved.occurrences() == 1 && saved.createdAt().equals(saved.updatedAt())) {
          fresh++;
        }
      }
      if (json) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("root", report.root().toString());
        document.put("message", report.message());
        document.put("buildFiles", report.buildFiles());
        document.put("buildTools", report.buildTools());
        document.put("modules", report.modules());
        document.put("frameworks", report.frameworks());
        document.put("architectures", report.architectures());
        document.put("topImports", report.topImports());
        document.put("filesSeen", report.filesSeen());
        document.put("sourceFilesRead", report.sourceFilesRead());
        document.put("problems", report.problems());
        document.put("elapsedMillis", report.elapsed().toMillis());
        document.put("recorded", recorded.stream().map(PatternsCommand::json).toList());
        out.println(BenchmarkCommand.json(document));
      } else if (report.hasBuildFile()) {
        out.println(Terminal.printable(report.describe()));
        out.println(
            "Recorded "
                + recorded.size()
                + " patterns ("
                + fresh
                + " new, "
                + (recorded.size() - fresh)
                + " seen before). List them with: beca patterns list");
      }
      if (!report.hasBuildFile()) {
        terminal.err().println("beca: " + Terminal.printableLine(report.message()));
        return ExitCodes.FAILURE;
      }
      return ExitCodes.OK;
    }
  }
}
