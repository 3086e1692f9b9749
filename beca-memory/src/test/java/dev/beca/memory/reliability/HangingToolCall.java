package dev.beca.memory.reliability;

import dev.beca.core.agent.AgentTool;
import dev.beca.core.agent.ApprovalMode;
import dev.beca.core.agent.PendingApprovals;
import dev.beca.core.agent.PermissionPolicy;
import dev.beca.core.agent.ProjectRoot;
import dev.beca.core.agent.RiskClassifier;
import dev.beca.core.agent.ToolAction;
import dev.beca.core.agent.ToolArguments;
import dev.beca.core.agent.ToolResult;
import dev.beca.core.agent.ToolRunner;
import dev.beca.core.secrets.SecretScanner;
import dev.beca.memory.SqliteKnowledgeBase;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * The child process of {@link AuditSurvivesKillTest}: runs one tool call through the {@link
 * ToolRunner} with the SQLite audit; the tool prints {@code running} and never returns, until the
 * process is killed.
 */
public final class HangingToolCall {

  private HangingToolCall() {}

  /** Arguments: database file, project folder, session id. */
  public static void main(String[] args) {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    SqliteKnowledgeBase kb =
        SqliteKnowledgeBase.builder().databaseFile(Path.of(args[0])).withoutEmbeddings().open();
    ProjectRoot root = ProjectRoot.of(Path.of(args[1]));
    AgentTool hang =
        new AgentTool() {
          @Override
          public ToolSpecification specification() {
            return ToolSpecification.builder()
                .name("run_command")
                .description("runs a command that never ends")
                .parameters(JsonObjectSchema.builder().addStringProperty("command").build())
                .build();
          }

          @Override
          public ToolAction describe(ToolArguments arguments) {
            return ToolAction.command(arguments.string("command"));
          }

          @Override
          public ToolResult execute(ToolArguments arguments) {
            out.println("running");
            while (true) {
              try {
                Thread.sleep(60_000);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return ToolResult.error("interrupted");
              }
            }
          }
        };
    ToolRunner runner =
        ToolRunner.builder()
            .tools(List.of(hang))
            .classifier(new RiskClassifier(root))
            .policy(PermissionPolicy.builder().mode(ApprovalMode.FULL_AUTO).build())
            .approvals(PendingApprovals.unattended())
            .audit(kb.decisionAudit())
            .scanner(SecretScanner.standard())
            .alerts(kb.securityAlerts())
            .build();
    runner.run(args[2], "run_command", "{\"command\":\"sleep infinity\"}");
  }
}
