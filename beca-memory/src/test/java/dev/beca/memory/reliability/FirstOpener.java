package dev.beca.memory.reliability;

import dev.beca.core.conversation.NewMessage;
import dev.beca.memory.SqliteKnowledgeBase;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A child process of {@link ConcurrentFirstOpenTest}: says {@code ready}, waits for the start
 * signal (a file appearing), then opens the knowledge base, stores a session and a message and
 * prints {@code stored}; any failure is printed as {@code failed: MESSAGE} with exit code 1.
 */
public final class FirstOpener {

  private FirstOpener() {}

  /** Arguments: data directory, start signal file, a name for this process. */
  public static void main(String[] args) throws InterruptedException {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    Path dataDir = Path.of(args[0]);
    Path go = Path.of(args[1]);
    // Load the classes the open needs before the signal, so the processes really start together.
    SqliteKnowledgeBase.builder()
        .dataDirectory(dataDir.resolveSibling("warm-up-" + args[2]))
        .withoutEmbeddings();
    out.println("ready");
    while (!Files.exists(go)) {
      Thread.sleep(2);
    }
    try (SqliteKnowledgeBase kb =
        SqliteKnowledgeBase.builder().dataDirectory(dataDir).withoutEmbeddings().open()) {
      String session = kb.sessions().create("first use " + args[2]).id();
      kb.messages().append(NewMessage.user(session, "hello from " + args[2]));
      out.println("stored");
    } catch (RuntimeException e) {
      out.println("failed: " + e.getMessage());
      System.exit(1);
    }
  }
}
