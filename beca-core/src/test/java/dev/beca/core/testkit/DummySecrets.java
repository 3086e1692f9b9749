package dev.beca.core.testkit;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;

/**
 * Synthetic secrets for tests and benchmarks, built at run time from a seeded random source so that
 * no source file contains anything that looks like a live credential. Each has the shape of a real
 * credential of its kind (prefix, length, alphabet) and is valid nowhere.
 */
public final class DummySecrets {

  private static final String UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
  private static final String LOWER = "abcdefghijklmnopqrstuvwxyz";
  private static final String DIGITS = "0123456789";
  private static final String ALNUM = UPPER + LOWER + DIGITS;
  private static final String BASE64 = ALNUM + "+/";
  private static final String URL_SAFE = ALNUM + "_-";
  private static final String HEX = "0123456789abcdef";
  private static final String BASE32 = UPPER + "234567";

  private final Random random;

  /** A generator whose output depends only on the seed. */
  public DummySecrets(long seed) {
    this.random = new Random(seed);
  }

  /** {@code n} characters drawn from {@code alphabet}. */
  public String from(String alphabet, int n) {
    StringBuilder s = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      s.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return s.toString();
  }

  public String alnum(int n) {
    return from(ALNUM, n);
  }

  public String hex(int n) {
    return from(HEX, n);
  }

  public String base64(int n) {
    return from(BASE64, n);
  }

  public String urlSafe(int n) {
    return from(URL_SAFE, n);
  }

  public String letters(int n) {
    return from(UPPER + LOWER, n);
  }

  public String digits(int n) {
    return from(DIGITS, n);
  }

  public String awsAccessKeyId() {
    return "AKIA" + from(BASE32, 16);
  }

  public String awsSecretAccessKey() {
    return base64(40);
  }

  public String gcpApiKey() {
    return "AI" + "za" + urlSafe(35);
  }

  public String azureAccountKey() {
    return base64(86) + "==";
  }

  public String azureSharedAccessKey() {
    return base64(43) + "=";
  }

  public String githubPat() {
    return "gh" + "p_" + alnum(36);
  }

  public String githubFineGrainedPat() {
    return "github" + "_pat_" + alnum(22) + "_" + alnum(59);
  }

  public String githubOauthToken() {
    return "gh" + "o_" + alnum(36);
  }

  public String githubAppToken() {
    return "gh" + "s_" + alnum(36);
  }

  public String githubRefreshToken() {
    return "gh" + "r_" + alnum(36);
  }

  public String gitlabToken() {
    return "gl" + "pat-" + urlSafe(20);
  }

  public String slackBotToken() {
    return "xo" + "xb-" + digits(12) + "-" + digits(13) + "-" + alnum(24);
  }

  public String slackWebhookUrl() {
    return "https://hooks.slack.com/services/T"
        + from(UPPER + DIGITS, 8)
        + "/B"
        + from(UPPER + DIGITS, 10)
        + "/"
        + alnum(24);
  }

  public String stripeSecretKey() {
    return "sk" + "_live_" + alnum(24);
  }

  public String twilioApiKey() {
    return "S" + "K" + hex(32);
  }

  public String sendgridApiKey() {
    return "S" + "G." + urlSafe(22) + "." + urlSafe(43);
  }

  public String mailchimpApiKey() {
    return hex(32) + "-us" + (1 + random.nextInt(20));
  }

  public String npmToken() {
    return "np" + "m_" + alnum(36);
  }

  public String pypiToken() {
    return "pypi-" + "AgEIcHlwaS5vcmc" + urlSafe(70);
  }

  public String anthropicKey() {
    return "sk-" + "ant-api03-" + urlSafe(93) + "AA";
  }

  public String openAiKey() {
    return "sk-" + "proj-" + urlSafe(74) + "T3Blbk" + "FJ" + urlSafe(74);
  }

  public String huggingFaceToken() {
    return "h" + "f_" + letters(34);
  }

  /** A structurally valid HS256 JWT with a random subject and signature. */
  public String jwt() {
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    String header =
        b64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
    String payload =
        b64.encodeToString(
            ("{\"sub\":\""
                    + alnum(12)
                    + "\",\"iat\":"
                    + (1_700_000_000 + random.nextInt(10_000_000))
                    + "}")
                .getBytes(StandardCharsets.UTF_8));
    byte[] signature = new byte[32];
    random.nextBytes(signature);
    return header + "." + payload + "." + b64.encodeToString(signature);
  }

  /**
   * A PEM private key block of the given kind ({@code RSA}, {@code EC}, {@code OPENSSH}, or empty).
   */
  public String privateKeyPem(String kind) {
    String label = (kind.isEmpty() ? "" : kind + " ") + "PRIVATE KEY";
    StringBuilder pem = new StringBuilder("-----BEGIN " + label + "-----\n");
    for (int i = 0; i < 6; i++) {
      pem.append(base64(64)).append('\n');
    }
    return pem.append(base64(20)).append("==\n-----END ").append(label).append("-----").toString();
  }

  /** A password-like string of letters, digits and symbols. */
  public String password(int n) {
    return from(ALNUM + "!#%^*_+~", n);
  }
}
