package dev.beca.app.internal;

import dev.beca.core.BecaException;
import dev.beca.core.InvalidInputException;
import dev.beca.core.NotFoundException;
import dev.beca.core.assistant.Assistant;
import dev.beca.core.conversation.ConversationThread;
import dev.beca.core.conversation.Session;
import dev.beca.core.memory.ContextAssembler;
import dev.beca.core.model.HealthStatus;
import dev.beca.core.model.ModelRole;
import dev.beca.core.model.ServerHealth;
import dev.beca.models.ModelManager;
import dev.beca.models.ModelTarget;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code beca chat}: a conversation with the general model, one line of input per message.
 *
 * <p>Every message is stored before the model is called. When the model fails, the user sees
 * one line saying what happened and what to do; at a terminal the chat goes on, with piped input
 * the command stops with exit code {@value #EXIT_FAILURE}.
 */
@Command(
    name = "chat",
    mixinStandardHelpOptions = true,
    description = "Chat with the active general model (see `beca models`); each line you type is one message.",
    footer = {
      "",
      "Inside the chat: /help for commands, /thread new NAME and /thread use ID to talk in a thread,",
      "/exit (or end of input) to leave.",
      "Exit codes: 0 done, 1 a model or storage failure, 2 invalid options."
    })
public final class ChatCommand implements Callable<Integer> {

  /** Exit code when a model or the knowledge base failed. */
  public static final int EXIT_FAILURE = ExitCodes.FAILURE;
  /** Exit code when options are invalid. */
  public static final int EXIT_USAGE = ExitCodes.USAGE;

  private final Startup startup;
  private final Terminal terminal;

  @Mixin AppOptions options;

  @Option(
      names = "--session",
      paramLabel = "ID",
      description = "Continue an existing session instead of starting a new one.")
  String sessionId;

  @Option(
      names = "--context-tokens",
      paramLabel = "N",
      defaultValue = "4096",
      description = "Token budget of each prompt: system prompt, thread summary, relevant and recent "
          + "messages (default ${DEFAULT-VALUE}).")
  int contextTokens;

  /**
   * Creates the command.
   *
   * @param startup the start-up path: terminal, settings, knowledge base and models
   */
  public ChatCommand(Startup startup) {
    this.startup = startup;
    this.terminal = startup.terminal();
  }

  @Override
  public Integer call() {
    if (contextTokens < 64) {
      throw new InvalidInputException("--context-tokens must be at least 64, was " + contextTokens + ".",
          "Give a larger token budget, e.g. --context-tokens 4096.");
    }
    try (AppContext app = startup.open(options, Startup.Need.EMBEDDINGS, Startup.Need.MODELS)) {
      KnowledgeBase knowledgeBase = app.knowledgeBase();
      ChatSession session = session(knowledgeBase);
      // Wired when the first message needs it: a chat given no input starts and ends without it.
      Supplier<Assistant> assistant = new Supplier<>() {
        private Assistant built;

        @Override
        public Assistant get() {
          if (built == null) {
            ContextAssembler context = ContextAssembler.builder()
                .messages(knowledgeBase.messages())
                .threads(knowledgeBase.threads())
                .search(knowledgeBase.search())
                .build();
            built = Assistant.builder()
                .messages(knowledgeBase.messages())
                .sessions(knowledgeBase.sessions())
                .models(app.models().gateway())
                .context(context)
                .tokenBudget(contextTokens)
                .build();
          }
          return built;
        }
      };
      return converse(assistant, knowledgeBase, session, app, LoggerFactory.getLogger(ChatCommand.class));
    }
  }

  /**
   * The session to talk in: the one {@code --session} names (checked now), else a new one,
   * created only when the first message or thread command needs it, so that a chat which says
   * nothing leaves nothing behind.
   */
  private ChatSession session(KnowledgeBase knowledgeBase) {
    if (sessionId == null) {
      return new ChatSession(null, () -> knowledgeBase.sessions().create("beca chat").id());
    }
    Session existing = knowledgeBase.sessions().find(sessionId)
        .orElseThrow(() -> new NotFoundException(
            "There is no session '" + sessionId + "' in " + knowledgeBase.location() + ".",
            "Leave out --session to start a new one."));
    return new ChatSession(existing.id(), null);
  }

  /** The chat's session, created on first use when it is new. */
  private static final class ChatSession {
    private final Supplier<String> create;
    private String id;

    ChatSession(String id, Supplier<String> create) {
      this.id = id;
      this.create = create;
    }

    /** For the greeting: the session's id, or that a new one starts with the first message. */
    String describe() {
      return id == null ? "a new session" : "session " + id;
    }

    /** The session's id; creates the session the first time when it is new. */
    String id() {
      if (id == null) {
        id = create.get();
      }
      return id;
    }
  }

  private int converse(
      Supplier<Assistant> assistant, KnowledgeBase knowledgeBase, ChatSession session, AppContext app, Logger log) {
    Path logFile = app.logFile();
    PrintWriter out = terminal.out();
    PrintWriter err = terminal.err();
    boolean interactive = terminal.interactive();
    if (interactive) {
      ModelManager models = app.models();
      ModelTarget general = models.gateway().target(ModelRole.GENERAL);
      out.println("BECA chat with " + general.model() + " on " + general.server() + " at "
          + models.servers().get(general.server()).baseUrl() + " (" + session.describe()
          + "). /help for commands, /exit to leave.");
      if (models.catalog().history(ModelRole.GENERAL).isEmpty()) {
        out.println("No general model chosen yet: using the default. Choose one with `beca models use general MODEL`.");
      }
      // Validate the server at the start, so a down server is known before the first question.
      for (ServerHealth health : models.health().check()) {
        if (health.status() != HealthStatus.UP) {
          out.println("warning: server " + health.server() + " is " + health.status().name().toLowerCase(java.util.Locale.ROOT)
              + ": " + health.message());
        }
      }
    }
    BufferedReader input = terminal.reader();
    while (true) {
      if (interactive) {
        out.print("you> ");
        out.flush();
      }
      String line;
      try {
        line = input.readLine();
      } catch (IOException e) {
        log.error("Could not read input", e);
        err.println("beca: could not read input: " + e.getMessage());
        return EXIT_FAILURE;
      }
      if (line == null) {
        return 0;
      }
      String text = line.strip();
      if (text.isEmpty()) {
        continue;
      }
      switch (text) {
        case "/exit", "/quit" -> {
          return 0;
        }
        case "/help" -> {
          out.println("/exit or /quit: leave the chat (your messages are kept).");
          out.println("/session: show this session's id (continue it later with --session ID).");
          out.println("/thread new NAME: start a thread and talk in it; /thread use ID: continue a thread;");
          out.println("/thread none: talk outside threads; /thread: show the current thread.");
          out.println("/help: this list. Anything else is sent to the model.");
          continue;
        }
        case "/session" -> {
          out.println(session.id());
          continue;
        }
        default -> { }
      }
      if (text.equals("/thread") || text.startsWith("/thread ")) {
        try {
          out.println(thread(knowledgeBase, session, text.substring("/thread".length()).strip()));
        } catch (BecaException e) {
          err.println("beca: " + e.getMessage());
          err.flush();
          if (!interactive) {
            return EXIT_FAILURE;
          }
        }
        out.flush();
        continue;
      }
      if (interactive) {
        out.print("beca> ");
      }
      // Outside the turn's error handling: invalid model options end the command as a usage error.
      Assistant ready = assistant.get();
      StreamedReply reply = new StreamedReply(out);
      // Traced at debug level only; the log layout masks any secret in it.
      log.debug("User message in session {}: {}", session.id(), text);
      try {
        OptionalLong thread = knowledgeBase.threads().current(session.id());
        ready.chat(session.id(), thread, text, reply);
        out.println();
        out.flush();
      } catch (BecaException e) {
        if (reply.started()) {
          out.println();
        }
        out.flush();
        log.warn("Turn failed in session {}: {}", session.id(), e.getMessage());
        err.println("beca: " + e.getMessage() + " Your message was saved (session " + session.id()
            + "). Details: " + logFile);
        err.flush();
        if (!interactive) {
          return EXIT_FAILURE;
        }
      }
    }
  }

  /** Runs a {@code /thread} command and says what it did. */
  private static String thread(KnowledgeBase knowledgeBase, ChatSession session, String args) {
    var threads = knowledgeBase.threads();
    if (args.isEmpty()) {
      OptionalLong current = threads.current(session.id());
      return current.isEmpty()
          ? "No thread: messages go to the session only. /thread new NAME or /thread use ID to pick one."
          : describe(threads.find(current.getAsLong()).orElseThrow());
    }
    if (args.startsWith("new ") || args.equals("new")) {
      ConversationThread created = threads.create(args.substring(3).strip());
      threads.use(session.id(), OptionalLong.of(created.id()));
      return "Now in new " + describe(created);
    }
    if (args.startsWith("use ")) {
      String id = args.substring(4).strip();
      long threadId;
      try {
        threadId = Long.parseLong(id);
      } catch (NumberFormatException e) {
        throw new dev.beca.core.InvalidInputException(
            "'" + id + "' is not a thread id.", "Give the number shown by 'beca threads list'.");
      }
      threads.use(session.id(), OptionalLong.of(threadId));
      return "Now in " + describe(threads.find(threadId).orElseThrow());
    }
    if (args.equals("none")) {
      threads.use(session.id(), OptionalLong.empty());
      return "No thread: messages go to the session only.";
    }
    throw new dev.beca.core.InvalidInputException(
        "Unknown thread command '/thread " + args + "'.", "Use /thread new NAME, /thread use ID or /thread none.");
  }

  private static String describe(ConversationThread thread) {
    return "thread " + thread.id() + " '" + thread.name() + "' (" + thread.messageCount() + " messages).";
  }

  /** Prints each token as it arrives. */
  private static final class StreamedReply implements java.util.function.Consumer<String> {
    private final PrintWriter out;
    private volatile boolean started;

    StreamedReply(PrintWriter out) {
      this.out = out;
    }

    @Override
    public void accept(String token) {
      started = true;
      out.print(token);
      out.flush();
    }

    boolean started() {
      return started;
    }
  }
}
