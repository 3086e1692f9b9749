package dev.beca.app.internal;

import dev.beca.core.InvalidInputException;
import dev.beca.core.conversation.ConversationMessage;
import dev.beca.core.conversation.ConversationThread;
import dev.beca.core.conversation.MessageRole;
import dev.beca.core.conversation.SearchFilter;
import dev.beca.core.conversation.SearchHit;
import dev.beca.core.memory.SummaryResult;
import dev.beca.core.memory.ThreadSummarizer;
import dev.beca.core.model.ModelRole;
import dev.beca.models.ModelManager;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code beca threads list|show|new|link|summarize|search}: threads of the conversation memory from
 * the command line. Exit codes: 0 done, 1 a model or storage failure or an unknown id, 2 invalid
 * input.
 */
@Command(
    name = "threads",
    mixinStandardHelpOptions = true,
    description = "Threads of the conversation memory: list, show, new, link, summarize, search.",
    footer = {
      "",
      "Exit codes: 0 done, 1 a model or storage failure or an unknown id, 2 invalid input."
    })
public final class ThreadsCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /**
   * The {@code threads} command with its subcommands.
   *
   * @param startup the start-up path: terminal, settings and knowledge base
   * @return the configured command line, ready to be added to {@code beca}
   */
  public static CommandLine create(Startup startup) {
    CommandLine threads = new CommandLine(new ThreadsCommand());
    threads.addSubcommand(new ListThreads(startup));
    threads.addSubcommand(new ShowThread(startup));
    threads.addSubcommand(new NewThread(startup));
    threads.addSubcommand(new LinkMessage(startup));
    threads.addSubcommand(new SummarizeThread(startup));
    threads.addSubcommand(new SearchHistory(startup));
    return threads;
  }

  /** Without a subcommand, show the usage. */
  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** What every subcommand shares: {@link KnowledgeBaseSubcommand}. */
  abstract static class ThreadsSubcommand extends KnowledgeBaseSubcommand {
    ThreadsSubcommand(Startup startup) {
      super(startup);
    }
  }

  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "List threads, most recently active first.")
  static final class ListThreads extends ThreadsSubcommand {
    private static final TextTable TABLE =
        TextTable.builder()
            .left("ID", 6)
            .left("MESSAGES", 8)
            .left("LAST ACTIVITY", 24)
            .left("NAME")
            .build();

    ListThreads(Startup startup) {
      super(startup);
    }

    @Override
    int execute(KnowledgeBase kb, PrintWriter out) {
      List<ConversationThread> threads = kb.threads().list();
      if (threads.isEmpty()) {
        out.println("No threads yet. Create one with: beca threads new NAME");
        return 0;
      }
      out.println(TABLE.header());
      for (ConversationThread t : threads) {
        out.println(TABLE.row(t.id(), t.messageCount(), t.lastActivityAt(), t.name()));
      }
      return 0;
    }
  }

  @Command(
      name = "show",
      mixinStandardHelpOptions = true,
      description = "Show a thread's summary and every message in conversation order.")
  static final class ShowThread extends ThreadsSubcommand {
    @Parameters(paramLabel = "ID", description = "The thread id.")
    long threadId;

    ShowThread(Startup startup) {
      super(startup);
    }

    @Override
    int execute(KnowledgeBase kb, PrintWriter out) {
      List<ConversationMessage> messages = kb.threads().messages(threadId);
      ConversationThread thread = kb.threads().find(threadId).orElseThrow();
      out.println(
          "Thread "
              + thread.id()
              + ": "
              + Terminal.printableLine(thread.name())
              + " ("
              + messages.size()
              + " messages)");
      kb.threads()
          .summary(threadId)
          .ifPresent(
              s ->
                  out.println(
                      "Summary ("
                          + s.kind().name().toLowerCase(Locale.ROOT)
                          + ", through #"
                          + s.throughMessageId()
                          + "):\n"
                          + Terminal.printable(s.content())));
      for (ConversationMessage m : messages) {
        String reply =
            m.parentId().isPresent() ? " (reply to #" + m.parentId().getAsLong() + ")" : "";
        out.println(
            "#"
                + m.id()
                + " ["
                + m.createdAt()
                + "] "
                + m.role().name().toLowerCase(Locale.ROOT)
                + reply
                + ": "
                + Terminal.printable(m.content()));
      }
      return 0;
    }
  }

  @Command(
      name = "new",
      mixinStandardHelpOptions = true,
      description = "Create a thread and print its id.")
  static final class NewThread extends ThreadsSubcommand {
    @Parameters(paramLabel = "NAME", arity = "1..*", description = "The thread's name.")
    List<String> name;

    NewThread(Startup startup) {
      super(startup);
    }

    @Override
    int execute(KnowledgeBase kb, PrintWriter out) {
      ConversationThread thread = kb.threads().create(String.join(" ", name));
      out.println(thread.id());
      return 0;
    }
  }

  @Command(
      name = "link",
      mixinStandardHelpOptions = true,
      description = "Put a message into a thread.")
  static final class LinkMessage extends ThreadsSubcommand {
    @Parameters(index = "0", paramLabel = "MESSAGE_ID", description = "The message id.")
    long messageId;

    @Parameters(index = "1", paramLabel = "THREAD_ID", description = "The thread id.")
    long threadId;

    LinkMessage(Startup startup) {
      super(startup);
    }

    @Override
    int execute(KnowledgeBase kb, PrintWriter out) {
      kb.threads().link(messageId, threadId);
      out.println("Message " + messageId + " is now in thread " + threadId + ".");
      return 0;
    }
  }

  @Command(
      name = "summarize",
      mixinStandardHelpOptions = true,
      description = {
        "Bring a thread's summary up to date with the general model.",
        "Without a model server, an extractive summary (clearly marked) is stored instead."
      })
  static final class SummarizeThread extends ThreadsSubcommand {
    @Parameters(paramLabel = "ID", description = "The thread id.")
    long threadId;

    SummarizeThread(Startup startup) {
      super(startup);
    }

    @Override
    boolean needsModels() {
      return true;
    }

    @Override
    int execute(KnowledgeBase kb, PrintWriter out) {
      // The same gateway as the chat: the general role's active model, fallbacks, retries, error
      // log.
      ModelManager models = app.models();
      SummaryResult result =
          ThreadSummarizer.builder()
              .threads(kb.threads())
              .models(models.gateway())
              .build()
              .summarize(threadId);
      result
          .fallbackReason()
          .ifPresent(
              reason ->
                  terminal
                      .err()
                      .println(
                          "beca: no summary from "
                              + models.gateway().target(ModelRole.GENERAL).label()
                              + ": "
                              + reason
                              + " Stored an extractive summary instead; run this again when the model server is up."));
      if (result.newMessages() == 0) {
        out.println("The summary was already up to date.");
      }
      out.println(result.summary().content());
      return 0;
    }
  }

  @Command(
      name = "search",
      mixinStandardHelpOptions = true,
      description = "Search the history by keyword (FTS5 syntax), meaning, or both (default).")
  static final class SearchHistory extends ThreadsSubcommand {
    @Parameters(paramLabel = "QUERY", arity = "1..*", description = "What to look for.")
    List<String> query;

    @Option(
        names = "--mode",
        paramLabel = "MODE",
        defaultValue = "hybrid",
        description = "hybrid (default), keyword or semantic.")
    String mode;

    @Option(names = "--thread", paramLabel = "ID", description = "Only this thread.")
    Long threadId;

    @Option(names = "--session", paramLabel = "ID", description = "Only this session.")
    String sessionId;

    @Option(
        names = "--role",
        paramLabel = "ROLE",
        description = "Only user, assistant or system messages.")
    String role;

    @Option(
        names = "--since",
        paramLabel = "TIME",
        description = "Only messages at or after this ISO-8601 instant.")
    String since;

    @Option(
        names = "--until",
        paramLabel = "TIME",
        description = "Only messages before this ISO-8601 instant.")
    String until;

    @Option(
        names = "--limit",
        paramLabel = "N",
        defaultValue = "10",
        description = "How many hits (default 10).")
    int limit;

    SearchHistory(Startup startup) {
      super(startup);
    }

    @Override
    boolean needsEmbeddings() {
      return !"keyword".equals(mode);
    }

    @Override
    int execute(KnowledgeBase kb, PrintWriter out) {
      SearchFilter filter = SearchFilter.all();
      if (threadId != null) {
        filter = filter.thread(threadId);
      }
      if (sessionId != null) {
        filter = filter.session(sessionId);
      }
      if (role != null) {
        filter =
            filter.role(
                parse(
                    role,
                    r -> MessageRole.valueOf(r.toUpperCase(Locale.ROOT)),
                    "--role",
                    "user, assistant or system"));
      }
      if (since != null || until != null) {
        filter =
            filter.between(
                since == null
                    ? null
                    : parse(
                        since, Instant::parse, "--since", "an instant like 2026-01-31T12:00:00Z"),
                until == null
                    ? null
                    : parse(
                        until, Instant::parse, "--until", "an instant like 2026-01-31T12:00:00Z"));
      }
      if (limit < 1) {
        throw new InvalidInputException(
            "--limit must be positive, was " + limit + ".", "Give a number of hits.");
      }
      String text = String.join(" ", query);
      if (needsEmbeddings() && !kb.awaitEmbeddings(Duration.ofSeconds(30))) {
        terminal
            .err()
            .println("beca: some messages are not embedded yet; semantic results may miss them.");
      }
      List<SearchHit> hits =
          switch (mode) {
            case "keyword" -> kb.search().keyword(text, filter, limit);
            case "semantic" -> kb.search().semantic(text, filter, limit);
            case "hybrid" -> kb.search().hybrid(text, filter, limit);
            default ->
                throw new InvalidInputException(
                    "Unknown search mode '" + mode + "'.",
                    "Use --mode hybrid, keyword or semantic.");
          };
      if (hits.isEmpty()) {
        out.println("No messages match.");
      }
      for (SearchHit hit : hits) {
        ConversationMessage m = hit.message();
        String thread = m.threadId().isPresent() ? " thread " + m.threadId().getAsLong() : "";
        out.printf(
            Locale.ROOT,
            "#%d%s [%s] %s (%.3f): %s%n",
            m.id(),
            thread,
            m.createdAt(),
            m.role().name().toLowerCase(Locale.ROOT),
            hit.score(),
            Terminal.printableLine(hit.snippet()));
      }
      return 0;
    }

    private static <T> T parse(
        String value, Function<String, T> parser, String option, String expected) {
      try {
        return parser.apply(value);
      } catch (IllegalArgumentException | DateTimeParseException e) {
        throw new InvalidInputException(
            option + " '" + value + "' is not valid.", "Give " + expected + ".");
      }
    }
  }
}
