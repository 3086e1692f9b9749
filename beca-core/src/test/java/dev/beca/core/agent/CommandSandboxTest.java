package dev.beca.core.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Escape attempts from the bubblewrap sandbox with real processes: each is shown to work without
 * the sandbox and to fail inside it. Needs {@code bwrap} (CI installs it; a machine without it
 * skips these tests).
 */
class CommandSandboxTest {

  private Path base;
  private Path project;
  private Path outside;
  private Path home;
  private ProjectRoot root;

  @BeforeEach
  void createFolders() throws IOException {
    base = Processes.folderOutsideTmp("sandbox-");
    project = Files.createDirectories(base.resolve("project"));
    outside = Files.createDirectories(base.resolve("outside"));
    home = Files.createDirectories(base.resolve("home"));
    Files.createDirectories(home.resolve(".ssh"));
    Files.writeString(home.resolve(".ssh/id_ed25519"), "PRIVATE KEY MATERIAL\n");
    Files.writeString(home.resolve(".netrc"), "machine example.org password hunter2\n");
    Files.createDirectories(home.resolve(".m2"));
    root = ProjectRoot.of(project);
  }

  @AfterEach
  void deleteFolders() throws IOException {
    Processes.delete(base);
  }

  private static CommandSandbox sandbox() {
    CommandSandbox sandbox = CommandSandbox.detect();
    assumeTrue(sandbox.isActive(), "bubblewrap is not usable here: " + sandbox.notice());
    return sandbox;
  }

  private CommandSettings.Builder settings() {
    Map<String, String> env = new HashMap<>(System.getenv());
    env.put("HOME", home.toString());
    return CommandSettings.builder().environment(env);
  }

  private ToolResult run(CommandSandbox sandbox, CommandSettings settings, String command) {
    AgentTool tool = ProjectCommandTools.create(root, sandbox, settings).get(0);
    ToolArguments arguments =
        ToolArguments.parse(
            tool.specification(),
            "{\"command\": \""
                + command.replace("\\", "\\\\").replace("\"", "\\\"")
                + "\", \"timeout_seconds\": 60}");
    return tool.execute(arguments, new ToolCancellation());
  }

  private ToolResult sandboxed(String command) {
    return run(sandbox(), settings().build(), command);
  }

  private ToolResult unsandboxed(String command) {
    return run(CommandSandbox.none("test"), settings().build(), command);
  }

  @Test
  void theProjectIsWritableAndTheCommandRunsInIt() throws IOException {
    ToolResult result = sandboxed("pwd; echo built > result.txt; mkdir -p target && echo ok");

    assertThat(result.text()).isEqualTo(root.path() + "\nok\n[exit code 0]");
    assertThat(project.resolve("result.txt")).hasContent("built");
  }

  @Test
  void writingOutsideTheProjectFails() {
    String command = "echo escaped > '" + outside.resolve("x.txt") + "'";
    ToolResult result = sandboxed(command);

    assertThat(result.success()).isFalse();
    assertThat(result.text()).contains("Read-only file system");
    assertThat(outside.resolve("x.txt")).doesNotExist();

    assertThat(unsandboxed(command).success()).isTrue();
    assertThat(outside.resolve("x.txt")).exists();
  }

  @Test
  void theSystemIsReadOnlyEvenForRoot() {
    ToolResult result = sandboxed("touch /usr/beca-sandbox-test || echo refused");

    assertThat(result.text()).contains("refused");
    assertThat(Path.of("/usr/beca-sandbox-test")).doesNotExist();
  }

  @Test
  void tmpIsAFreshFolderThatLeavesNothingBehind() throws IOException {
    Path hostFile = Files.createTempFile(Path.of("/tmp"), "beca-sandbox-host-", ".txt");
    try {
      String mine = "/tmp/beca-sandbox-" + Processes.marker();
      ToolResult result =
          sandboxed(
              "ls '"
                  + hostFile
                  + "' 2>/dev/null || echo host-tmp-hidden; echo x > "
                  + mine
                  + " && cat "
                  + mine);

      assertThat(result.text()).isEqualTo("host-tmp-hidden\nx\n[exit code 0]");
      assertThat(Path.of(mine)).doesNotExist();
    } finally {
      Files.deleteIfExists(hostFile);
    }
  }

  @Test
  void credentialsInTheHomeFolderCannotBeRead() {
    String command = "cat \"$HOME/.ssh/id_ed25519\" '" + home.resolve(".netrc") + "'; ls -A ~/.ssh";

    ToolResult result = sandboxed(command);

    assertThat(result.text()).doesNotContain("PRIVATE KEY MATERIAL").doesNotContain("hunter2");
    assertThat(unsandboxed(command).text())
        .contains("PRIVATE KEY MATERIAL")
        .contains("hunter2")
        .contains("id_ed25519");
  }

  @Test
  void buildCachesInTheHomeFolderStayWritable() {
    ToolResult result = sandboxed("echo cached > \"$HOME/.m2/marker\" && echo ok");

    assertThat(result.text()).isEqualTo("ok\n[exit code 0]");
    assertThat(home.resolve(".m2/marker")).hasContent("cached");
  }

