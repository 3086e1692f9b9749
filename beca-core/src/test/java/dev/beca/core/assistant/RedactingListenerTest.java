package dev.beca.core.assistant;

import static org.assertj.core.api.Assertions.assertThat;

import dev.beca.core.secrets.SecretScanner;
import dev.beca.core.testkit.DummySecrets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RedactingListenerTest {

  private final List<String> seen = new ArrayList<>();
  private final RedactingListener listener =
      new RedactingListener(seen::add, SecretScanner.standard());

  private String shown() {
    return String.join("", seen);
  }

  @Test
  void plainTextPassesUnchangedWordByWord() {
    listener.token("Records ");
    assertThat(shown()).isEqualTo("Records ");
    listener.token("are immu");
    listener.token("table.\nYes");
    listener.flush();

    assertThat(shown()).isEqualTo("Records are immutable.\nYes");
  }

  @Test
  void aMillionCharacterLineComesThroughWhole() {
    String chunk = "word ".repeat(2_000);
    for (int i = 0; i < 100; i++) {
      listener.token(chunk);
    }
    listener.flush();

    assertThat(shown()).isEqualTo(chunk.repeat(100));
  }

  @Test
  void aTokenSplitAcrossPiecesIsShownRedacted() {
    String key = new DummySecrets(5).githubPat();

    listener.token("Use " + key.substring(0, 10));
    listener.token(key.substring(10) + " as the token.");
    listener.flush();

    assertThat(shown()).doesNotContain(key).startsWith("Use ").endsWith(" as the token.");
    assertThat(shown()).doesNotContain(key.substring(4, 20));
  }

  @Test
  void aKeyAtTheEndIsRedactedWhenFlushed() {
    String key = new DummySecrets(6).githubPat();

    listener.token("token=" + key);
    assertThat(shown()).isEmpty();
    listener.flush();

    assertThat(shown()).doesNotContain(key);
  }

  @Test
  void aPrivateKeyBlockIsNotShown() {
    String body = new DummySecrets(7).base64(64);

    listener.token("Here:\n-----BEGIN RSA PRIVATE KEY-----\n" + body + "\n");
    listener.token(body + "\n-----END RSA PRIVATE KEY-----\nDone.");
    listener.flush();

    assertThat(shown()).doesNotContain(body).contains("[private key redacted]").endsWith("Done.");
  }
}
