package dev.beca.core.secrets;

import dev.beca.core.Completions;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * {@link SecretScanner#standard()}: the stock scanner, compiled on a background thread that starts
 * with the first call, so that a program asks for it early and finds it ready when the first text
 * needs scanning. Compiling BECA's default rules (RE2/J patterns, the keyword automaton) is a few
 * hundred milliseconds of a command's start-up; a scan before it is done waits for it.
 */
final class BackgroundStandardScanner implements SecretScanner {

  static final BackgroundStandardScanner INSTANCE = new BackgroundStandardScanner();

  private final CompletableFuture<DefaultSecretScanner> built = new CompletableFuture<>();

  private BackgroundStandardScanner() {
    Thread thread =
        new Thread(
            () -> {
              try {
                built.complete(DefaultSecretScanner.standard());
              } catch (RuntimeException | Error e) {
                built.completeExceptionally(e);
              }
            },
            "beca-secret-rules");
    thread.setDaemon(true);
    thread.start();
  }

  private DefaultSecretScanner scanner() {
    return Completions.join(built);
  }

  @Override
  public List<SecretFinding> scan(String source, String text) {
    return scanner().scan(source, text);
  }

  @Override
  public Redaction redact(String source, String text) {
    return scanner().redact(source, text);
  }

  @Override
  public String toString() {
    return "SecretScanner.standard()";
  }
}
