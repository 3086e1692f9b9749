package dev.beca.app.internal;

import dev.beca.core.agent.ApprovalMode;
import dev.beca.core.agent.PendingApprovals;
import dev.beca.core.agent.ToolRunner;
import dev.beca.core.limits.RateLimits;
import dev.beca.server.mcp.McpToolServer;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code beca mcp}: BECA's own tools (history search and threads, models, secret scans, the code
 * benchmark) served to another agent over MCP on standard input and output. Every call goes through
 * the permission policy of the given approval mode and the policy files, is audited under a session
 * {@code mcp-<id>} ({@code beca audit}), and passes the secret filter. Nobody can answer an "ask"
 * here, so it is a denial with the reason.
 */
@Command(
    name = "mcp",
    mixinStandardHelpOptions = true,
    description = {
      "Serve BECA's tools (history search, threads, models, secret scans, code benchmark) to",
      "another agent over MCP on standard input and output. An MCP client starts this command;",
      "every call is classified, permitted by --approval and the policy files, and audited."
    },
    footer = {
      "",
      "Exit codes: 0 the client went away, 1 the knowledge base could not be opened, 2 invalid options."
    })
public final class McpCommand implements Callable<Integer> {

  private final Startup startup;

  @Mixin AppOptions options;

  @Option(
      names = "--project",
      paramLabel = "DIR",
      defaultValue = ".",
      description =
          "The folder that path arguments (scanPath, runCodeBenchmark) must lie in (default: .).")
  Path project;

  @Option(
      names = "--approval",
      paramLabel = "MODE",
      defaultValue = "read-only",
      description =
          "read-only (default: only reads), ask (a denial here: nobody can answer), auto-edit "
              + "(changes of BECA's memory and settings too) or full-auto.")
  String approval;

  /**
   * Creates the command.
   *
   * @param startup the start-up path: settings and knowledge base
   */
  public McpCommand(Startup startup) {
    this.startup = startup;
  }

  @Override
  public Integer call() throws InterruptedException {
    ApprovalMode mode = ApprovalMode.parse(approval);
    RateLimits limits = options.rateLimits(startup.env());
    String sessionId = "mcp-" + UUID.randomUUID();
    try (ChatAgent agent = ChatAgent.of(project, mode);
        AppContext app = startup.open(options, Startup.Need.EMBEDDINGS, Startup.Need.MODELS)) {
      ToolRunner runner =
          agent.ownToolsRunner(
              app, app.knowledgeBase(), PendingApprovals.unattended(), limits, startup.env());
      // The protocol owns standard output: nothing else may be printed there.
      try (McpToolServer server =
          McpToolServer.stdio(
              runner,
              sessionId,
              new FileInputStream(FileDescriptor.in),
              new FileOutputStream(FileDescriptor.out),
              BecaVersionProvider.version())) {
        server.awaitClientGone();
      }
      return ExitCodes.OK;
    }
  }
}
