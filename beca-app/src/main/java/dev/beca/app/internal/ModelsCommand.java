package dev.beca.app.internal;

import dev.beca.core.InvalidInputException;
import dev.beca.core.NotFoundException;
import dev.beca.core.model.HealthStatus;
import dev.beca.core.model.ModelInfo;
import dev.beca.core.model.ModelParameters;
import dev.beca.core.model.ModelRole;
import dev.beca.core.model.ModelVersion;
import dev.beca.core.model.ModelVersionStatus;
import dev.beca.core.model.PullProgress;
import dev.beca.core.model.ServerHealth;
import dev.beca.models.ModelListing;
import dev.beca.models.ModelManager;
import dev.beca.models.ModelTarget;
import dev.beca.models.ModelTestResult;
import dev.beca.models.ModelUpdate;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code beca models}: see which models the servers have, try one, switch a role to it, roll back,
 * check for updates, pull, delete, and check the servers' health. The active model of each role is
 * kept in the knowledge base, so {@code beca chat} uses whatever was chosen last.
 */
@Command(
    name = "models",
    mixinStandardHelpOptions = true,
    description =
        "Manage the models BECA uses: list, test, use, rollback, history, updates, pull, rm, health.",
    footer = {
      "",
      "Roles: general (conversation) and coding (code generation).",
      "Exit codes: 0 done, 1 a model, server or storage failure (or a failed test), 2 invalid usage."
    })
public final class ModelsCommand implements Runnable {

  @Spec CommandSpec spec;

