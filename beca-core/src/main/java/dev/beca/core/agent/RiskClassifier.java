package dev.beca.core.agent;

import com.google.re2j.Pattern;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Classifies a tool call by fixed rules, never by asking a model. Reads inside the project are
 * {@link RiskLevel#LOW low}, writes inside it {@link RiskLevel#MEDIUM medium}, commands {@link
 * RiskLevel#HIGH high}. {@link RiskLevel#CRITICAL Critical}: any path outside the project (read or
 * write), credentials folders and files ({@code ~/.ssh}, {@code .aws/credentials}, {@code .gnupg},
 * private keys), writes to {@code .git/} internals (hooks run code) or to BECA's own {@code .beca/}
 * policy, and commands with {@code sudo}/{@code su}/{@code doas}, {@code rm} with recursive and
 * force flags on anything but build output folders ({@code target}, {@code build}, {@code out},
 * {@code dist}, {@code node_modules}, {@code .gradle}), a forced {@code git push}, a download piped
 * into a shell, uploads with {@code curl}/{@code wget}, {@code nc}/{@code scp}/{@code rsync} to a
 * host, disk-level writes ({@code mkfs}, {@code dd of=/dev/...}) and a fork bomb. Command patterns
 * use RE2/J, so hostile command lines take linear time.
 *
 * <p>Made with a {@link CommandSandbox} that is not {@linkplain CommandSandbox#isActive() active}
 * (no bubblewrap), every command is rated one level higher: high becomes critical (and critical
 * stays critical), so an unsandboxed command runs only when a user policy rule names it with a
 * pattern.
 */
public final class RiskClassifier {

  private static final Set<String> BUILD_FOLDERS =
      Set.of(
          "target",
          "build",
          "out",
          "dist",
          "node_modules",
          ".gradle",
          "__pycache__",
          ".pytest_cache");

  private static final Pattern SENSITIVE_PATH =
      Pattern.compile(
          "(^|/)(\\.ssh|\\.gnupg|\\.aws|\\.azure|\\.kube|\\.docker)(/|$)|(^|/)\\.config/gcloud(/|$)"
              + "|(^|/)id_(rsa|dsa|ecdsa|ed25519)(\\.pub)?$|(^|/)\\.netrc$|(^|/)\\.git-credentials$"
              + "|^/etc/(shadow|sudoers|passwd)$");

  private record CommandRule(Pattern pattern, String reason) {}

  private static final List<CommandRule> COMMAND_RULES =
      List.of(
          new CommandRule(
              Pattern.compile("(^|[;&|(`]|\\$\\()\\s*(sudo|su|doas|pkexec)(\\s|$)"),
              "runs a command as another user (sudo, su, doas)"),
          new CommandRule(
              Pattern.compile(
                  "\\bgit\\s+push\\b[^;&|]*(\\s--force(-with-lease)?\\b|\\s-[a-zA-Z]*f\\b|\\s\\+\\S)"),
              "force-pushes with git, which can destroy others' commits"),
          new CommandRule(
              Pattern.compile(
                  "\\b(curl|wget|fetch)\\b[^;&]*\\|\\s*(sudo\\s+)?(ba|z|da|k|fi)?sh\\b"),
              "pipes a download into a shell"),
          new CommandRule(
              Pattern.compile("\\b(ba|z|da)?sh\\s+(-c\\s+)?[\"']?\\s*<?\\(\\s*(curl|wget)\\b"),
              "runs a downloaded script"),
          new CommandRule(
              Pattern.compile(
                  "\\bcurl\\b[^;&|]*(\\s(-d|--data(-binary|-raw|-urlencode)?)[\\s=]*@"
                      + "|\\s(-F|--form)[\\s=]+\\S*=[@<]|\\s(-T|--upload-file)[\\s=])"),
              "uploads a file with curl"),
          new CommandRule(
              Pattern.compile("\\bwget\\b[^;&|]*--post-file"), "uploads a file with wget"),
          new CommandRule(
              Pattern.compile(
                  "(^|[;&|(]|\\s)(nc|ncat|netcat|scp|sftp|rsync)\\s[^;&|]*[A-Za-z0-9.-]+:"),
              "copies data to another host"),
          new CommandRule(
              Pattern.compile("(^|[;&|(]|\\s)(nc|ncat|netcat)\\s"),
              "opens a raw network connection"),
          new CommandRule(
              Pattern.compile("\\b(mkfs(\\.\\w+)?|fdisk|parted|wipefs)\\b"),
              "formats or partitions a disk"),
          new CommandRule(Pattern.compile("\\bdd\\b[^;&|]*\\bof=/dev/"), "writes to a device"),
          new CommandRule(Pattern.compile(">\\s*/dev/(sd|nvme|hd|disk)"), "writes to a device"),
          new CommandRule(
              Pattern.compile(":\\s*\\(\\s*\\)\\s*\\{[^}]*:\\s*\\|\\s*:"), "is a fork bomb"),
          new CommandRule(
              Pattern.compile("\\bchmod\\s+(-R\\s+)?[0-7]*777\\s+/"),
              "opens permissions on system folders"),
          new CommandRule(
              Pattern.compile(
                  "(~|\\$HOME|\\$\\{HOME\\})/(\\.ssh|\\.gnupg|\\.aws|\\.netrc|\\.git-credentials)"
                      + "|(^|\\s|/)\\.ssh/|\\bid_(rsa|dsa|ecdsa|ed25519)\\b"),
              "touches SSH keys or other credentials"),
          new CommandRule(
              Pattern.compile("\\b(printenv|env)\\s*(\\||>|$)|\\bset\\s*\\|\\s*(curl|nc|wget)"),
              "dumps the environment (it may hold credentials)"));

  private final ProjectRoot root;
  private final String unsandboxed;

  /**
   * Creates a classifier for a project whose commands run in a sandbox, or that has none.
   *
   * @param root the project; paths outside it are critical
   */
  public RiskClassifier(ProjectRoot root) {
    this.root = Objects.requireNonNull(root, "root");
    this.unsandboxed = null;
  }

  /**
   * Creates a classifier for a project whose commands run in {@code sandbox}: without an active
   * sandbox every command is rated one level higher.
   *
   * @param root the project; paths outside it are critical
   * @param sandbox where the project's commands run
   */
  public RiskClassifier(ProjectRoot root, CommandSandbox sandbox) {
    this.root = Objects.requireNonNull(root, "root");
    this.unsandboxed = Objects.requireNonNull(sandbox, "sandbox").isActive() ? null : "no sandbox";
  }

  /** The project this classifier judges paths against. */
  public ProjectRoot root() {
    return root;
  }

  /**
   * Classifies an action.
   *
   * @param action what the call would do
   * @return its level and why
   */
  public RiskAssessment classify(ToolAction action) {
    RiskAssessment risk = classifyAsSandboxed(action);
    if (unsandboxed == null
        || action.kind() != ActionKind.COMMAND
        || risk.level() == RiskLevel.CRITICAL) {
      return risk;
    }
    return new RiskAssessment(
        RiskLevel.values()[risk.level().ordinal() + 1],
        risk.reason() + " without a sandbox, so one level higher");
  }

  private RiskAssessment classifyAsSandboxed(ToolAction action) {
    Objects.requireNonNull(action, "action");
    for (String path : action.paths()) {
      Optional<RiskAssessment> critical = criticalPath(path, action.kind());
      if (critical.isPresent()) {
        return critical.get();
      }
    }
    if (action.command().isPresent()) {
      Optional<RiskAssessment> critical = criticalCommand(action.command().get());
      if (critical.isPresent()) {
        return critical.get();
      }
    }
    return switch (action.kind()) {
      case READ -> new RiskAssessment(RiskLevel.LOW, "reads inside the project");
      case WRITE -> new RiskAssessment(RiskLevel.MEDIUM, "writes inside the project");
      case COMMAND -> new RiskAssessment(RiskLevel.HIGH, "runs a command");
      // Not the project, but what is remembered reaches later prompts (a poisoned pattern would
      // steer future turns): asked about in ask mode, refused in read-only mode.
      case MEMORY -> new RiskAssessment(RiskLevel.MEDIUM, "writes BECA's memory");
    };
  }

  private Optional<RiskAssessment> criticalPath(String path, ActionKind kind) {
    String verb = kind == ActionKind.WRITE ? "writes" : "reads";
    String normalised = path == null ? "" : path.strip().replace('\\', '/');
    if (SENSITIVE_PATH.matcher(normalised).find()) {
      return critical(verb + " credentials (" + path + ")");
    }
    Optional<String> refusal = root.refusal(path);
    if (refusal.isPresent()) {
      return critical(verb + " outside the project (" + path + ")");
    }
    if (kind == ActionKind.WRITE) {
      String relative = root.relative(root.resolve(path));
      if (relative.equals(".git") || relative.startsWith(".git/")) {
        return critical("writes git's internals (" + relative + "; hooks there run code)");
      }
      if (relative.equals(".beca") || relative.startsWith(".beca/")) {
        return critical("writes BECA's own project settings and policy (" + relative + ")");
      }
    }
    return Optional.empty();
  }

  private Optional<RiskAssessment> criticalCommand(String command) {
    for (CommandRule rule : COMMAND_RULES) {
      if (rule.pattern().matcher(command).find()) {
        return critical("command " + rule.reason());
      }
    }
    for (List<String> words : simpleCommands(command)) {
      Optional<RiskAssessment> rm = recursiveForceRemove(words);
      if (rm.isPresent()) {
        return rm;
      }
    }
    return Optional.empty();
  }

  /** {@code rm} with both -r and -f is critical unless every target is a build output folder. */
  private static Optional<RiskAssessment> recursiveForceRemove(List<String> words) {
    int at = 0;
    while (at < words.size()
        && (words.get(at).equals("command")
            || words.get(at).equals("exec")
            || words.get(at).contains("="))) {
      at++;
    }
    if (at >= words.size() || !(words.get(at).equals("rm") || words.get(at).endsWith("/rm"))) {
      return Optional.empty();
    }
    boolean recursive = false;
    boolean force = false;
    List<String> targets = new ArrayList<>();
    for (String word : words.subList(at + 1, words.size())) {
      if (word.equals("--recursive")) {
        recursive = true;
      } else if (word.equals("--force")) {
        force = true;
      } else if (word.startsWith("-") && !word.startsWith("--")) {
        String flags = word.substring(1);
        recursive |= flags.indexOf('r') >= 0 || flags.indexOf('R') >= 0;
        force |= flags.indexOf('f') >= 0;
      } else if (!word.startsWith("--")) {
        targets.add(word);
      }
    }
    if (!(recursive && force)) {
      return Optional.empty();
    }
    for (String target : targets) {
      if (!isBuildFolder(target)) {
        return critical(
            "command removes "
                + target
                + " recursively and by force (only build output folders "
                + "such as target/ are not critical)");
      }
    }
    return Optional.empty();
  }

  private static boolean isBuildFolder(String target) {
    String t = target.replaceAll("^[\"']|[\"']$", "");
    if (t.startsWith("./")) {
      t = t.substring(2);
    }
    if (t.isEmpty()
        || t.startsWith("/")
        || t.startsWith("~")
        || t.startsWith("$")
        || t.contains("..")
        || t.contains("*") && t.indexOf('/') < 0) {
      return false;
    }
    String first = t.split("/", -1)[0];
    return BUILD_FOLDERS.contains(first);
  }

  /**
   * Splits a command line into its simple commands, at {@code ;}, {@code &}, {@code |}, line
   * breaks, {@code $(} and backticks; each stripped, none empty.
   */
  static List<String> commandParts(String command) {
    List<String> parts = new ArrayList<>();
    for (String part : command.split("[;&|\\n]+|\\$\\(|`")) {
      if (!part.isBlank()) {
        parts.add(part.strip());
      }
    }
    return parts;
  }

  /** The simple commands of a command line as whitespace-separated words. */
  private static List<List<String>> simpleCommands(String command) {
    List<List<String>> commands = new ArrayList<>();
    for (String part : commandParts(command)) {
      List<String> words = new ArrayList<>();
      for (String word : part.split("\\s+")) {
        if (!word.isEmpty()) {
          words.add(word);
        }
      }
      if (!words.isEmpty()) {
        commands.add(words);
      }
    }
    return commands;
  }

  private static Optional<RiskAssessment> critical(String reason) {
    return Optional.of(new RiskAssessment(RiskLevel.CRITICAL, reason));
  }
}
