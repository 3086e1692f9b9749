package dev.beca.app.internal;

import dev.beca.benchmark.CodeBenchmark;
import dev.beca.core.BecaException;
import dev.beca.core.InvalidInputException;
import dev.beca.core.NotFoundException;
import dev.beca.core.agent.ApprovalMode;
import dev.beca.core.agent.PendingApprovals;
import dev.beca.core.assistant.Assistant;
import dev.beca.core.assistant.ChatTurn;
import dev.beca.core.assistant.LessonFeedback;
import dev.beca.core.conversation.ConversationMessage;
import dev.beca.core.conversation.ConversationThread;
import dev.beca.core.conversation.MessageRole;
import dev.beca.core.conversation.MessageStore;
import dev.beca.core.conversation.NewMessage;
import dev.beca.core.conversation.Session;
import dev.beca.core.learning.LessonAddition;
import dev.beca.core.learning.LessonExtraction;
import dev.beca.core.learning.LessonExtractor;
import dev.beca.core.learning.NewLesson;
import dev.beca.core.learning.TurnOutcome;
import dev.beca.core.limits.RateLimits;
import dev.beca.core.model.HealthStatus;
import dev.beca.core.model.ModelRole;
import dev.beca.core.model.ServerHealth;
import dev.beca.models.ModelManager;
import dev.beca.models.ModelTarget;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code beca chat}: a conversation with the general model, one line of input per message, or
 * several lines as one message: pasted text (bracketed paste), a {@code /paste} ... {@code /end}
 * block, a PEM block (see {@link ChatInput}).
 *
 * <p>Every message is stored before the model is called. When a line fails (the model, a {@code
 * /thread} command, a message over the size limit), the user sees one line saying what happened,
 * whether the message was stored, and what to do, and the chat goes on with the next line; at the
 * end the command exits with {@value #EXIT_FAILURE} if any line failed. SIGTERM or Ctrl-C during a
 * reply stores the part received, marked incomplete ({@link ChatShutdown}).
 */
@Command(
    name = "chat",
    mixinStandardHelpOptions = true,
    description =
        "Chat with the active general model (see `beca models`); each line, or pasted text, is one message.",
    footer = {
      "",
      "Inside the chat: /help for commands, /thread new NAME and /thread use ID to talk in a thread,",
      "/paste ... /end to send several lines as one message (pasted text is one message by itself at",
      "terminals with bracketed paste), /exit (or end of input) to leave.",
      "A line that fails is reported on standard error and the chat goes on with the next one.",
      "Exit codes: 0 done, 1 a model or storage failure (of any line), 2 invalid options."
    })
public final class ChatCommand implements Callable<Integer> {

  /** Exit code when a model or the knowledge base failed. */
  public static final int EXIT_FAILURE = ExitCodes.FAILURE;

  /** Exit code when options are invalid. */
  public static final int EXIT_USAGE = ExitCodes.USAGE;

  private final Startup startup;
  private final Terminal terminal;
  private RateLimits limits;

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
      description =
          "Token budget of each prompt: system prompt, thread summary, relevant and recent "
              + "messages (default ${DEFAULT-VALUE}).")
  int contextTokens;

  @Option(
      names = "--project",
      paramLabel = "DIR",
      defaultValue = ".",
      description =
          "The project the assistant works on: its tools read, change and run commands only "
              + "inside it (default: the current directory).")
  Path project;

  @Option(
      names = "--approval",
      paramLabel = "MODE",
      defaultValue = "ask",
      description =
          "What tool calls may do without asking: read-only (only reads), ask (asks before "
              + "changes and commands; the default), auto-edit (changes files, asks before "
              + "commands), full-auto (also runs commands). Critical actions are refused in every "
              + "mode; policy files can tighten this (see docs/agent.md).")
  String approval;

  @Option(names = "--no-tools", description = "Only talk: offer the model no tools.")
  boolean noTools;

  @Option(
      names = "--learn",
      description =
          "After each turn that ended without error, ask the general model for the lessons it "
              + "teaches and store them (one more model call a turn; see docs/learning.md).")
  boolean learn;

  @Option(
      names = "--no-background-learning",
      description =
          "Do not run the learning loop in the background of an interactive chat (by default it"
              + " learns from queued sessions and benchmark drops while you are idle; see"
              + " docs/learning.md).")
  boolean noBackgroundLearning;

  @Option(
      names = "--no-benchmark",
      description =
          "Do not run the code benchmark after each turn that changed a git project (it runs by "
              + "default, in the background, comparing the project after the turn with before).")
  boolean noBenchmark;

  @Option(
      names = "--auto-commit",
      description =
          "Commit each turn that changed the project (git), with a BECA-Session trailer; /undo "
              + "takes the last such commit of this session back.")
  boolean autoCommit;

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
      throw new InvalidInputException(
          "--context-tokens must be at least 64, was " + contextTokens + ".",
          "Give a larger token budget, e.g. --context-tokens 4096.");
    }
    if (noTools && autoCommit) {
      throw new InvalidInputException(
          "--auto-commit needs the tools, but --no-tools turns them off.",
          "Leave out one of them.");
    }
    ApprovalMode mode = ApprovalMode.parse(approval);
    limits = options.rateLimits(startup.env());
    try (ChatAgent agent = noTools ? null : ChatAgent.of(project, mode);
        AppContext app = startup.open(options, Startup.Need.EMBEDDINGS, Startup.Need.MODELS)) {
      if (autoCommit && agent.history().isEmpty()) {
        throw new InvalidInputException(
            "--auto-commit needs a git repository, and " + agent.root().path() + " is not one.",
            "Run 'git init' there (and commit once), or leave out --auto-commit.");
      }
      KnowledgeBase knowledgeBase = app.knowledgeBase();
      ChatSession session = session(knowledgeBase);
      // Wired when the first message needs it: a chat given no input starts and ends without it.
      Supplier<Assistant> assistant =
          new Supplier<>() {
            private Assistant built;

            @Override
            public Assistant get() {
              if (built == null) {
                built =
                    AssistantWiring.conversational(
                        knowledgeBase, app.models().gateway(), contextTokens);
              }
              return built;
            }
          };
      return converse(
          assistant,
          agent,
          knowledgeBase,
          session,
          app,
          LoggerFactory.getLogger(ChatCommand.class));
    }
  }

  /**
   * The session to talk in: the one {@code --session} names (checked now), else a new one, created
   * only when the first message or thread command needs it, so that a chat which says nothing
   * leaves nothing behind.
   */
  private ChatSession session(KnowledgeBase knowledgeBase) {
    if (sessionId == null) {
      return new ChatSession(null, () -> knowledgeBase.sessions().create("beca chat").id());
    }
    Session existing =
        knowledgeBase
            .sessions()
            .find(sessionId)
            .orElseThrow(
                () ->
                    new NotFoundException(
                        "There is no session '"
                            + sessionId
                            + "' in "
                            + knowledgeBase.location()
                            + ".",
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
      Supplier<Assistant> assistant,
      ChatAgent agent,
      KnowledgeBase knowledgeBase,
      ChatSession session,
      AppContext app,
      Logger log) {
    Path logFile = app.logFile();
    PrintWriter out = terminal.out();
    PrintWriter err = terminal.err();
    boolean interactive = terminal.interactive();
    if (interactive) {
      ModelManager models = app.models();
      ModelTarget general = models.gateway().target(ModelRole.GENERAL);
      out.println(
          "BECA chat with "
              + general.model()
              + " on "
              + general.server()
              + " at "
              + models.servers().get(general.server()).baseUrl()
              + " ("
              + session.describe()
              + "). /help for commands, /exit to leave.");
      if (models.catalog().history(ModelRole.GENERAL).isEmpty()) {
        out.println(
            "No general model chosen yet: using the default. Choose one with `beca models use general MODEL`.");
      }
      out.println(
          agent == null
              ? "No tools (--no-tools): the assistant only talks."
              : Terminal.printableLine(agent.describe()));
      // Validate the server at the start, so a down server is known before the first question.
      for (ServerHealth health : models.health().check()) {
        if (health.status() != HealthStatus.UP) {
          out.println(
              "warning: server "
                  + health.server()
                  + " is "
                  + health.status().name().toLowerCase(java.util.Locale.ROOT)
                  + ": "
                  + health.message());
        }
      }
    }
    Chat chat = new Chat(assistant, agent, app, session, logFile, log);
    if (agent != null && !noBenchmark) {
      // Built on the first turn that changed the project: a chat without changes never needs it.
      chat.turnBenchmarks =
          () ->
              new TurnBenchmark(
                  BenchmarkCommand.codeBenchmark(
                      knowledgeBase.benchmarks(),
                      startup.env(),
                      app.dataDirectory(),
                      CodeBenchmark.DEFAULT_TIMEOUT,
                      false),
                  knowledgeBase.benchmarks(),
                  agent.root().path(),
                  limits,
                  line -> {
                    out.println(Terminal.printableLine("  " + line));
                    out.flush();
                  },
                  interactive);
    }
    Runnable restoreTerminal = interactive ? () -> terminal.print(BRACKETED_PASTE_OFF) : () -> {};
    if (interactive && !noBackgroundLearning) {
      // Only while the user is quiet and no turn runs: learning never competes for the model.
      chat.learning =
          BackgroundLearning.start(
              knowledgeBase,
              app.models(),
              chat::idle,
              line -> {
                err.println(Terminal.printableLine(line));
                err.flush();
              },
              BackgroundLearning.MIN_INTERVAL,
              BackgroundLearning.IDLE_DELAY);
    }
    try (ChatShutdown shutdown = ChatShutdown.install(Thread.currentThread(), restoreTerminal)) {
      chat.shutdown = shutdown;
      if (interactive) {
        // Pasted text then arrives between markers, so that a multi-line paste is one message.
        terminal.print(BRACKETED_PASTE_ON);
      }
      ChatInput input =
          new ChatInput(
              terminal.reader(),
              NewMessage.MAX_CONTENT_CHARS,
              interactive ? () -> terminal.print("...> ") : () -> {});
      chat.input = input;
      while (!shutdown.stopping()) {
        if (interactive) {
          terminal.print("you> ");
        }
        ChatInput.Entry entry;
        try {
          entry = input.next();
        } catch (IOException e) {
          log.error("Could not read input", e);
          err.println("beca: could not read input: " + e.getMessage());
          return EXIT_FAILURE;
        }
        if (entry == null || chat.handle(entry) == Outcome.EXIT) {
          break;
        }
      }
    } finally {
      if (chat.learning != null) {
        chat.learning.close();
      }
      if (chat.turnBenchmark != null) {
        chat.turnBenchmark.close();
      }
      restoreTerminal.run();
      chat.queueForLearning();
    }
    return chat.failures == 0 ? 0 : EXIT_FAILURE;
  }

  /** What handling one entry of input came to. */
  private enum Outcome {
    DONE,
    FAILED,
    EXIT
  }

  /** How long the user must be quiet before the background learning may use the model. */
  private static final java.time.Duration QUIET_BEFORE_LEARNING = java.time.Duration.ofSeconds(20);

  /** Escape sequences that turn the terminal's bracketed paste mode on and off. */
  private static final String BRACKETED_PASTE_ON = "\u001b[?2004h";

  private static final String BRACKETED_PASTE_OFF = "\u001b[?2004l";

  /** One chat: handles each entry of input, counting the ones that failed. */
  private final class Chat {
    private final Supplier<Assistant> wiring;
    private final ChatAgent agent;
    private final AppContext app;
    private final KnowledgeBase knowledgeBase;
    private final ChatSession session;
    private final Path logFile;
    private final Logger log;
    private final RecordingMessages stored;
    private Assistant assistant;
    private ChatShutdown shutdown;
    private ChatInput input;
    private Supplier<TurnBenchmark> turnBenchmarks;
    private TurnBenchmark turnBenchmark;
    private int failures;
    private final LessonFeedback feedback;
    private BackgroundLearning learning;

    /** The question of the last turn that made a commit (judged failed by /undo), or 0. */
    private long lastCommittedQuestion;

    private int turnsSucceeded;
    private volatile boolean inTurn;
    private volatile long lastActivity = System.nanoTime();

    Chat(
        Supplier<Assistant> wiring,
        ChatAgent agent,
        AppContext app,
        ChatSession session,
        Path logFile,
        Logger log) {
      this.wiring = wiring;
      this.agent = agent;
      this.app = app;
      this.knowledgeBase = app.knowledgeBase();
      this.session = session;
      this.logFile = logFile;
      this.log = log;
      this.stored = new RecordingMessages(knowledgeBase.messages());
      this.feedback = new LessonFeedback(knowledgeBase.lessons());
    }

    /**
     * The question of the session's turn before this one (judged again by this message), also when
     * the session is continued by another {@code beca chat --session}; 0 when there is none.
     */
    private long previousQuestion(long question) {
      try {
        List<ConversationMessage> recent = knowledgeBase.messages().recent(session.id(), 50);
        for (int i = recent.size() - 1; i >= 0; i--) {
          ConversationMessage m = recent.get(i);
          if (m.role() == MessageRole.USER && m.id() < question) {
            return m.id();
          }
        }
      } catch (BecaException e) {
        log.warn("The previous turn of session {} was not found: {}", session.id(), e.getMessage());
      }
      return 0;
    }

    /** The gate of the background learning: no turn runs and the user was quiet for a while. */
    boolean idle() {
      return !inTurn && System.nanoTime() - lastActivity >= QUIET_BEFORE_LEARNING.toNanos();
    }

    /**
     * Records a verdict on a turn (the confidence of the lessons it used); a storage failure is
     * logged and does not fail the chat.
     */
    private void judge(Runnable verdict) {
      try {
        verdict.run();
      } catch (BecaException e) {
        log.warn(
            "A turn's verdict was not recorded in session {}: {}", session.id(), e.getMessage());
      }
    }

    /**
     * At the end: a chat with successful turns, learned from on the spot only with {@code --learn},
     * queues its session so that the learning loop extracts its lessons later.
     */
    void queueForLearning() {
      if (learn || turnsSucceeded == 0) {
        return;
      }
      try {
        knowledgeBase.lessons().queueExtraction(session.id(), 0);
        log.info("Session {} queued for learning", session.id());
        if (terminal.interactive()) {
          terminal
              .out()
              .println(
                  "Session "
                      + session.id()
                      + " is queued for learning: its lessons are extracted in the background"
                      + " when BECA is idle (beca lessons list shows them).");
          terminal.out().flush();
        }
      } catch (BecaException e) {
        log.warn("Session {} was not queued for learning: {}", session.id(), e.getMessage());
      }
    }

    /**
     * Asks the general model for the lessons of a turn that ended well and stores them; says how
     * many were learned. A failed extraction or store is reported and does not fail the chat.
     */
    private void learnFrom(ChatTurn turn, PrintWriter out, PrintWriter err) {
      try {
        LessonExtraction found =
            LessonExtractor.builder()
                .models(app.models().gateway())
                .build()
                .extract(
                    turn.question().content(),
                    turn.answer().content(),
                    List.of("message:" + turn.question().id(), "message:" + turn.answer().id()));
        if (found.failed()) {
          String kept = "";
          try {
            knowledgeBase
                .lessons()
                .recordFailedExtraction(
                    session.id(),
                    turn.question().id(),
                    found.failure().orElseThrow(),
                    found.rawReply());
            kept = " (kept with the model's reply; the learning loop tries again)";
          } catch (BecaException e) {
            log.warn("The failed extraction was not stored: {}", e.getMessage());
          }
          err.println(
              Terminal.printableLine(
                  "beca: no lessons learned from this turn: "
                      + found.failure().orElseThrow()
                      + kept));
          err.flush();
          return;
        }
        int learned = 0;
        int merged = 0;
        for (NewLesson lesson : found.lessons()) {
          if (knowledgeBase.lessons().add(lesson).outcome() == LessonAddition.Outcome.MERGED) {
            merged++;
          } else {
            learned++;
          }
        }
        out.println(
            "  learned "
                + learned
                + (learned == 1 ? " lesson" : " lessons")
                + (merged > 0 ? " (" + merged + " more merged into known ones)" : ""));
        out.flush();
      } catch (BecaException e) {
        log.warn("Learning from a turn of session {} failed: {}", session.id(), e.getMessage());
        err.println(
            Terminal.printableLine("beca: learning from this turn failed: " + e.getMessage()));
        err.flush();
      }
    }

    /**
     * The assistant, wired on the first message with the session's tools; its messages go through
     * {@link #stored}.
     */
    private Assistant assistant() {
      if (assistant == null) {
        Assistant.Builder builder = wiring.get().toBuilder().messages(stored);
        if (agent != null) {
          PendingApprovals approvals =
              terminal.interactive()
                  ? PendingApprovals.answeredBy(
                      new TerminalApprovals(terminal.out(), () -> input.answerLine()),
                      ChatAgent.TERMINAL_ANSWER_TIMEOUT)
                  : PendingApprovals.unattended();
          builder.tools(
              agent.runner(
                  app,
                  knowledgeBase,
                  session.id(),
                  approvals,
                  limits,
                  startup.env(),
                  problem -> {
                    terminal.err().println(Terminal.printableLine("beca: warning: " + problem));
                    terminal.err().flush();
                  }));
        }
        assistant = builder.build();
      }
      return assistant;
    }

    Outcome handle(ChatInput.Entry entry) {
      lastActivity = System.nanoTime();
      Outcome outcome;
      if (entry instanceof ChatInput.Refused refused) {
        outcome = fail(refused.firstLine(), refused.problem() + " " + refused.remedy());
      } else if (entry instanceof ChatInput.Block block) {
        if (block.unclosed() != null) {
          warn(block.firstLine(), block.unclosed() + "; what was read is sent as one message.");
        }
        outcome = block.text().isEmpty() ? Outcome.DONE : turn(block.text());
      } else {
        outcome = line((ChatInput.Line) entry);
      }
      if (outcome == Outcome.FAILED) {
        failures++;
      }
      lastActivity = System.nanoTime();
      return outcome;
    }

    private Outcome line(ChatInput.Line line) {
      String text = line.text();
      PrintWriter out = terminal.out();
      switch (text) {
        case "" -> {
          return Outcome.DONE;
        }
        case "/exit", "/quit" -> {
          return Outcome.EXIT;
        }
        case "/help" -> {
          out.println("/exit or /quit: leave the chat (your messages are kept).");
          out.println("/session: show this session's id (continue it later with --session ID).");
          out.println(
              "/thread new NAME: start a thread and talk in it; /thread use ID: continue a thread;");
          out.println("/thread none: talk outside threads; /thread: show the current thread.");
          out.println(
              "/paste, then lines, then /end: send the lines as one message (a pasted text is one");
          out.println("message by itself at terminals that support bracketed paste).");
          out.println(
              "/undo: take back BECA's last commit of this session (with --auto-commit or"
                  + " git_commit).");
          out.println("/help: this list. Anything else is sent to the model.");
          out.flush();
          return Outcome.DONE;
        }
        case "/undo" -> {
          return undo(line.firstLine());
        }
        case "/session" -> {
          out.println(session.id());
          out.flush();
          return Outcome.DONE;
        }
        case "/end" -> {
          return fail(line.firstLine(), "/end closes a block, but no /paste block is open.");
        }
        default -> {}
      }
      if (text.equals("/thread") || text.startsWith("/thread ")) {
        try {
          out.println(
              Terminal.printable(
                  thread(knowledgeBase, session, text.substring("/thread".length()).strip())));
          out.flush();
          return Outcome.DONE;
        } catch (BecaException e) {
          return fail(line.firstLine(), e.getMessage());
        }
      }
      return turn(text);
    }

    /** Sends one message and prints the reply; a failure is reported and the chat goes on. */
    private Outcome turn(String text) {
      PrintWriter out = terminal.out();
      PrintWriter err = terminal.err();
      // Outside the turn's error handling: invalid model options end the command as a usage error.
      Assistant ready = assistant();
      if (!shutdown.beginTurn()) {
        return Outcome.EXIT;
      }
      inTurn = true;
      stored.questionStored = false;
      stored.questionId = 0;
      if (terminal.interactive()) {
        out.print("beca> ");
      }
      ToolCallPrinter reply = new ToolCallPrinter(out, terminal.interactive());
      TurnCommits commits = autoCommit ? new TurnCommits(agent.history().orElseThrow()) : null;
      TurnCommits.Before before = null;
      if (commits != null) {
        try {
          before = commits.before();
        } catch (BecaException e) {
          warn(
              0,
              "cannot read the project's git status, this turn is not committed: "
                  + e.getMessage());
        }
      }
      // Without a commit per turn, the project before and after the turn are snapshot commits.
      String snapshotBefore = commits == null ? snapshot() : null;
      // Traced at debug level only; the log layout masks any secret in it.
      log.debug("User message in session {}: {}", session.id(), text);
      try {
        OptionalLong thread = knowledgeBase.threads().current(session.id());
        ChatTurn turn = ready.respond(session.id(), thread, text, reply);
        out.println();
        out.flush();
        long question = turn.question().id();
        long previous = previousQuestion(question);
        TurnOutcome.Verdict[] verdict = {TurnOutcome.Verdict.SUCCEEDED};
        judge(
            () -> {
              if (previous > 0) {
                feedback.followedBy(previous, question, text);
              }
              verdict[0] = feedback.turnEnded(turn);
            });
        if (verdict[0] == TurnOutcome.Verdict.SUCCEEDED) {
          turnsSucceeded++;
        }
        if (!turn.answer().success()) {
          err.println(
              "beca: the model's reply had "
                  + reply.length()
                  + " characters, more than the limit of "
                  + NewMessage.MAX_CONTENT_CHARS
                  + " for one stored message: it was shown whole, and stored cut to "
                  + "the limit and marked truncated (session "
                  + session.id()
                  + ").");
          err.flush();
        } else if (learn && verdict[0] == TurnOutcome.Verdict.SUCCEEDED) {
          learnFrom(turn, out, err);
        }
        return Outcome.DONE;
      } catch (BecaException e) {
        if (reply.started()) {
          out.println();
        }
        out.flush();
        log.warn("Turn failed in session {}: {}", session.id(), e.getMessage());
        if (stored.questionStored && stored.questionId > 0) {
          long question = stored.questionId;
          long previous = previousQuestion(question);
          judge(
              () -> {
                if (previous > 0) {
                  feedback.followedBy(previous, question, text);
                }
                feedback.turnFailed(question);
              });
        }
        String saved =
            stored.questionStored ? " Your message was saved (session " + session.id() + ")." : "";
        err.println(
            Terminal.printableLine("beca: " + e.getMessage() + saved + " Details: " + logFile));
        err.flush();
        return Outcome.FAILED;
      } finally {
        long question = stored.questionId;
        java.util.function.LongConsumer dropped =
            resultId -> {
              if (question > 0) {
                judge(() -> feedback.benchmarkDropped(question, resultId));
              }
            };
        if (before != null) {
          TurnCommits.Committed committed = commits.after(before, session.id(), text);
          if (!committed.line().isEmpty()) {
            out.println(Terminal.printableLine("  " + committed.line()));
            out.flush();
          }
          if (committed.commit().isPresent() && question > 0) {
            lastCommittedQuestion = question;
          }
          if (turnBenchmarks != null && committed.parent().isPresent()) {
            turnBenchmark()
                .afterTurn(committed.parent().get(), committed.commit().orElseThrow(), dropped);
          }
        } else if (snapshotBefore != null) {
          String snapshotAfter = snapshot();
          if (snapshotAfter != null && !snapshotAfter.equals(snapshotBefore)) {
            turnBenchmark().afterTurn(snapshotBefore, snapshotAfter, dropped);
          }
        }
        inTurn = false;
        shutdown.endTurn();
      }
    }

    /**
     * A snapshot of the project for the benchmark after the turn, when one runs: the tools are on,
     * the project is a git repository and {@code --no-benchmark} is off; else null.
     */
    private String snapshot() {
      if (turnBenchmarks == null || agent.history().isEmpty()) {
        return null;
      }
      try {
        return agent.history().get().snapshot();
      } catch (BecaException e) {
        log.warn("No snapshot of {} for the turn's benchmark", agent.root().path(), e);
        return null;
      }
    }

    private TurnBenchmark turnBenchmark() {
      if (turnBenchmark == null) {
        turnBenchmark = turnBenchmarks.get();
      }
      return turnBenchmark;
    }

    /** {@code /undo}: takes back this session's last commit, or says why not. */
    private Outcome undo(int line) {
      if (agent == null || agent.history().isEmpty()) {
        return fail(
            line, "/undo needs the tools on a git repository (see --project; without --no-tools).");
      }
      String said = new TurnCommits(agent.history().get()).undo(session.id());
      if (said.startsWith("nothing undone")) {
        return fail(line, said);
      }
      terminal.out().println(Terminal.printableLine(said));
      terminal.out().flush();
      if (lastCommittedQuestion > 0) {
        long undone = lastCommittedQuestion;
        judge(() -> feedback.undone(undone));
        lastCommittedQuestion = 0;
      }
      return Outcome.DONE;
    }

    private Outcome fail(int line, String message) {
      warn(line, message);
      return Outcome.FAILED;
    }

    /** One line on standard error; with piped input it names the line of input. */
    private void warn(int line, String message) {
      String where = terminal.interactive() ? "" : "line " + line + ": ";
      terminal.err().println(Terminal.printableLine("beca: " + where + message));
      terminal.err().flush();
    }
  }

  /** The knowledge base's messages, noting whether the current turn stored the user's message. */
  private static final class RecordingMessages implements MessageStore {
    private final MessageStore messages;
    private volatile boolean questionStored;
    private volatile long questionId;

    RecordingMessages(MessageStore messages) {
      this.messages = messages;
    }

    @Override
    public ConversationMessage append(NewMessage message) {
      ConversationMessage appended = messages.append(message);
      if (message.role() == MessageRole.USER) {
        questionStored = true;
        questionId = appended.id();
      }
      return appended;
    }

    @Override
    public Optional<ConversationMessage> find(long id) {
      return messages.find(id);
    }

    @Override
    public List<ConversationMessage> recent(String sessionId, int limit) {
      return messages.recent(sessionId, limit);
    }

    @Override
    public long count(String sessionId) {
      return messages.count(sessionId);
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
        "Unknown thread command '/thread " + args + "'.",
        "Use /thread new NAME, /thread use ID or /thread none.");
  }

  private static String describe(ConversationThread thread) {
    return "thread "
        + thread.id()
        + " '"
        + Terminal.printableLine(thread.name())
        + "' ("
        + thread.messageCount()
        + " messages).";
  }
}
