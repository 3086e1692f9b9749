package dev.beca.memory.reliability;

import dev.beca.core.conversation.ConversationMessage;
import dev.beca.core.conversation.NewMessage;
import dev.beca.memory.SqliteKnowledgeBase;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The child process of {@link CrashRecoveryTest}: appends messages forever and prints the id of
 * each one after {@code append} returned (i.e. after it was acknowledged), until it is killed.
 */
public final class CrashAppender {

  private CrashAppender() {}

  /** Arguments: database file, session id, thread id. */
  public static void main(String[] args) {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    try (SqliteKnowledgeBase kb =
        SqliteKnowledgeBase.builder().databaseFile(Path.of(args[0])).withoutEmbeddings().open()) {
      String session = args[1];
      long thread = Long.parseLong(args[2]);
      // Ready to append: MyBatis is configured on first use and the secret rules compile in the
      // background, so both are done first; the kill must land among appends, not before them.
      kb.sessions().find(session);
      dev.beca.core.secrets.SecretScanner.standard().scan("warm-up", "warm-up");
      out.println("ready");
      long previous = -1;
      for (int i = 0; ; i++) {
        NewMessage message =
            NewMessage.user(
                session, "crash test message " + i + " \u00e9\u4e2d " + "x".repeat(i % 500));
        if (i % 3 == 0) {
          message = message.inThread(thread);
        }
        if (previous > 0 && i % 2 == 0) {
          message = message.replyingTo(previous);
        }
        ConversationMessage stored = kb.messages().append(message);
        previous = stored.id();
        out.println(stored.id());
      }
    }
  }
}
