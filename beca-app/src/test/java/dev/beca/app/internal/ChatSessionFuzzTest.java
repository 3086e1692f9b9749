package dev.beca.app.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.beca.app.BecaRun;
import dev.beca.app.internal.ChatInput.Block;
import dev.beca.app.internal.ChatInput.Entry;
import dev.beca.app.internal.ChatInput.Line;
import dev.beca.core.conversation.NewMessage;
import dev.beca.core.testkit.OllamaLoopbackServer;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whole chats, in process, on generated piped input (the generator of {@link ChatInputFuzzTest})
 * against the loopback Ollama server: every message the input holds up to {@code /exit} is stored,
 * whatever failed on the way, the exit code is 0 or 1, and standard error holds one-line diagnoses,
 * never a stack trace.
 */
class ChatSessionFuzzTest {

  private static final int CHATS = 10;
  private static final Set<String> COMMANDS = Set.of("", "/help", "/session", "/end");

  @TempDir Path dataDir;

  @Test
  void generatedChatsStoreEveryMessageAndNeverPrintAStackTrace() throws Exception {
    try (OllamaLoopbackServer ollama = OllamaLoopbackServer.builder().model("llama3.2").start()) {
      for (int i = 0; i < CHATS; i++) {
        long seed = 7_000 + i;
        String input = ChatInputFuzzTest.generate(new Random(seed)).input();
        long before = userMessages();
        BecaRun run =
            BecaRun.of(
                input,
                false,
                Map.of(),
                "chat",
                "--data-dir",
                dataDir.toString(),
                "--ollama-url",
                ollama.baseUrl());

        String context =
            "chat with seed "
                + seed
                + ": "
                + Terminal.printableLine(input)
                + "\nstderr: "
                + run.err();
        assertThat(run.exit()).as(context).isIn(0, 1);
        assertThat(run.err())
            .as(context)
            .doesNotContain("Exception", "\tat ", "unexpected failure");
        assertThat(userMessages() - before).as(context).isEqualTo(expectedMessages(input));
      }
    }
  }

  /**
   * How many messages the chat sends for {@code input}: every entry up to /exit but commands and
   * refusals.
   */
  private static long expectedMessages(String input) throws IOException {
    ChatInput reader =
        new ChatInput(new StringReader(input), NewMessage.MAX_CONTENT_CHARS, () -> {});
    long messages = 0;
    for (Entry entry; (entry = reader.next()) != null; ) {
      if (entry instanceof Line line) {
        String text = line.text();
        if (text.equals("/exit") || text.equals("/quit")) {
          break;
        }
        if (!COMMANDS.contains(text) && !text.equals("/thread") && !text.startsWith("/thread ")) {
          messages++;
        }
      } else if (entry instanceof Block block && !block.text().isEmpty()) {
        messages++;
      }
    }
    return messages;
  }

  private long userMessages() throws SQLException {
    if (!dataDir.resolve("beca.db").toFile().exists()) {
      return 0;
    }
    try (Connection jdbc =
            DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("beca.db"));
        Statement statement = jdbc.createStatement();
        ResultSet result =
            statement.executeQuery("SELECT count(*) FROM messages WHERE role = 'USER'")) {
      return result.next() ? result.getLong(1) : 0;
    }
  }
}