  @Test
  void theNetworkCannotBeReachedUnlessAllowed() throws IOException {
    try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      String command =
          "(exec 3<>/dev/tcp/127.0.0.1/"
              + server.getLocalPort()
              + ") 2>/dev/null && echo connected || echo no-network";

      assertThat(sandboxed(command).text()).isEqualTo("no-network\n[exit code 0]");
      assertThat(unsandboxed(command).text()).isEqualTo("connected\n[exit code 0]");
      assertThat(run(sandbox(), settings().allowNetwork(true).build(), command).text())
          .isEqualTo("connected\n[exit code 0]");
    }
  }

  @Test
  void beCasOwnProcessAndItsEnvironmentAreNotVisible() {
    long self = ProcessHandle.current().pid();
    String command =
        "cat /proc/" + self + "/environ >/dev/null 2>&1 && echo visible || echo hidden";

    assertThat(sandboxed(command).text()).isEqualTo("hidden\n[exit code 0]");
    assertThat(unsandboxed(command).text()).isEqualTo("visible\n[exit code 0]");
  }

  @Test
  void aCommandThatNeverEndsIsKilledWithEverythingItStarted() throws Exception {
    long marker = Processes.marker();
    AgentTool tool = ProjectCommandTools.create(root, sandbox(), settings().build()).get(0);
    ToolArguments arguments =
        ToolArguments.parse(
            tool.specification(),
            "{\"command\": \"sleep "
                + marker
                + " & (sleep "
                + marker
                + " &) ; echo started; wait\", \"timeout_seconds\": 2}");

    ToolResult result = tool.execute(arguments, new ToolCancellation());

    assertThat(result.text()).startsWith("started\n").contains("[timed out after 2 s");
    Processes.awaitUpTo(15, () -> Processes.sleeping(marker).isEmpty());
    assertThat(Processes.sleeping(marker)).isEmpty();
  }

  @Test
  void backgroundProcessesEndWithTheCommand() throws Exception {
    long marker = Processes.marker();

    ToolResult result = sandboxed("(sleep " + marker + " &); echo left-running");

    assertThat(result.text()).isEqualTo("left-running\n[exit code 0]");
    Processes.awaitUpTo(15, () -> Processes.sleeping(marker).isEmpty());
    assertThat(Processes.sleeping(marker)).isEmpty();
  }

  @Test
  void killingBecaKillsTheSandboxedCommand() throws Exception {
    sandbox();
    long marker = Processes.marker();
    String java = ProcessHandle.current().info().command().orElse("java");
    Process beca =
        new ProcessBuilder(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                SandboxedCommandMain.class.getName(),
                project.toString(),
                home.toString(),
                "sleep " + marker + " & sleep " + marker + "; wait")
            .redirectErrorStream(true)
            .redirectOutput(base.resolve("child.log").toFile())
            .start();
    try {
      Processes.awaitUpTo(60, () -> Processes.sleeping(marker).size() == 2);
      assertThat(Processes.sleeping(marker)).as("the command runs").hasSize(2);

      beca.destroyForcibly(); // SIGKILL: BECA gets no chance to clean up
      assertThat(beca.waitFor(30, TimeUnit.SECONDS)).isTrue();

      Processes.awaitUpTo(15, () -> Processes.sleeping(marker).isEmpty());
      assertThat(Processes.sleeping(marker)).isEmpty();
    } finally {
      beca.destroyForcibly();
      Processes.sleeping(marker).forEach(ProcessHandle::destroyForcibly);
    }
  }

  @Test
  void theCommandLineHidesAndBindsWhatExists() {
    CommandSandbox sandbox = sandbox();
    Map<String, String> env = Map.of("HOME", home.toString());

    List<String> line =
        sandbox.commandLine(List.of("/bin/sh", "-c", "true"), project, env, settings().build());

    assertThat(String.join(" ", line))
        .contains("--die-with-parent")
        .contains("--new-session")
        .contains("--unshare-pid")
        .contains("--unshare-net")
        .contains("--ro-bind / /")
        .contains("--tmpfs /tmp")
        .contains("--bind " + project + " " + project)
        .contains("--bind " + home.resolve(".m2") + " " + home.resolve(".m2"))
        .contains("--tmpfs " + home.resolve(".ssh"))
        .contains("--ro-bind /dev/null " + home.resolve(".netrc"))
        .doesNotContain(home.resolve(".aws").toString())
        .endsWith("--chdir " + project + " -- /bin/sh -c true");
    assertThat(
            sandbox.commandLine(
                List.of("true"), project, env, settings().allowNetwork(true).build()))
        .doesNotContain("--unshare-net");
    assertThat(sandbox.notice()).isEmpty();
  }

  @Test
  void withoutBubblewrapThereIsANoticeAndCommandsRunAsTheyAre() {
    CommandSandbox none = CommandSandbox.onPath(base.toString());

    assertThat(none.isActive()).isFalse();
    assertThat(none.notice())
        .hasValueSatisfying(
            n ->
                assertThat(n)
                    .startsWith("No sandbox for commands: bubblewrap (bwrap) is not installed.")
                    .contains("one risk level higher")
                    .contains("apt-get install bubblewrap"));
    assertThat(none.commandLine(List.of("true"), project, Map.of(), settings().build()))
        .containsExactly("true");
  }

  @Test
  void aBubblewrapThatFailsIsNoSandboxAndSaysWhy() throws IOException {
    Path fake = base.resolve("bwrap");
    Files.writeString(fake, "#!/bin/sh\necho 'no permission to create namespaces' >&2\nexit 1\n");
    fake.toFile().setExecutable(true);

    CommandSandbox sandbox = CommandSandbox.bubblewrap(fake);

    assertThat(sandbox.isActive()).isFalse();
    assertThat(sandbox.notice().orElseThrow())
        .contains("does not work here: exit code 1 (no permission to create namespaces)");
  }
}
