package dev.beca.app.internal;

import dev.beca.core.InvalidInputException;
import dev.beca.core.access.AccessRole;
import dev.beca.core.access.ApiToken;
import dev.beca.core.access.ApiTokens;
import dev.beca.core.access.IssuedToken;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code beca tokens create|list|revoke}: the API tokens of {@code beca serve}. Only a salted hash
 * of each secret is stored; {@code create} prints the secret once.
 */
@Command(
    name = "tokens",
    mixinStandardHelpOptions = true,
    description = "Manage the API tokens of 'beca serve' (create, list, revoke).",
    footer = {"", "Exit codes: 0 done, 1 a storage failure or an unknown token, 2 invalid input."})
public final class TokensCommand implements Runnable {

  private static final Pattern DURATION = Pattern.compile("(\\d{1,6})\\s*(m|min|h|d|w)");

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /**
   * The {@code tokens} command with its subcommands.
   *
   * @param startup the start-up path
   * @return the command line to add to {@code beca}
   */
  public static CommandLine create(Startup startup) {
    CommandLine tokens = new CommandLine(new TokensCommand());
    tokens.addSubcommand(new Create(startup));
    tokens.addSubcommand(new ListTokens(startup));
    tokens.addSubcommand(new Revoke(startup));
    return tokens;
  }

  /** Without a subcommand, show the usage. */
  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Opens the knowledge base and runs one subcommand on its tokens. */
  abstract static class TokensSubcommand implements Callable<Integer> {
    final Startup startup;

    @Mixin AppOptions options;

    @Option(names = "--json", description = "Print one JSON document.")
    boolean json;

    TokensSubcommand(Startup startup) {
      this.startup = startup;
    }

    @Override
    public Integer call() {
      PrintWriter out = startup.terminal().out();
      try (AppContext app = startup.open(options)) {
        return execute(app.knowledgeBase().apiTokens(), out);
      } finally {
        out.flush();
      }
    }

    abstract int execute(ApiTokens tokens, PrintWriter out);
  }

  @Command(
      name = "create",
      mixinStandardHelpOptions = true,
      description = "Create a token and print its secret (shown this once).")
  static final class Create extends TokensSubcommand {
    @Option(
        names = "--role",
        required = true,
        paramLabel = "ROLE",
        description =
            "viewer (reads), operator (also chats, creates), admin (also tokens, metrics).")
    String role;

    @Option(
        names = "--name",
        paramLabel = "NAME",
        description = "A unique name (letters, digits, . _ -); default token-<time>.")
    String name;

    @Option(
        names = "--expires",
        paramLabel = "DURATION",
        description = "Lifetime: 90m, 12h, 30d, 2w or ISO-8601 (P30D); default never.")
    String expires;

    Create(Startup startup) {
      super(startup);
    }

    @Override
    int execute(ApiTokens tokens, PrintWriter out) {
      AccessRole accessRole = AccessRole.parse(role);
      Optional<Instant> expiry =
          expires == null ? Optional.empty() : Optional.of(Instant.now().plus(duration(expires)));
      String tokenName = name != null ? name : "token-" + Instant.now().getEpochSecond();
      IssuedToken issued = tokens.create(tokenName, accessRole, expiry);
      if (json) {
        Map<String, Object> doc = row(issued.token());
        doc.put("secret", issued.secret());
        out.println(BenchmarkCommand.json(doc));
      } else {
        out.println(issued.secret());
        startup
            .terminal()
            .err()
            .println(
                "Token '"
                    + tokenName
                    + "' ("
                    + accessRole.key()
                    + expiry.map(e -> ", expires " + e.truncatedTo(ChronoUnit.SECONDS)).orElse("")
                    + ") created. Its secret, above, is shown only now: send it as"
                    + " 'Authorization: Bearer SECRET'.");
        startup.terminal().err().flush();
      }
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "List the tokens (never their secrets), newest first.")
  static final class ListTokens extends TokensSubcommand {
    ListTokens(Startup startup) {
      super(startup);
    }

    @Override
    int execute(ApiTokens tokens, PrintWriter out) {
      List<ApiToken> all = tokens.list();
      if (json) {
        out.println(
            BenchmarkCommand.json(Map.of("tokens", all.stream().map(TokensCommand::row).toList())));
        return ExitCodes.OK;
      }
      if (all.isEmpty()) {
        out.println("No tokens. Create one with: beca tokens create --role viewer|operator|admin");
        return ExitCodes.OK;
      }
      Instant now = Instant.now();
      for (ApiToken t : all) {
        out.println(
            t.name()
                + "  "
                + t.role().key()
                + "  created "
                + t.createdAt().truncatedTo(ChronoUnit.SECONDS)
                + "  "
                + state(t, now));
      }
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "revoke",
      mixinStandardHelpOptions = true,
      description = "Revoke a token; it stops working at once.")
  static final class Revoke extends TokensSubcommand {
    @Parameters(paramLabel = "NAME", description = "The token's name.")
    String name;

    Revoke(Startup startup) {
      super(startup);
    }

    @Override
    int execute(ApiTokens tokens, PrintWriter out) {
      ApiToken revoked = tokens.revoke(name);
      if (json) {
        out.println(BenchmarkCommand.json(row(revoked)));
      } else {
        out.println("Token '" + revoked.name() + "' revoked.");
      }
      return ExitCodes.OK;
    }
  }

  private static String state(ApiToken token, Instant now) {
    if (token.revoked()) {
      return "revoked " + token.revokedAt().orElseThrow().truncatedTo(ChronoUnit.SECONDS);
    }
    if (token.expiredAt(now)) {
      return "expired " + token.expiresAt().orElseThrow().truncatedTo(ChronoUnit.SECONDS);
    }
    return token
        .expiresAt()
        .map(e -> "expires " + e.truncatedTo(ChronoUnit.SECONDS))
        .orElse("never expires");
  }

  private static Map<String, Object> row(ApiToken token) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("name", token.name());
    row.put("role", token.role().key());
    row.put("createdAt", token.createdAt().toString());
    row.put("expiresAt", token.expiresAt().map(Instant::toString).orElse(null));
    row.put("revokedAt", token.revokedAt().map(Instant::toString).orElse(null));
    row.put(
        "state",
        token.revoked() ? "revoked" : token.expiredAt(Instant.now()) ? "expired" : "active");
    return row;
  }

  /** Reads {@code 90m}, {@code 12h}, {@code 30d}, {@code 2w} or an ISO-8601 duration. */
  static Duration duration(String text) {
    String value = text.strip().toLowerCase(Locale.ROOT);
    Matcher m = DURATION.matcher(value);
    Duration duration = null;
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      duration =
          switch (m.group(2)) {
            case "m", "min" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            case "d" -> Duration.ofDays(n);
            default -> Duration.ofDays(7 * n);
          };
    } else {
      try {
        duration = Duration.parse(text.strip().toUpperCase(Locale.ROOT));
      } catch (DateTimeParseException e) {
        // answered below
      }
    }
    if (duration == null || duration.isZero() || duration.isNegative()) {
      throw new InvalidInputException(
          "--expires '" + text + "' is not a positive duration.",
          "Write e.g. 90m, 12h, 30d, 2w or P30D.");
    }
    return duration;
  }
}
