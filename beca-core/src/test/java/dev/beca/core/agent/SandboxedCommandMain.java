package dev.beca.core.agent;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Runs one sandboxed command, as BECA would, in a separate JVM that a test kills with SIGKILL.
 * Arguments: the project folder, the home folder, the command line.
 */
public final class SandboxedCommandMain {

  private SandboxedCommandMain() {}

  /** Runs the command and prints its result. */
  public static void main(String[] args) {
    Map<String, String> env = new HashMap<>(System.getenv());
    env.put("HOME", args[1]);
    AgentTool tool =
        ProjectCommandTools.create(
                ProjectRoot.of(Path.of(args[0])),
                CommandSandbox.detect(),
                CommandSettings.builder().environment(env).build())
            .get(0);
    ToolArguments arguments =
        ToolArguments.parse(
            tool.specification(), "{\"command\": \"" + args[2] + "\", \"timeout_seconds\": 300}");
    System.out.println(tool.execute(arguments, new ToolCancellation()).text());
  }
}
