package dev.beca.app.internal;

import dev.beca.core.NotFoundException;
import dev.beca.core.learning.Lesson;
import dev.beca.core.learning.LessonAddition;
import dev.beca.core.learning.LessonCategory;
import dev.beca.core.learning.LessonHit;
import dev.beca.core.learning.MergedText;
import dev.beca.core.learning.NewLesson;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code beca lessons list|search|show|forget|add|split}: the lessons learned, from the command
 * line. Exit codes: 0 done, 1 a storage failure or an unknown id, 2 invalid input.
 */
@Command(
    name = "lessons",
    mixinStandardHelpOptions = true,
    description = "Lessons learned: list, search, show, forget, add, split.",
    footer = {"", "Exit codes: 0 done, 1 a storage failure or an unknown id, 2 invalid input."})
public final class LessonsCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /**
   * The {@code lessons} command with its subcommands.
   *
   * @param startup the start-up path: terminal, settings and knowledge base
   * @return the configured command line, ready to be added to {@code beca}
   */
  public static CommandLine create(Startup startup) {
    CommandLine lessons = new CommandLine(new LessonsCommand());
    lessons.addSubcommand(new ListLessons(startup));
    lessons.addSubcommand(new SearchLessons(startup));
    lessons.addSubcommand(new ShowLesson(startup));
    lessons.addSubcommand(new ForgetLesson(startup));
    lessons.addSubcommand(new AddLesson(startup));
    lessons.addSubcommand(new SplitLesson(startup));
    return lessons;
  }

  /** Without a subcommand, show the usage. */
  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  private static final TextTable TABLE =
      TextTable.builder()
          .left("ID", 6)
          .left("CATEGORY", 13)
          .left("USED", 5)
          .left("CONF", 5)
          .left("LESSON")
          .build();

  private static final int TEXT_CHARS = 100;

  /** What every subcommand shares: options, {@code --json}, opening the knowledge base. */
  abstract static class LessonsSubcommand extends KnowledgeBaseSubcommand {
    @Option(names = "--json", description = "Print the result as one JSON document.")
    boolean json;

    LessonsSubcommand(Startup startup) {
      super(startup);
    }

    void table(PrintWriter out, List<Lesson> lessons) {
      out.println(TABLE.header());
      for (Lesson l : lessons) {
        out.println(
            TABLE.row(
                l.id(),
                l.category(),
                l.reuseCount(),
                String.format(Locale.ROOT, "%.2f", l.confidence()),
                shorten(Terminal.printableLine(l.text()))));
      }
    }
  }

  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "List the most useful lessons: most reused, then most trusted, then newest.")
  static final class ListLessons extends LessonsSubcommand {
    @Option(names = "--category", paramLabel = "C", description = "Only this category.")
    String category;

    @Option(
        names = "--top",
        paramLabel = "N",
        defaultValue = "20",
        description = "Show at most N lessons (default 20).")
    int top;

    ListLessons(Startup startup) {
      super(startup);
    }

    @Override
    int execute(KnowledgeBase kb, PrintWriter out) {
      if (top < 1) {
        throw new dev.beca.core.InvalidInputException(
            "--top must be positive, was " + top + ".", "Give a number of lessons.");
      }
      List<Lesson> lessons = kb.lessons().top(Optional.ofNullable(category), top);
      if (json) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("category", category == null ? null : LessonCategory.check(category));
        document.put("lessons", lessons.stream().map(LessonsCommand::jsonLesson).toList());
        out.println(BenchmarkCommand.json(document));
      } else if (lessons.isEmpty()) {
        out.println(
            category == null
                ? "No lessons yet. Add one with: beca lessons add --category C TEXT"
                : "No lessons in category " + LessonCategory.check(category) + ".");
      } else {
        table(out, lessons);
      }
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "search",
      mixinStandardHelpOptions = true,
      description = "Find lessons by keyword and meaning, best first.")
  static final class SearchLessons extends LessonsSubcommand {
    @Parameters(arity = "1..*", paramLabel = "QUERY", description = "What to look for.")
    List<String> words;

    @Option(
        names = "--limit",
        paramLabel = "N",
        defaultValue = "10",
        description = "Show at most N lessons (default 10).")
    int limit;

    SearchLessons(Startup startup) {
      super(startup);
    }

    @Override
    boolean needsEmbeddings() {
      return true;
    }

    @Override
    int execute(KnowledgeBase kb, PrintWriter out) {
      if (limit < 1) {
        throw new dev.beca.core.InvalidInputException(
            "--limit must be positive, was " + limit + ".", "Give a number of lessons.");
      }
      String query = String.join(" ", words);
      List<LessonHit> hits = kb.lessons().search(query, limit);
      if (json) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("query", query);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (LessonHit hit : hits) {
          Map<String, Object> row = jsonLesson(hit.lesson());
          row.put("score", hit.score());
          rows.add(row);
        }
        document.put("hits", rows);
        out.println(BenchmarkCommand.json(document));
      } else if (hits.isEmpty()) {
        out.println("No lessons found.");
      } else {
        table(out, hits.stream().map(LessonHit::lesson).toList());
      }
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "show",
      mixinStandardHelpOptions = true,
      description =
          "Show a lesson whole: evidence, use, the texts merged into it and the lessons it"
              + " replaced or that replaced it.")
  static final class ShowLesson extends LessonsSubcommand {
    @Parameters(paramLabel = "ID", description = "The lesson id.")
    long id;

    ShowLesson(Startup startup) {
      super(startup);
    }

    @Override
    int execute(KnowledgeBase kb, PrintWriter out) {
      Lesson lesson = kb.lessons().find(id).orElseThrow(() -> unknown(id));
      List<Lesson> history = kb.lessons().history(id);
      List<MergedText> merged = kb.lessons().mergedInto(id);
      if (json) {
        Map<String, Object> document = jsonLesson(lesson);
        document.put("merged", merged.stream().map(LessonsCommand::jsonMerged).toList());
        document.put("history", history.stream().map(LessonsCommand::jsonLesson).toList());
        out.println(BenchmarkCommand.json(document));
        return ExitCodes.OK;
      }
      out.println(
          "Lesson "
              + lesson.id()
              + " ("
              + lesson.category()
              + ", from "
              + lesson.source().name().toLowerCase(Locale.ROOT)
              + ")"
              + (lesson.isSuperseded()
                  ? ", superseded by lesson " + lesson.supersededBy().getAsLong()
                  : ""));
      out.println(Terminal.printable(lesson.text()));
      out.println(
          String.format(
              Locale.ROOT,
              "Confidence %.2f, used %d time%s%s; created %s, updated %s",
              lesson.confidence(),
              lesson.reuseCount(),
              lesson.reuseCount() == 1 ? "" : "s",
              lesson.lastUsedAt().map(t -> " (last " + t + ")").orElse(""),
              lesson.createdAt(),
              lesson.updatedAt()));
      out.println(
          "Evidence: "
              + (lesson.evidence().isEmpty()
                  ? "none"
                  : Terminal.printableLine(String.join(", ", lesson.evidence()))));
      if (!merged.isEmpty()) {
        out.println("Merged into it (beca lessons split M makes text M a lesson of its own):");
        for (MergedText m : merged) {
          out.println("  " + m.id() + " " + shorten(Terminal.printableLine(m.text())));
        }
      }
      if (history.size() > 1) {
        out.println("History (oldest first):");
        for (Lesson l : history) {
          out.println(
              (l.id() == lesson.id() ? "* " : "  ")
                  + l.id()
                  + " "
                  + shorten(Terminal.printableLine(l.text())));
        }
      }
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "forget",
      mixinStandardHelpOptions = true,
      description = "Remove a lesson and the lessons it superseded.")
  static final class ForgetLesson extends LessonsSubcommand {
    @Parameters(paramLabel = "ID", description = "The lesson id.")
    long id;

    ForgetLesson(Startup startup) {
      super(startup);
    }

    @Override
    int execute(KnowledgeBase kb, PrintWriter out) {
      if (kb.lessons().find(id).isEmpty()) {
        throw unknown(id);
      }
      List<Long> removed = kb.lessons().forget(id);
      if (json) {
        out.println(BenchmarkCommand.json(Map.of("forgotten", removed)));
      } else {
        out.println(
            "Forgot lesson "
                + id
                + (removed.size() > 1
                    ? " and the "
                        + (removed.size() - 1)
                        + " it superseded "
                        + removed.subList(1, removed.size())
                    : "")
                + ".");
      }
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "add",
      mixinStandardHelpOptions = true,
      description = {
        "Add a lesson by hand. A near-duplicate of a stored lesson merges into it; a lesson",
        "that contradicts one supersedes it (the old one is kept as history)."
      })
  static final class AddLesson extends LessonsSubcommand {
    @Option(
        names = "--category",
        paramLabel = "C",
        required = true,
        description =
            "debugging, architecture, testing, performance, tooling, general, or your own word.")
    String category;

    @Parameters(arity = "1..*", paramLabel = "TEXT", description = "What was learned.")
    List<String> words;

    AddLesson(Startup startup) {
      super(startup);
    }

    @Override
    boolean needsEmbeddings() {
      return true;
    }

    @Override
    int execute(KnowledgeBase kb, PrintWriter out) {
      LessonAddition added = kb.lessons().add(NewLesson.of(category, String.join(" ", words)));
      if (json) {
        out.println(BenchmarkCommand.json(jsonAddition(added)));
        return ExitCodes.OK;
      }
      long id = added.lesson().id();
      out.println(
          switch (added.outcome()) {
            case ADDED -> "Added lesson " + id + ".";
            case MERGED ->
                "Merged into lesson "
                    + id
                    + ", which says the same: "
                    + shorten(Terminal.printableLine(added.lesson().text()))
                    + keptAs(added);
            case SUPERSEDED ->
                "Added lesson "
                    + id
                    + "; it contradicts lesson "
                    + added.previous().getAsLong()
                    + ", which is kept as history (beca lessons show "
                    + id
                    + ").";
          });
      return ExitCodes.OK;
    }
  }

  /** Where a merged text is kept, for undoing the merge; empty for an exact repeat. */
  private static String keptAs(LessonAddition added) {
    if (added.mergedText().isEmpty()) {
      return "";
    }
    long m = added.mergedText().getAsLong();
    return System.lineSeparator()
        + "Your text is kept as merged text "
        + m
        + "; if it says something else, make it a lesson of its own: beca lessons split "
        + m;
  }

  @Command(
      name = "split",
      mixinStandardHelpOptions = true,
      description = {
        "Undo a merge that should not have happened: a text merged into a lesson (beca lessons",
        "show ID lists them) becomes a lesson of its own, and the lesson loses what the merge",
        "gave it (the evidence it added and the confidence it gained)."
      })
  static final class SplitLesson extends LessonsSubcommand {
    @Parameters(paramLabel = "MERGED_ID", description = "The merged text's id.")
    long mergedId;

    SplitLesson(Startup startup) {
      super(startup);
    }

    @Override
    boolean needsEmbeddings() {
      return true;
    }

    @Override
    int execute(KnowledgeBase kb, PrintWriter out) {
      LessonAddition split = kb.lessons().split(mergedId);
      if (json) {
        out.println(BenchmarkCommand.json(jsonAddition(split)));
        return ExitCodes.OK;
      }
      long id = split.lesson().id();
      out.println(
          split.outcome() == LessonAddition.Outcome.ADDED
              ? "Added lesson " + id + " from merged text " + mergedId + "."
              : "Merged text "
                  + mergedId
                  + " is lesson "
                  + id
                  + "'s text by now: its evidence joined that lesson.");
      return ExitCodes.OK;
    }
  }

  private static NotFoundException unknown(long id) {
    return new NotFoundException(
        "There is no lesson " + id + ".", "List the lessons with: beca lessons list");
  }

  static Map<String, Object> jsonLesson(Lesson l) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("id", l.id());
    row.put("text", l.text());
    row.put("category", l.category());
    row.put("source", l.source().name().toLowerCase(Locale.ROOT));
    row.put("evidence", l.evidence());
    row.put("confidence", l.confidence());
    row.put("reuseCount", l.reuseCount());
    row.put("lastUsedAt", l.lastUsedAt().map(Object::toString).orElse(null));
    row.put("createdAt", l.createdAt().toString());
    row.put("updatedAt", l.updatedAt().toString());
    row.put("supersededBy", l.supersededBy().isPresent() ? l.supersededBy().getAsLong() : null);
    return row;
  }

  private static Map<String, Object> jsonAddition(LessonAddition added) {
    Map<String, Object> document = new LinkedHashMap<>();
    document.put("outcome", added.outcome().name().toLowerCase(Locale.ROOT));
    document.put("previous", added.previous().isPresent() ? added.previous().getAsLong() : null);
    document.put(
        "mergedText", added.mergedText().isPresent() ? added.mergedText().getAsLong() : null);
    document.put("lesson", jsonLesson(added.lesson()));
    return document;
  }

  static Map<String, Object> jsonMerged(MergedText m) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("id", m.id());
    row.put("lessonId", m.lessonId());
    row.put("text", m.text());
    row.put("category", m.category());
    row.put("source", m.source().name().toLowerCase(Locale.ROOT));
    row.put("evidence", m.evidence());
    row.put("confidence", m.confidence());
    row.put("mergedAt", m.mergedAt().toString());
    return row;
  }

  private static String shorten(String text) {
    return text.length() <= TEXT_CHARS ? text : text.substring(0, TEXT_CHARS - 3) + "...";
  }
}
