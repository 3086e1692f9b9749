package dev.beca.core.agent;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Where {@code run_command} runs commands: inside bubblewrap ({@code bwrap}) when it is installed
 * and works, else directly, with a {@link #notice() notice} to show once and every command {@link
 * RiskClassifier#RiskClassifier(ProjectRoot, CommandSandbox) one risk level higher}.
 *
 * <p>In the sandbox: the whole file system is read-only ({@code --ro-bind / /}) with a fresh {@code
 * /dev}, a {@code /proc} of a new PID namespace (BECA's own process, and the credentials in its
 * environment, are not visible) and an empty {@code /tmp}; writable are only the project, the build
 * tools' caches under the home folder that exist ({@code ~/.m2}, {@code ~/.gradle}, {@code
 * ~/.cache/pip}, {@code ~/.npm}, {@code ~/.cache/go-build}, {@code ~/go/pkg/mod}) and {@link
 * CommandSettings#writablePaths()}; hidden (an empty folder or file in their place) are {@link
 * #HIDDEN_IN_HOME} in the home folder, the agent sockets below {@code /run/user}, the container
 * engine sockets and {@link CommandSettings#hiddenPaths()}; there is no network ({@code
 * --unshare-net}) unless {@link CommandSettings#allowNetwork()}; the command gets a new session (it
 * cannot push keystrokes into BECA's terminal), no capabilities, its own PID, IPC and host name
 * namespaces, and dies with BECA ({@code --die-with-parent}): when BECA is killed, or when the
 * command's shell ends, every process the command started ends too.
 */
public final class CommandSandbox {

  /** What the sandbox hides in the home folder when it exists: credentials and keys. */
  public static final List<String> HIDDEN_IN_HOME =
      List.of(
          ".ssh",
          ".gnupg",
          ".aws",
          ".azure",
          ".kube",
          ".docker",
          ".config/gcloud",
          ".config/gh",
          ".config/hub",
          ".password-store",
          ".local/share/keyrings",
          ".beca",
          ".netrc",
          ".git-credentials",
          ".npmrc",
          ".pypirc",
          ".vault-token");

  /** The build caches below the home folder the sandbox makes writable when they exist. */
  public static final List<String> CACHES_IN_HOME =
      List.of(".m2", ".gradle", ".cache/pip", ".npm", ".cache/go-build", "go/pkg/mod");

  private static final List<String> HIDDEN_SYSTEM =
      List.of(
          "/run/user",
          "/run/docker.sock",
          "/var/run/docker.sock",
          "/run/podman",
          "/run/containerd/containerd.sock");

  private static final List<String> BASE_FLAGS =
      List.of(
          "--die-with-parent",
          "--new-session",
          "--unshare-pid",
          "--unshare-ipc",
          "--unshare-uts",
          "--unshare-cgroup-try");

  private static volatile CommandSandbox detected;

  private final Path bwrap;
  private final List<String> extraFlags;
  private final String unavailableReason;

  private CommandSandbox(Path bwrap, List<String> extraFlags, String unavailableReason) {
    this.bwrap = bwrap;
    this.extraFlags = extraFlags;
    this.unavailableReason = unavailableReason;
  }

  /**
   * The sandbox of this machine: bubblewrap when {@code bwrap} is on the {@code PATH} and a probe
   * ({@code bwrap --ro-bind / / ... true} with the flags commands get) succeeds, else none. Probed
   * once per process; later calls return the same answer.
   */
  public static CommandSandbox detect() {
    CommandSandbox sandbox = detected;
    if (sandbox == null) {
      synchronized (CommandSandbox.class) {
        sandbox = detected;
        if (sandbox == null) {
          sandbox = onPath(System.getenv("PATH"));
          detected = sandbox;
        }
      }
    }
    return sandbox;
  }

  /**
   * Probes the {@code bwrap} found on a search path, without caching.
   *
   * @param searchPath a {@code PATH}-style list of folders; null or empty means none
   * @return the sandbox, or none saying why
   */
  public static CommandSandbox onPath(String searchPath) {
    if (searchPath != null) {
      for (String dir : searchPath.split(java.io.File.pathSeparator)) {
        if (dir.isEmpty()) {
          continue;
        }
        Path candidate = Path.of(dir, "bwrap");
        if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
          return bubblewrap(candidate);
        }
      }
    }
    return none("bubblewrap (bwrap) is not installed");
  }

  /**
   * Probes a bubblewrap binary, without caching.
   *
   * @param bwrap the binary
   * @return the sandbox, or none saying why the probe failed
   */
  public static CommandSandbox bubblewrap(Path bwrap) {
    Objects.requireNonNull(bwrap, "bwrap");
    // Without root, dropping capabilities is implied (a user namespace has none to keep).
    String first = probe(bwrap, List.of("--cap-drop", "ALL"));
    if (first == null) {
      return new CommandSandbox(bwrap, List.of("--cap-drop", "ALL"), null);
    }
    String second = probe(bwrap, List.of());
    if (second == null) {
      return new CommandSandbox(bwrap, List.of(), null);
    }
    return none("bubblewrap (" + bwrap + ") does not work here: " + first);
  }

  /**
   * No sandbox: commands run directly.
   *
   * @param reason why, for the notice ({@code "bubblewrap (bwrap) is not installed"})
   * @return the sandbox that is none
   */
  public static CommandSandbox none(String reason) {
    Objects.requireNonNull(reason, "reason");
    return new CommandSandbox(null, List.of(), reason);
  }

  /** Whether commands run inside bubblewrap. */
  public boolean isActive() {
    return bwrap != null;
  }

  /**
   * The line a front end shows once when there is no sandbox; empty when there is one.
   *
   * @return for example {@code "No sandbox for commands: bubblewrap (bwrap) is not installed ..."}
   */
  public Optional<String> notice() {
    if (isActive()) {
      return Optional.empty();
    }
    return Optional.of(
        "No sandbox for commands: "
            + unavailableReason
            + ". Commands run with your permissions and count one risk level higher (critical:"
            + " only those a user policy rule names run). Install bubblewrap (apt-get install"
            + " bubblewrap) to sandbox them.");
  }

  /** What commands run in, in words, for the tool's description and the terminal. */
  public String description(CommandSettings settings) {
    if (!isActive()) {
      return "no sandbox (" + unavailableReason + ")";
    }
    return "a bubblewrap sandbox: the system is read-only, only the project folder, /tmp and the"
        + " build caches are writable, credentials folders are hidden"
        + (settings.allowNetwork() ? "" : ", there is no network");
  }

  /**
   * The command line that runs {@code command} for a project: {@code command} itself without a
   * sandbox, else {@code bwrap} with the options described above and then {@code command}.
   *
   * @param command the program and its arguments
   * @param project the project folder (real path), the working directory and writable
   * @param environment the command's environment; its {@code HOME} is where caches and credentials
   *     are looked for (besides this process's {@code user.home})
   * @param settings network, extra writable and hidden paths
   * @return the full command line
   */
  public List<String> commandLine(
      List<String> command,
      Path project,
      Map<String, String> environment,
      CommandSettings settings) {
    if (!isActive()) {
      return List.copyOf(command);
    }
    List<String> line = new ArrayList<>();
    line.add(bwrap.toString());
    line.addAll(BASE_FLAGS);
    line.addAll(extraFlags);
    if (!settings.allowNetwork()) {
      line.add("--unshare-net");
    }
    line.addAll(List.of("--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc"));
    line.addAll(List.of("--tmpfs", "/tmp"));
    Path projectPath = project.toAbsolutePath().normalize();
    bind(line, projectPath);
    Set<Path> homes = new LinkedHashSet<>();
    String home = environment.get("HOME");
    if (home != null && !home.isBlank()) {
      homes.add(Path.of(home).toAbsolutePath().normalize());
    }
    homes.add(Path.of(System.getProperty("user.home")).toAbsolutePath().normalize());
    for (Path h : homes) {
      for (String cache : CACHES_IN_HOME) {
        Path p = h.resolve(cache);
        if (Files.isDirectory(p)) {
          bind(line, p);
        }
      }
    }
    for (Path p : settings.writablePaths()) {
      if (Files.exists(p)) {
        bind(line, p);
      }
    }
    List<Path> hidden = new ArrayList<>();
    for (Path h : homes) {
      HIDDEN_IN_HOME.forEach(name -> hidden.add(h.resolve(name)));
    }
    HIDDEN_SYSTEM.forEach(name -> hidden.add(Path.of(name)));
    hidden.addAll(settings.hiddenPaths());
    Set<Path> done = new LinkedHashSet<>();
    for (Path p : hidden) {
      if (done.add(realOrSelf(p))) {
        hide(line, p, projectPath);
      }
    }
    line.addAll(List.of("--chdir", projectPath.toString(), "--"));
    line.addAll(command);
    return line;
  }

  private static void bind(List<String> line, Path path) {
    String p = realOrSelf(path).toString();
    line.addAll(List.of("--bind", p, p));
  }

  /** An empty tmpfs over a folder, {@code /dev/null} over anything else; not over the project. */
  private static void hide(List<String> line, Path path, Path project) {
    if (!Files.exists(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    Path real = realOrSelf(path);
    if (project.startsWith(real)) {
      return; // hiding it would hide the project; the classifier still rates such paths critical
    }
    if (Files.isDirectory(real)) {
      line.addAll(List.of("--tmpfs", real.toString()));
    } else {
      line.addAll(List.of("--ro-bind", "/dev/null", real.toString()));
    }
  }

  private static Path realOrSelf(Path path) {
    try {
      return path.toRealPath();
    } catch (IOException e) {
      return path.toAbsolutePath().normalize();
    }
  }

  /** Runs {@code bwrap ... true}; null when it worked, else what went wrong. */
  private static String probe(Path bwrap, List<String> extra) {
    List<String> line = new ArrayList<>();
    line.add(bwrap.toString());
    line.addAll(BASE_FLAGS);
    line.addAll(extra);
    line.addAll(
        List.of(
            "--unshare-net",
            "--ro-bind",
            "/",
            "/",
            "--dev",
            "/dev",
            "--proc",
            "/proc",
            "--tmpfs",
            "/tmp",
            "--",
            "true"));
    try {
      Process process = new ProcessBuilder(line).redirectErrorStream(true).start();
      process.getOutputStream().close();
      byte[] output;
      try (InputStream in = process.getInputStream()) {
        output = in.readNBytes(2_000);
      }
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        return "the probe did not end within 20 s";
      }
      if (process.exitValue() == 0) {
        return null;
      }
      String text = new String(output, StandardCharsets.UTF_8).strip().replace('\n', ' ');
      return "exit code " + process.exitValue() + (text.isEmpty() ? "" : " (" + text + ")");
    } catch (IOException e) {
      return e.getMessage();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "the probe was interrupted";
    }
  }

  @Override
  public String toString() {
    return isActive() ? "CommandSandbox[bwrap=" + bwrap + "]" : "CommandSandbox[none]";
  }
}
