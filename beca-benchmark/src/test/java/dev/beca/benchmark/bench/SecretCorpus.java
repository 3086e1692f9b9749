package dev.beca.benchmark.bench;

import dev.beca.core.testkit.DummySecrets;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Generates a corpus of mixed source files for the secret-scanning benchmark: {@code clean/} holds
 * files without secrets but with the usual look-alikes (UUIDs, hashes, lock files, placeholders,
 * environment lookups, URLs without passwords, base64 data); {@code planted/} holds the same kind
 * of files with synthetic secrets planted at known lines, listed in {@code planted.tsv} (file,
 * line, kind). Deterministic for a seed.
 */
public final class SecretCorpus {

  /** One planted secret. */
  public record Planted(String file, int line, String kind) {}

  private static final String[] WORDS =
      ("account address amount answer apply array batch buffer build cache "
              + "client config context count create customer data date debug delete device digest encode entry error event "
              + "export factory field filter format handler header index input item key label limit list loader logger "
              + "manager message method model module name node number order output owner parser password path payload "
              + "policy port price process profile query queue reader record request resource response result retry route "
              + "schema scope secret server service session setting signal source state status stream string table target "
              + "task template tenant text thread time token total type update user value version window worker writer")
          .split(" ");

  private final Random random;
  private final DummySecrets secrets;

  /** A generator for one seed. */
  public SecretCorpus(long seed) {
    this.random = new Random(seed);
    this.secrets = new DummySecrets(seed + 1);
  }

