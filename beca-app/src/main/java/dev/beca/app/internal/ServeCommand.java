package dev.beca.app.internal;

import dev.beca.core.InvalidInputException;
import dev.beca.core.assistant.Assistant;
import dev.beca.core.memory.ThreadSummarizer;
import dev.beca.models.ModelManager;
import dev.beca.server.BecaServer;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code beca serve}: the HTTP API ({@link BecaServer}) over the same knowledge base and model
 * gateway as every other command, until the process is stopped (Ctrl-C, SIGTERM).
 */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description =
        "Serve BECA's HTTP API (chat, sessions, threads, models, benchmarks, alerts, audit) on"
            + " loopback; see docs/api.md.",
    footer = {"", "Exit codes: 0 stopped, 1 the server or storage failed, 2 invalid options."})
public final class ServeCommand implements Callable<Integer> {

  private final Startup startup;

  @Mixin AppOptions options;

  @Option(
      names = "--port",
      paramLabel = "P",
      defaultValue = "8765",
      description = "Port to listen on, 0 for any free one (default 8765).")
  int port;

  @Option(
      names = "--bind",
      paramLabel = "ADDR",
      defaultValue = "127.0.0.1",
      description = "Address to listen on (default 127.0.0.1, loopback only).")
  String bind;

  @Option(
      names = "--insecure-bind",
      description =
          "Accept a non-loopback --bind over plain HTTP (tokens cross the network in clear).")
  boolean insecureBind;

  @Option(
      names = "--context-tokens",
      paramLabel = "N",
      defaultValue = "4096",
      description = "Token budget of each chat prompt (default 4096, at least 64).")
  int contextTokens;

  /**
   * Creates the command.
   *
   * @param startup the start-up path
   */
  public ServeCommand(Startup startup) {
    this.startup = startup;
  }

  @Override
  public Integer call() throws InterruptedException {
    if (port < 0 || port > 65535) {
      throw new InvalidInputException(
          "--port must be from 0 to 65535, was " + port + ".", "Give a free port, e.g. 8765.");
    }
    if (contextTokens < 64) {
      throw new InvalidInputException(
          "--context-tokens must be at least 64, was " + contextTokens + ".",
          "Give a larger token budget, e.g. --context-tokens 4096.");
    }
    PrintWriter out = startup.terminal().out();
    try (AppContext app = startup.open(options, Startup.Need.EMBEDDINGS, Startup.Need.MODELS)) {
      KnowledgeBase kb = app.knowledgeBase();
      ModelManager models = app.models();
      // The same assistant as `beca chat --no-tools`. Tools need an approval front end the API
      // does not have yet.
      Assistant assistant = AssistantWiring.conversational(kb, models.gateway(), contextTokens);
      BecaServer.Builder builder =
          BecaServer.builder()
              .tokens(kb.apiTokens())
              .audit(kb.decisionAudit())
              .sessions(kb.sessions())
              .messages(kb.messages())
              .threads(kb.threads())
              .search(kb.search())
              .assistant(assistant)
              .summarizer(
                  ThreadSummarizer.builder().threads(kb.threads()).models(models.gateway()).build())
              .gateway(models.gateway())
              .modelList(() -> models.catalog().list().models())
              .modelHealth(() -> models.health().check())
              .benchmarks(kb.benchmarks())
              .alerts(kb.securityAlerts())
              .modelErrors(kb.modelErrors())
              .limitsPerToken(() -> options.rateLimits(startup.env()))
              .port(port)
              .insecureBind(insecureBind);
      try {
        builder.bind(bind);
      } catch (IllegalArgumentException e) {
        throw Startup.usage(e);
      }
      CountDownLatch stop = new CountDownLatch(1);
      CountDownLatch stopped = new CountDownLatch(1);
      Thread hook =
          new Thread(
              () -> {
                stop.countDown();
                try {
                  stopped.await(15, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              },
              "beca-serve-shutdown");
      try (BecaServer server = builder.build();
          BackgroundLearning learning = BackgroundLearning.forServe(app, out::println)) {
        InetSocketAddress address = server.start();
        String url = "http://" + hostForUrl(address) + ":" + address.getPort();
        LoggerFactory.getLogger(ServeCommand.class).info("Serving on {}", url);
        out.println("BECA serves on " + url + "/ (API description: " + url + "/openapi.json)");
        out.println(
            "Create a token for clients: beca tokens create --role viewer|operator|admin"
                + " [--name NAME] [--expires 30d]");
        out.println("Stop with Ctrl-C.");
        out.flush();
        Runtime.getRuntime().addShutdownHook(hook);
        stop.await();
      } finally {
        stopped.countDown();
      }
      return ExitCodes.OK;
    }
  }

  private static String hostForUrl(InetSocketAddress address) {
    String host = address.getAddress().getHostAddress();
    return host.contains(":") ? "[" + host + "]" : host;
  }
}
