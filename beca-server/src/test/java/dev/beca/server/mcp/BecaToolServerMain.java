package dev.beca.server.mcp;

import dev.beca.core.agent.ApprovalMode;
import dev.beca.core.agent.InMemoryDecisionAuditLog;
import dev.beca.core.agent.PendingApprovals;
import dev.beca.core.agent.PermissionPolicy;
import dev.beca.core.agent.ProjectFileTools;
import dev.beca.core.agent.ProjectRoot;
import dev.beca.core.agent.RiskClassifier;
import dev.beca.core.agent.ToolRunner;
import dev.beca.core.secrets.InMemorySecurityAlertStore;
import dev.beca.core.secrets.SecretScanner;
import java.nio.file.Path;
import java.time.Clock;

/**
 * BECA's project file tools served over MCP on standard input and output, in read-only mode, as a
 * process the tests start: the project folder is the first argument.
 */
public final class BecaToolServerMain {

  private BecaToolServerMain() {}

  /**
   * Serves until the client closes standard input, then exits.
   *
   * @param args the project folder
   */
  public static void main(String[] args) throws Exception {
    ProjectRoot root = ProjectRoot.of(Path.of(args[0]));
    ToolRunner runner =
        ToolRunner.builder()
            .tools(ProjectFileTools.create(root))
            .classifier(new RiskClassifier(root))
            .policy(PermissionPolicy.builder().mode(ApprovalMode.READ_ONLY).build())
            .approvals(PendingApprovals.unattended())
            .audit(new InMemoryDecisionAuditLog())
            .scanner(SecretScanner.standard())
            .alerts(new InMemorySecurityAlertStore(Clock.systemUTC()))
            .build();
    try (McpToolServer server =
        McpToolServer.stdio(runner, "mcp-test", System.in, System.out, "test")) {
      server.awaitClientGone();
    }
    System.exit(0);
  }
}