  /**
   * Writes the corpus.
   *
   * @param dir an empty or missing folder
   * @param totalBytes the approximate size to reach (clean and planted parts together)
   * @param plantedFraction the share of files that get planted secrets
   * @return the planted secrets
   */
  public List<Planted> write(Path dir, long totalBytes, double plantedFraction) {
    List<Planted> planted = new ArrayList<>();
    long written = 0;
    int n = 0;
    try {
      Files.createDirectories(dir.resolve("clean"));
      Files.createDirectories(dir.resolve("planted"));
      while (written < totalBytes) {
        String ext = EXTENSIONS[random.nextInt(EXTENSIONS.length)];
        // Lock files hold only hashes; secrets are planted in the other kinds of file.
        boolean dirty = random.nextDouble() < plantedFraction && !ext.equals(".lock");
        String name = (dirty ? "planted/" : "clean/") + "d" + (n % 40) + "/f" + n + ext;
        n++;
        List<String> lines =
            ext.equals(".lock") ? lockFile() : fileLines(ext, 200 + random.nextInt(800));
        List<Secret> plantedHere = new ArrayList<>();
        if (dirty) {
          int count = 1 + random.nextInt(4);
          for (int i = 0; i < count; i++) {
            Secret secret = plant();
            lines.add(random.nextInt(lines.size()), secret.line);
            plantedHere.add(secret);
          }
        }
        // Line numbers once all are in place: a planted block may span several lines.
        int lineNumber = 1;
        for (String element : lines) {
          for (Secret secret : plantedHere) {
            if (secret.line == element) {
              planted.add(new Planted(name, lineNumber, secret.kind));
            }
          }
          lineNumber += (int) element.chars().filter(c -> c == '\n').count() + 1;
        }
        String content = String.join("\n", lines) + "\n";
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        Files.write(file, bytes);
        written += bytes.length;
      }
      List<String> manifest = new ArrayList<>();
      for (Planted p : planted) {
        manifest.add(p.file + "\t" + p.line + "\t" + p.kind);
      }
      Files.write(dir.resolve("planted.tsv"), manifest, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return planted;
  }

  private static final String[] EXTENSIONS = {
    ".java", ".py", ".js", ".go", ".yml", ".json", ".properties", ".md", ".ts", ".env", ".lock"
  };

  private record Secret(String kind, String line) {}

  private Secret plant() {
    DummySecrets s = secrets;
    String var = word() + "_" + word();
    List<Supplier<Secret>> kinds =
        List.of(
            () -> one("aws-access-key-id", "aws_access_key_id = \"" + s.awsAccessKeyId() + "\""),
            () -> one("aws-secret-access-key", "aws_secret_access_key = " + s.awsSecretAccessKey()),
            () -> one("gcp-api-key", "const mapsKey = '" + s.gcpApiKey() + "';"),
            () ->
                one(
                    "gcp-service-account-key",
                    "  \"private_key\": \"" + s.privateKeyPem("").replace("\n", "\\n") + "\","),
            () ->
                one(
                    "azure-storage-connection-string",
                    "AZURE_STORAGE=DefaultEndpointsProtocol=https;AccountName="
                        + word()
                        + ";AccountKey="
                        + s.azureAccountKey()
                        + ";EndpointSuffix=core.windows.net"),
            () -> one("github-pat", "GITHUB_TOKEN=" + s.githubPat()),
            () -> one("github-fine-grained-pat", "token: " + s.githubFineGrainedPat()),
            () -> one("github-oauth-token", "oauth = \"" + s.githubOauthToken() + "\""),
            () -> one("github-app-token", "installation_token: " + s.githubAppToken()),
            () -> one("gitlab-token", "PRIVATE-TOKEN: " + s.gitlabToken()),
            () -> one("slack-token", "slack.bot = " + s.slackBotToken()),
            () -> one("slack-webhook", "webhook_url: " + s.slackWebhookUrl()),
            () -> one("stripe-secret-key", "Stripe.apiKey = \"" + s.stripeSecretKey() + "\";"),
            () -> one("twilio-api-key", "TWILIO_API_KEY=" + s.twilioApiKey()),
            () -> one("sendgrid-api-key", "SENDGRID_API_KEY=" + s.sendgridApiKey()),
            () -> one("mailchimp-api-key", "mailchimp: " + s.mailchimpApiKey()),
            () -> one("npm-token", "//registry.npmjs.org/:_authToken=" + s.npmToken()),
            () -> one("pypi-token", "password = " + s.pypiToken()),
            () -> one("openai-api-key", "OPENAI_API_KEY=" + s.openAiKey()),
            () ->
                one(
                    "anthropic-api-key",
                    "client = Anthropic(api_key=\"" + s.anthropicKey() + "\")"),
            () -> one("huggingface-token", "HF_TOKEN=" + s.huggingFaceToken()),
            () -> one("jwt", "Authorization: Bearer " + s.jwt()),
            () -> multi("private-key", s.privateKeyPem(random.nextBoolean() ? "RSA" : "OPENSSH")),
            () ->
                one(
                    "url-credentials",
                    "DATABASE_URL=postgres://"
                        + word()
                        + ":"
                        + s.alnum(16)
                        + "@db."
                        + word()
                        + ".internal:5432/"
                        + word()),
            () ->
                one(
                    "url-credentials-mysql",
                    "spring.datasource.url=mysql://"
                        + word()
                        + ":"
                        + s.alnum(14)
                        + "@"
                        + word()
                        + ":3306/app"),
            () -> one("generic-password", var + "_password = \"" + s.password(18) + "\""),
            () ->
                one(
                    "generic-secret-env",
                    "export " + var.toUpperCase() + "_SECRET=" + s.alnum(28)));
    return kinds.get(random.nextInt(kinds.size())).get();
  }

  private static Secret one(String kind, String line) {
    return new Secret(kind, line);
  }

  private static Secret multi(String kind, String block) {
    return new Secret(kind, block);
  }

  private String word() {
    return WORDS[random.nextInt(WORDS.length)];
  }

  private String identifier() {
    return word() + Character.toUpperCase(word().charAt(0)) + word().substring(1);
  }

  private String sentence() {
    StringBuilder s = new StringBuilder();
    int n = 4 + random.nextInt(10);
    for (int i = 0; i < n; i++) {
      s.append(i == 0 ? "" : " ").append(word());
    }
    return s.toString();
  }

  private List<String> fileLines(String ext, int count) {
    List<String> lines = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      lines.add(line(ext));
    }
    return lines;
  }

  /** A clean line; about one in five is a look-alike that naive scanners report. */
  private String line(String ext) {
    if (random.nextInt(5) == 0) {
      return lookAlike();
    }
    String id = identifier();
    return switch (ext) {
      case ".java", ".ts" ->
          "    "
              + (random.nextBoolean()
                  ? "final String " + id + " = \"" + sentence() + "\";"
                  : "if ("
                      + id
                      + ".size() > "
                      + random.nextInt(1000)
                      + ") { "
                      + word()
                      + "."
                      + word()
                      + "("
                      + id
                      + "); }");
      case ".py" ->
          "    "
              + id
              + " = "
              + (random.nextBoolean()
                  ? "'" + sentence() + "'"
                  : word() + "(" + random.nextInt(99) + ")");
      case ".js" ->
          "  const "
              + id
              + " = await "
              + word()
              + "."
              + word()
              + "({ "
              + word()
              + ": "
              + random.nextInt(500)
              + " });";
      case ".go" ->
          "\t" + id + ", err := " + word() + "." + identifier() + "(ctx, \"" + word() + "\")";
      case ".yml" ->
          "  ".repeat(random.nextInt(3))
              + word()
              + ": "
              + (random.nextBoolean() ? sentence() : String.valueOf(random.nextInt(9999)));
      case ".json" -> "  \"" + id + "\": \"" + sentence() + "\",";
      case ".properties", ".env" ->
          word()
              + "."
              + word()
              + "="
              + (random.nextBoolean() ? word() : String.valueOf(random.nextInt(65535)));
      default -> sentence() + ".";
    };
  }

  private String lookAlike() {
    return switch (random.nextInt(16)) {
      case 0 ->
          "    String id = \""
              + UUID.nameUUIDFromBytes(secrets.alnum(8).getBytes(StandardCharsets.UTF_8))
              + "\";";
      case 1 -> "    password = os.environ[\"" + word().toUpperCase() + "_PASSWORD\"]";
      case 2 -> "  api_key: ${" + word().toUpperCase() + "_API_KEY}";
      case 3 -> "    \"password\": \"changeme\",";
      case 4 -> "// see commit " + secrets.hex(40) + " for details";
      case 5 -> "    sha256 = \"" + secrets.hex(64) + "\"";
      case 6 ->
          "    url = \"https://"
              + word()
              + ".example.org/"
              + word()
              + "?page="
              + random.nextInt(9)
              + "\"";
      case 7 -> "    token = self." + word() + "_token";
      case 8 -> "  color: \"#" + secrets.hex(6) + "\"";
      case 9 ->
          "    private static final String "
              + word().toUpperCase()
              + "_KEY = \""
              + word()
              + "."
              + word()
              + "."
              + word()
              + "\";";
      case 10 -> "    secret: <your-secret-here>";
      case 11 -> "    \"integrity\": \"sha512-" + secrets.base64(86) + "==\",";
      case 12 -> "    api_key = get_api_key(\"" + word() + "\")";
      case 13 ->
          "    version = \""
              + random.nextInt(9)
              + "."
              + random.nextInt(20)
              + "."
              + random.nextInt(50)
              + "\"";
      case 14 -> "    etag = '\"" + secrets.hex(32) + "\"'";
      default -> "    jdbc.url=jdbc:postgresql://" + word() + ":5432/" + word() + "?user=" + word();
    };
  }

  private List<String> lockFile() {
    List<String> lines = new ArrayList<>();
    int n = 300 + random.nextInt(600);
    for (int i = 0; i < n; i++) {
      String pkg = word() + "-" + word();
      lines.add(pkg + "@^" + random.nextInt(9) + ".0.0:");
      lines.add(
          "  resolved \"https://registry.yarnpkg.com/"
              + pkg
              + "/-/"
              + pkg
              + ".tgz#"
              + secrets.hex(40)
              + "\"");
      lines.add("  integrity sha512-" + secrets.base64(86) + "==");
    }
    return lines;
  }
}
