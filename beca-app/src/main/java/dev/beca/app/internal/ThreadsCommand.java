package dev.beca.app.internal;

import dev.beca.core.BecaException;
import dev.beca.core.InvalidInputException;
import dev.beca.core.conversation.ConversationMessage;
import dev.beca.core.conversation.ConversationThread;
import dev.beca.core.conversation.MessageRole;
import dev.beca.core.conversation.SearchFilter;
import dev.beca.core.conversation.SearchHit;
import dev.beca.core.memory.SummaryResult;
import dev.beca.core.memory.ThreadSummarizer;
import dev.beca.memory.SqliteKnowledgeBase;
import dev.beca.models.OllamaModelGateway;
import dev.beca.models.OllamaSettings;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code beca threads list|show|new|link|summarize|search}: threads of the conversation memory
 * from the command line. Exit codes: 0 done, 1 a model or storage failure or an unknown id,
 * 2 invalid input.
 */
@Command(
    name = "threads",
    mixinStandardHelpOptions = true,
    description = "Threads of the conversation memory: list, show, new, link, summarize, search.",
    footer = {"", "Exit codes: 0 done, 1 a model or storage failure or an unknown id, 2 invalid input."})
public final class ThreadsCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /**
   * The {@code threads} command with its subcommands.
   *
   * @param terminal where to read and write
   * @param env environment variables to take settings from
   * @return the configured command line, ready to be added to {@code beca}
   */
  public static CommandLine create(Terminal terminal, Map<String, String> env) {
    CommandLine threads = new CommandLine(new ThreadsCommand());
    threads.addSubcommand(new ListThreads(terminal, env));
    threads.addSubcommand(new ShowThread(terminal, env));
    threads.addSubcommand(new NewThread(terminal, env));
    threads.addSubcommand(new LinkMessage(terminal, env));
    threads.addSubcommand(new SummarizeThread(terminal, env));
    threads.addSubcommand(new SearchHistory(terminal, env));
    return threads;
  }

  /** Without a subcommand, show the usage. */
  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** What every subcommand shares: options, opening the knowledge base, reporting failures. */
  abstract static class ThreadsSubcommand implements Callable<Integer> {
    final Terminal terminal;
    final Map<String, String> env;

    @Mixin AppOptions options;

    ThreadsSubcommand(Terminal terminal, Map<String, String> env) {
      this.terminal = terminal;
      this.env = env;
    }

    /** Whether this command needs embeddings (semantic search). */
    boolean needsEmbeddings() {
      return false;
    }

    @Override
    public Integer call() {
      var dataDir = options.dataDir(env);
      Logging.toDataDirectory(dataDir);
      SqliteKnowledgeBase.Builder builder = SqliteKnowledgeBase.builder().dataDirectory(dataDir);
      if (!needsEmbeddings()) {
        builder.withoutEmbeddings();
      }
      try (SqliteKnowledgeBase kb = builder.open()) {
        return execute(kb, terminal.out());
      } catch (InvalidInputException e) {
        terminal.err().println("beca: " + e.getMessage());
        return ChatCommand.EXIT_USAGE;
      } catch (IllegalArgumentException e) {
        terminal.err().println("beca: " + e.getMessage());
        return ChatCommand.EXIT_USAGE;
      } catch (BecaException e) {
        LoggerFactory.getLogger(ThreadsCommand.class).error("beca threads failed: {}", e.getMessage(), e);
        terminal.err().println("beca: " + e.getMessage());
        return ChatCommand.EXIT_FAILURE;
      } finally {
        terminal.out().flush();
        terminal.err().flush();
      }
    }

    abstract int execute(SqliteKnowledgeBase kb, PrintWriter out);
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List threads, most recently active first.")
  static final class ListThreads extends ThreadsSubcommand {
    private static final TextTable TABLE =
        TextTable.builder().left("ID", 6).left("MESSAGES", 8).left("LAST ACTIVITY", 24).left("NAME").build();

    ListThreads(Terminal terminal, Map<String, String> env) {
      super(terminal, env);
    }

    @Override
    int execute(SqliteKnowledgeBase kb, PrintWriter out) {
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

  @Command(name = "show", mixinStandardHelpOptions = true,
      description = "Show a thread's summary and every message in conversation order.")
  static final class ShowThread extends ThreadsSubcommand {
    @Parameters(paramLabel = "ID", description = "The thread id.")
    long threadId;

    ShowThread(Terminal terminal, Map<String, String> env) {
      super(terminal, env);
    }

    @Override
    int execute(SqliteKnowledgeBase kb, PrintWriter out) {
      List<ConversationMessage> messages = kb.threads().messages(threadId);
      ConversationThread thread = kb.threads().find(threadId).orElseThrow();
      out.println("Thread " + thread.id() + ": " + Terminal.printableLine(thread.name()) + " (" + messages.size() + " messages)");
      kb.threads().summary(threadId).ifPresent(s ->
          out.println("Summary (" + s.kind().name().toLowerCase(Locale.ROOT) + ", through #" + s.throughMessageId()
              + "):\n" + Terminal.printable(s.content())));
      for (ConversationMessage m : messages) {
        String reply = m.parentId().isPresent() ? " (reply to #" + m.parentId().getAsLong() + ")" : "";
        out.println("#" + m.id() + " [" + m.createdAt() + "] " + m.role().name().toLowerCase(Locale.ROOT) + reply + ": "
            + Terminal.printable(m.content()));
      }
      return 0;
    }
  }

  @Command(name = "new", mixinStandardHelpOptions = true, description = "Create a thread and print its id.")
  static final class NewThread extends ThreadsSubcommand {
    @Parameters(paramLabel = "NAME", arity = "1..*", description = "The thread's name.")
    List<String> name;

    NewThread(Terminal terminal, Map<String, String> env) {
      super(terminal, env);
    }

    @Override
    int execute(SqliteKnowledgeBase kb, PrintWriter out) {
      ConversationThread thread = kb.threads().create(String.join(" ", name));
      out.println(thread.id());
      return 0;
    }
  }

  @Command(name = "link", mixinStandardHelpOptions = true, description = "Put a message into a thread.")
  static final class LinkMessage extends ThreadsSubcommand {
    @Parameters(index = "0", paramLabel = "MESSAGE_ID", description = "The message id.")
    long messageId;

    @Parameters(index = "1", paramLabel = "THREAD_ID", description = "The thread id.")
    long threadId;

    LinkMessage(Terminal terminal, Map<String, String> env) {
      super(terminal, env);
    }

    @Override
    int execute(SqliteKnowledgeBase kb, PrintWriter out) {
      kb.threads().link(messageId, threadId);
      out.println("Message " + messageId + " is now in thread " + threadId + ".");
      return 0;
    }
  }

  @Command(name = "summarize", mixinStandardHelpOptions = true,
      description = {"Bring a thread's summary up to date with the general model.",
          "Without a model server, an extractive summary (clearly marked) is stored instead."})
  static final class SummarizeThread extends ThreadsSubcommand {
    @Parameters(paramLabel = "ID", description = "The thread id.")
    long threadId;

    SummarizeThread(Terminal terminal, Map<String, String> env) {
      super(terminal, env);
    }

    @Override
    int execute(SqliteKnowledgeBase kb, PrintWriter out) {
      OllamaSettings settings = options.ollama(env);
      SummaryResult result = ThreadSummarizer.builder()
          .threads(kb.threads())
          .models(new OllamaModelGateway(settings))
          .build()
          .summarize(threadId);
      result.fallbackReason().ifPresent(reason -> terminal.err().println(
          "beca: no summary from " + settings.generalModel() + " at " + settings.baseUrl() + ": " + reason
              + " Stored an extractive summary instead; run this again when the model server is up."));
      if (result.newMessages() == 0) {
        out.println("The summary was already up to date.");
      }
      out.println(result.summary().content());
      return 0;
    }
  }

  @Command(name = "search", mixinStandardHelpOptions = true,
      description = "Search the history by keyword (FTS5 syntax), meaning, or both (default).")
  static final class SearchHistory extends ThreadsSubcommand {
    @Parameters(paramLabel = "QUERY", arity = "1..*", description = "What to look for.")
    List<String> query;

    @Option(names = "--mode", paramLabel = "MODE", defaultValue = "hybrid",
        description = "hybrid (default), keyword or semantic.")
    String mode;

    @Option(names = "--thread", paramLabel = "ID", description = "Only this thread.")
    Long threadId;

    @Option(names = "--session", paramLabel = "ID", description = "Only this session.")
    String sessionId;

    @Option(names = "--role", paramLabel = "ROLE", description = "Only user, assistant or system messages.")
    String role;

    @Option(names = "--since", paramLabel = "TIME", description = "Only messages at or after this ISO-8601 instant.")
    String since;

    @Option(names = "--until", paramLabel = "TIME", description = "Only messages before this ISO-8601 instant.")
    String until;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "10", description = "How many hits (default 10).")
    int limit;

    SearchHistory(Terminal terminal, Map<String, String> env) {
      super(terminal, env);
    }

    @Override
    boolean needsEmbeddings() {
      return !"keyword".equals(mode);
    }

    @Override
    int execute(SqliteKnowledgeBase kb, PrintWriter out) {
      SearchFilter filter = SearchFilter.all();
      if (threadId != null) {
        filter = filter.thread(threadId);
      }
      if (sessionId != null) {
        filter = filter.session(sessionId);
      }
      if (role != null) {
        filter = filter.role(parse(role, r -> MessageRole.valueOf(r.toUpperCase(Locale.ROOT)), "--role", "user, assistant or system"));
      }
      if (since != null || until != null) {
        filter = filter.between(
            since == null ? null : parse(since, Instant::parse, "--since", "an instant like 2026-01-31T12:00:00Z"),
            until == null ? null : parse(until, Instant::parse, "--until", "an instant like 2026-01-31T12:00:00Z"));
      }
      if (limit < 1) {
        throw new InvalidInputException("--limit must be positive, was " + limit + ".", "Give a number of hits.");
      }
      String text = String.join(" ", query);
      if (needsEmbeddings() && !kb.awaitEmbeddings(Duration.ofSeconds(30))) {
        terminal.err().println("beca: some messages are not embedded yet; semantic results may miss them.");
      }
      List<SearchHit> hits = switch (mode) {
        case "keyword" -> kb.search().keyword(text, filter, limit);
        case "semantic" -> kb.search().semantic(text, filter, limit);
        case "hybrid" -> kb.search().hybrid(text, filter, limit);
        default -> throw new InvalidInputException(
            "Unknown search mode '" + mode + "'.", "Use --mode hybrid, keyword or semantic.");
      };
      if (hits.isEmpty()) {
        out.println("No messages match.");
      }
      for (SearchHit hit : hits) {
        ConversationMessage m = hit.message();
        String thread = m.threadId().isPresent() ? " thread " + m.threadId().getAsLong() : "";
        out.printf(Locale.ROOT, "#%d%s [%s] %s (%.3f): %s%n", m.id(), thread, m.createdAt(),
            m.role().name().toLowerCase(Locale.ROOT), hit.score(), Terminal.printableLine(hit.snippet()));
      }
      return 0;
    }

    private static <T> T parse(String value, Function<String, T> parser, String option, String expected) {
      try {
        return parser.apply(value);
      } catch (IllegalArgumentException | DateTimeParseException e) {
        throw new InvalidInputException(option + " '" + value + "' is not valid.", "Give " + expected + ".");
      }
    }
  }
}