  /**
   * Creates the command with its subcommands.
   *
   * @param startup the start-up path: terminal, settings, knowledge base and models
   * @return the picocli command line of {@code beca models}
   */
  public static CommandLine commandLine(Startup startup) {
    CommandLine models = new CommandLine(new ModelsCommand());
    for (Base sub :
        List.of(
            new ListModels(),
            new TestModel(),
            new UseModel(),
            new Rollback(),
            new History(),
            new Updates(),
            new Pull(),
            new Remove(),
            new Health())) {
      sub.startup = startup;
      sub.terminal = startup.terminal();
      models.addSubcommand(sub);
    }
    return models;
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /**
   * What every subcommand shares: options, the knowledge base and the manager; failures go to
   * {@link ExitCodes}.
   */
  abstract static class Base implements Callable<Integer> {
    Startup startup;
    Terminal terminal;

    @Mixin AppOptions options;

    @Override
    public final Integer call() {
      try (AppContext app = startup.open(options, Startup.Need.MODELS)) {
        int code = run(app.models(), terminal.out());
        terminal.out().flush();
        return code;
      }
    }

    abstract int run(ModelManager models, PrintWriter out);

    static ModelRole role(String role) {
      try {
        return ModelRole.valueOf(role.strip().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new InvalidInputException("'" + role + "' is not a role.", "Use general or coding.");
      }
    }

    static String activeLabel(ModelManager models, ModelInfo model) {
      StringBuilder roles = new StringBuilder();
      for (ModelRole role : ModelRole.values()) {
        ModelTarget target = models.gateway().target(role);
        if (target.server().equals(model.server()) && sameModel(target.model(), model.name())) {
          roles.append(roles.isEmpty() ? "" : ",").append(role.name().toLowerCase(Locale.ROOT));
        }
      }
      return roles.toString();
    }

    private static boolean sameModel(String a, String b) {
      return a.equals(b) || (a + ":latest").equals(b) || a.equals(b + ":latest");
    }

    static String size(long bytes) {
      return bytes <= 0 ? "-" : String.format(Locale.ROOT, "%.1f GB", bytes / 1e9);
    }
  }

  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "List the models of every server.")
  static final class ListModels extends Base {
    private static final TextTable TABLE =
        TextTable.builder()
            .left("SERVER", 8)
            .left("MODEL", 40)
            .left("FAMILY", 10)
            .left("PARAMS", 7)
            .left("QUANT", 8)
            .left("SIZE", 8)
            .left("ROLE")
            .build();

    @Override
    int run(ModelManager models, PrintWriter out) {
      ModelListing listing = models.catalog().list();
      out.println(TABLE.header());
      for (ModelInfo m : listing.models()) {
        out.println(
            TABLE.row(
                m.server(),
                m.name(),
                dash(m.family()),
                dash(m.parameterSize()),
                dash(m.quantization()),
                size(m.sizeBytes()),
                activeLabel(models, m)));
      }
      out.flush();
      listing.problems().forEach(p -> terminal.err().println("beca: " + p));
      return listing.problems().isEmpty() || !listing.models().isEmpty()
          ? 0
          : ChatCommand.EXIT_FAILURE;
    }

    private static String dash(String s) {
      return s.isEmpty() ? "-" : s;
    }
  }

  @Command(
      name = "test",
      mixinStandardHelpOptions = true,
      description =
          "Try a model with a short prompt: latency to first token, tokens per second, pass or fail.")
  static final class TestModel extends Base {
    @Parameters(index = "0", paramLabel = "MODEL", description = "The model's name.")
    String model;

    @Option(
        names = "--role",
        paramLabel = "ROLE",
        defaultValue = "general",
        description = "The role to test it for (coding needs tools); default ${DEFAULT-VALUE}.")
    String role;

    @Option(
        names = "--server",
        paramLabel = "NAME",
        description = "The server (ollama, or openai when configured).")
    String server;

    @Override
    int run(ModelManager models, PrintWriter out) {
      ModelTestResult result = models.catalog().test(role(role), server, model);
      out.println(
          result.server()
              + "/"
              + result.model()
              + " for "
              + role.toLowerCase(Locale.ROOT)
              + ": "
              + result.summary());
      return result.passed() ? 0 : ChatCommand.EXIT_FAILURE;
    }
  }

  @Command(
      name = "use",
      mixinStandardHelpOptions = true,
      description =
          "Switch a role to a model, after it passes its test; the previous model stays in the history.")
  static final class UseModel extends Base {
    @Parameters(index = "0", paramLabel = "ROLE", description = "general or coding.")
    String role;

    @Parameters(index = "1", paramLabel = "MODEL", description = "The model's name.")
    String model;

    @Option(
        names = "--server",
        paramLabel = "NAME",
        description = "The server (ollama, or openai when configured).")
    String server;

    @Option(
        names = "--temperature",
        paramLabel = "T",
        description = "0 to 2 (default by family: 0.2 for coding models, 0.7 otherwise).")
    Double temperature;

    @Option(
        names = "--top-p",
        paramLabel = "P",
        description = "Nucleus sampling, above 0 up to 1 (default 0.9).")
    Double topP;

    @Option(
        names = "--num-ctx",
        paramLabel = "TOKENS",
        description = "Context length to load the model with (default 8192).")
    Integer contextLength;

    @Option(
        names = "--seed",
        paramLabel = "N",
        description = "Fixed seed for reproducible answers.")
    Integer seed;

    @Option(
        names = "--stop",
        paramLabel = "TEXT",
        description = "A sequence that ends the reply; repeatable.")
    List<String> stop;

    @Option(
        names = "--keep-alive",
        paramLabel = "DURATION",
        description = "How long Ollama keeps the model loaded, e.g. 10m, 1h, 30s (default 10m).")
    String keepAlive;

    @Override
    int run(ModelManager models, PrintWriter out) {
      ModelParameters overrides =
          new ModelParameters(
              temperature,
              topP,
              contextLength,
              seed,
              stop == null ? List.of() : stop,
              keepAlive == null ? null : duration(keepAlive));
      ModelVersion v = models.catalog().use(role(role), server, model, overrides);
      out.println(v.switchedLine(v.parameters().describe()));
      return 0;
    }

    private static Duration duration(String text) {
      java.util.regex.Matcher m =
          java.util.regex.Pattern.compile("(\\d+)([smh])").matcher(text.strip());
      if (!m.matches()) {
        throw new InvalidInputException(
            "--keep-alive must be a number with s, m or h, e.g. 10m; was '" + text + "'.",
            "Use e.g. --keep-alive 10m.");
      }
      long n = Long.parseLong(m.group(1));
      return switch (m.group(2)) {
        case "s" -> Duration.ofSeconds(n);
        case "m" -> Duration.ofMinutes(n);
        default -> Duration.ofHours(n);
      };
    }
  }

  @Command(
      name = "rollback",
      mixinStandardHelpOptions = true,
      description =
          "Make an earlier version of a role active again (ids from `beca models history`).")
  static final class Rollback extends Base {
    @Parameters(index = "0", paramLabel = "ROLE", description = "general or coding.")
    String role;

    @Parameters(index = "1", paramLabel = "VERSION_ID", description = "The version to go back to.")
    long versionId;

    @Override
    int run(ModelManager models, PrintWriter out) {
      ModelVersion v = models.catalog().rollback(role(role), versionId);
      out.println(v.rolledBackLine());
      return 0;
    }
  }

  @Command(
      name = "history",
      mixinStandardHelpOptions = true,
      description = "Show which models a role used, newest first, with the ids to roll back to.")
  static final class History extends Base {
    private static final TextTable TABLE =
        TextTable.builder()
            .left("ID", 5)
            .left("ROLE", 8)
            .left("SERVER", 8)
            .left("MODEL", 40)
            .left("STATUS", 9)
            .left("ACTIVATED")
            .build();

    @Parameters(
        index = "0",
        arity = "0..1",
        paramLabel = "ROLE",
        description = "general or coding; both when left out.")
    String role;

    @Override
    int run(ModelManager models, PrintWriter out) {
      List<ModelVersion> history =
          role == null ? models.catalog().history() : models.catalog().history(role(role));
      if (history.isEmpty()) {
        out.println(
            "No model chosen yet; the defaults are used. Choose one with `beca models use ROLE MODEL`.");
        return 0;
      }
      out.println(TABLE.header());
      for (ModelVersion v : history) {
        // After the activation time, without a heading of their own: the parameters and any notes.
        out.println(
            TABLE.row(
                v.id(),
                v.role().name().toLowerCase(Locale.ROOT),
                v.model().server(),
                v.model().name(),
                v.status() == ModelVersionStatus.ACTIVE ? "active" : "inactive",
                v.activatedAt()
                    + "  "
                    + v.parameters().describe()
                    + (v.notes().isEmpty() ? "" : "  (" + v.notes() + ")")));
      }
      return 0;
    }
  }

  @Command(
      name = "updates",
      mixinStandardHelpOptions = true,
      description =
          "List models no role has used yet and used models whose content (digest) changed.")
  static final class Updates extends Base {
    @Override
    int run(ModelManager models, PrintWriter out) {
      List<ModelUpdate> updates = models.catalog().updates();
      if (updates.isEmpty()) {
        out.println("No new or changed models.");
      }
      for (ModelUpdate u : updates) {
        out.println(
            u.kind() == ModelUpdate.Kind.NEW
                ? "new      " + u.server() + "/" + u.model()
                : "changed  "
                    + u.server()
                    + "/"
                    + u.model()
                    + "  "
                    + shortDigest(u.recordedDigest())
                    + " -> "
                    + shortDigest(u.currentDigest()));
      }
      return 0;
    }

    private static String shortDigest(String digest) {
      String hex = digest.startsWith("sha256:") ? digest.substring(7) : digest;
      return hex.length() > 12 ? hex.substring(0, 12) : hex;
    }
  }

  @Command(
      name = "pull",
      mixinStandardHelpOptions = true,
      description = "Download a model onto the server, with progress.")
  static final class Pull extends Base {
    @Parameters(
        index = "0",
        paramLabel = "MODEL",
        description = "The model's name, e.g. llama3.2 or qwen2.5-coder:7b.")
    String model;

    @Option(names = "--server", paramLabel = "NAME", description = "The server (default ollama).")
    String server;

    @Override
    int run(ModelManager models, PrintWriter out) {
      ProgressBar bar = new ProgressBar(out, terminal.interactive());
      ModelInfo info = models.catalog().pull(server, model, bar);
      bar.finish();
      out.println(
          "Pulled "
              + info.server()
              + "/"
              + info.name()
              + " ("
              + size(info.sizeBytes())
              + "). "
              + "Try it with `beca models test "
              + model
              + "`.");
      return 0;
    }
  }

  @Command(
      name = "rm",
      mixinStandardHelpOptions = true,
      description = "Delete a model from its server (asks first).")
  static final class Remove extends Base {
    @Parameters(index = "0", paramLabel = "MODEL", description = "The model's name.")
    String model;

    @Option(names = "--server", paramLabel = "NAME", description = "The server (default ollama).")
    String server;

    @Option(
        names = {"-y", "--yes"},
        description = "Do not ask for confirmation (for scripts).")
    boolean yes;

    @Override
    int run(ModelManager models, PrintWriter out) {
      String label = models.servers().get(server).name() + "/" + model;
      if (!yes) {
        out.print("Delete " + label + " from the server? This cannot be undone. [y/N] ");
        out.flush();
        String answer;
        try {
          answer = terminal.reader().readLine();
        } catch (IOException e) {
          answer = null;
        }
        if (answer == null
            || !(answer.strip().equalsIgnoreCase("y") || answer.strip().equalsIgnoreCase("yes"))) {
          out.println();
          out.println("Not deleted.");
          return answer == null ? ChatCommand.EXIT_USAGE : 0;
        }
      }
      try {
        models.catalog().delete(server, model);
      } catch (NotFoundException e) {
        // The catalog's advice is to pull a missing model; for a deletion there is simply nothing
        // to do.
        throw new NotFoundException(
            e.problem(), "Nothing was deleted; `beca models list` shows the models it has.");
      }
      out.println("Deleted " + label + ".");
      return 0;
    }
  }

  @Command(
      name = "health",
      mixinStandardHelpOptions = true,
      description = "Check every server now: up, degraded or down, with latency and version.")
  static final class Health extends Base {
    private static final TextTable TABLE =
        TextTable.builder()
            .left("SERVER", 8)
            .left("STATUS", 9)
            .right("LATENCY", 9)
            .left("VERSION", 10)
            .left("URL")
            .build();

    @Override
    int run(ModelManager models, PrintWriter out) {
      List<ServerHealth> results = models.health().check();
      out.println(TABLE.header());
      for (ServerHealth h : results) {
        out.println(
            TABLE.row(
                h.server(),
                h.status().name().toLowerCase(Locale.ROOT),
                h.latency().toMillis() + " ms",
                h.version().isEmpty() ? "-" : h.version(),
                h.baseUrl()));
        if (!h.message().isEmpty()) {
          out.println("         " + h.message());
        }
      }
      Optional<ServerHealth> main =
          results.stream()
              .filter(h -> h.server().equals(models.servers().defaultName()))
              .findFirst();
      return main.isPresent() && main.get().status() == HealthStatus.DOWN
          ? ChatCommand.EXIT_FAILURE
          : 0;
    }
  }

  /**
   * A text progress bar for pulls: redrawn in place at a terminal, one line per step when piped.
   */
  static final class ProgressBar implements java.util.function.Consumer<PullProgress> {
    private final PrintWriter out;
    private final boolean interactive;
    private String lastStatus = "";
    private int lastPercent = -1;

    ProgressBar(PrintWriter out, boolean interactive) {
      this.out = out;
      this.interactive = interactive;
    }

    @Override
    public void accept(PullProgress p) {
      double fraction = p.fraction();
      if (fraction < 0) {
        if (!p.status().equals(lastStatus)) {
          newLineIfDrawing();
          out.println(p.status());
        }
      } else {
        int percent = (int) Math.floor(fraction * 100);
        int filled = percent / 5;
        String line =
            String.format(
                Locale.ROOT,
                "%-20s [%s%s] %3d%% %s",
                p.status(),
                "#".repeat(filled),
                " ".repeat(20 - filled),
                percent,
                Base.size(p.total()));
        if (interactive) {
          out.print("\r" + line);
          lastPercent = percent;
        } else if (!p.status().equals(lastStatus) || percent == 100 && lastPercent != 100) {
          out.println(line);
          lastPercent = percent;
        }
      }
      lastStatus = p.status();
      out.flush();
    }

    private void newLineIfDrawing() {
      if (interactive && lastPercent >= 0) {
        out.println();
        lastPercent = -1;
      }
    }

    void finish() {
      newLineIfDrawing();
      out.flush();
    }
  }
}
