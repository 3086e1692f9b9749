package dev.beca.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.beca.core.StorageException;
import dev.beca.core.conversation.ConversationMessage;
import dev.beca.core.conversation.NewMessage;
import dev.beca.core.conversation.Session;
import dev.beca.core.secrets.DefaultSecretScanner;
import dev.beca.core.secrets.SecretFingerprints;
import dev.beca.core.secrets.SecretRuleSet;
import dev.beca.core.secrets.SecurityAlert;
import dev.beca.core.testkit.DummySecrets;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The knowledge base stores messages redacted, with an alert per secret in the same transaction.
 */
class MessageRedactionTest {

  @TempDir Path dataDir;
  private final DummySecrets secrets = new DummySecrets(11);

  @Test
  void secretsAreRedactedBeforeStoringAndAnAlertIsRecorded() throws Exception {
    String key = secrets.awsAccessKeyId();
    String text = "my key is " + key + ", please configure it";
    try (SqliteKnowledgeBase kb = SqliteKnowledgeBase.builder().dataDirectory(dataDir).open()) {
      Session session = kb.sessions().create("");

      ConversationMessage stored = kb.messages().append(NewMessage.user(session.id(), text));

      assertThat(stored.content()).isEqualTo("my key is AKIA****, please configure it");
      assertThat(kb.messages().find(stored.id()).orElseThrow().content())
          .isEqualTo(stored.content());
      SecurityAlert alert = kb.securityAlerts().recent(1).get(0);
      assertThat(alert.source()).isEqualTo("message:USER");
      assertThat(alert.ruleId()).isEqualTo("aws-access-key-id");
      assertThat(alert.location()).isEqualTo("messages/" + stored.id() + ":1:11");
      assertThat(alert.fingerprint()).isEqualTo(SecretFingerprints.of(key));
    }
    // Nowhere in the file: not in the table, not in the write-ahead log.
    for (String name : new String[] {"beca.db", "beca.db-wal"}) {
      Path file = dataDir.resolve(name);
      if (Files.exists(file)) {
        assertThat(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1))
            .doesNotContain(key);
      }
    }
  }

  @Test
  void toolCallJsonIsRedactedWithItsOwnAlert() {
    String token = secrets.githubPat();
    try (SqliteKnowledgeBase kb =
        SqliteKnowledgeBase.builder().dataDirectory(dataDir).withoutEmbeddings().open()) {
      Session session = kb.sessions().create("");

      ConversationMessage stored =
          kb.messages()
              .append(
                  NewMessage.assistant(session.id(), "calling the API")
                      .withTools(
                          "{\"name\":\"clone\",\"arguments\":{\"token\":\"" + token + "\"}}",
                          true));

      String json = kb.messages().find(stored.id()).orElseThrow().toolsJson().orElseThrow();
      assertThat(json).doesNotContain(token).contains("****").startsWith("{\"name\":\"clone\"");
      assertThat(kb.messages().find(stored.id()).orElseThrow().content())
          .isEqualTo("calling the API");
      SecurityAlert alert = kb.securityAlerts().recent(1).get(0);
      assertThat(alert.source()).isEqualTo("message-tools:ASSISTANT");
      assertThat(alert.location()).startsWith("messages/" + stored.id() + "/tools:1:");
      assertThat(alert.fingerprint()).isEqualTo(SecretFingerprints.of(token));
    }
  }

  @Test
  void threadNamesAndSummariesAreRedactedToo() {
    String key = secrets.awsAccessKeyId();
    try (SqliteKnowledgeBase kb =
        SqliteKnowledgeBase.builder().dataDirectory(dataDir).withoutEmbeddings().open()) {
      var thread = kb.threads().create("rotate " + key);
      assertThat(thread.name()).isEqualTo("rotate AKIA****");
      assertThat(kb.securityAlerts().recent(1).get(0).source()).isEqualTo("thread:name");

      kb.threads().rename(thread.id(), "still " + key);
      assertThat(kb.threads().find(thread.id()).orElseThrow().name()).isEqualTo("still AKIA****");

      kb.threads()
          .saveSummary(
              new dev.beca.core.conversation.ThreadSummary(
                  thread.id(),
                  "The user shared " + key + " by mistake.",
                  dev.beca.core.conversation.ThreadSummary.Kind.EXTRACTIVE,
                  "",
                  0,
                  0,
                  java.time.Instant.now()));
      assertThat(kb.threads().summary(thread.id()).orElseThrow().content())
          .isEqualTo("The user shared AKIA**** by mistake.");
      assertThat(kb.securityAlerts().recent(10))
          .extracting(SecurityAlert::source)
          .containsExactly("thread:summary", "thread:name", "thread:name");
    }
  }

  @Test
  void sessionTitlesAreRedactedToo() {
    String token = secrets.slackBotToken();
    try (SqliteKnowledgeBase kb = SqliteKnowledgeBase.builder().dataDirectory(dataDir).open()) {
      Session session = kb.sessions().create("debug " + token);

      assertThat(session.title()).isEqualTo("debug xoxb****");
      assertThat(kb.sessions().find(session.id()).orElseThrow().title())
          .isEqualTo("debug xoxb****");
      assertThat(kb.securityAlerts().recent(1))
          .singleElement()
          .satisfies(a -> assertThat(a.location()).isEqualTo("sessions/" + session.id() + ":1:7"));
    }
  }

  @Test
  void cleanMessagesAreStoredAsTheyAreWithoutAlerts() {
    try (SqliteKnowledgeBase kb = SqliteKnowledgeBase.builder().dataDirectory(dataDir).open()) {
      Session session = kb.sessions().create("");
      ConversationMessage stored =
          kb.messages().append(NewMessage.assistant(session.id(), "Use records."));
      assertThat(stored.content()).isEqualTo("Use records.");
      assertThat(kb.securityAlerts().count()).isZero();
    }
  }

  @Test
  void whenTheAlertCannotBeWrittenTheMessageIsNotStoredEither() throws Exception {
    String key = secrets.githubPat();
    try (SqliteKnowledgeBase kb = SqliteKnowledgeBase.builder().dataDirectory(dataDir).open()) {
      Session session = kb.sessions().create("");
      try (Connection jdbc =
              DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("beca.db"));
          Statement statement = jdbc.createStatement()) {
        statement.execute("DROP TABLE security_alerts");
      }

      assertThatThrownBy(() -> kb.messages().append(NewMessage.user(session.id(), "token " + key)))
          .isInstanceOf(StorageException.class)
          .hasMessageNotContaining(key);
      assertThat(kb.messages().count(session.id())).isZero();
      // A clean message needs no alert and still goes through.
      kb.messages().append(NewMessage.user(session.id(), "no secret here"));
      assertThat(kb.messages().count(session.id())).isEqualTo(1);
    }
  }

  @Test
  void theScannerIsConfigurableThroughTheBuilder() {
    String toml =
        "[[rules]]\nid = \"project-code\"\nregex = '''PRJ-[0-9]{6}'''\nkeywords = [\"prj-\"]\n";
    DefaultSecretScanner custom =
        DefaultSecretScanner.builder().rules(SecretRuleSet.parse("inline", toml)).build();
    try (SqliteKnowledgeBase kb =
        SqliteKnowledgeBase.builder().dataDirectory(dataDir).secretScanner(custom).open()) {
      Session session = kb.sessions().create("");
      assertThat(kb.messages().append(NewMessage.user(session.id(), "code PRJ-123456")).content())
          .isEqualTo("code PR****");
      assertThat(kb.securityAlerts().recent(5))
          .extracting(SecurityAlert::ruleId)
          .containsExactly("project-code");
    }
  }

  @Test
  void builderRejectsAMissingScanner() {
    assertThatThrownBy(() -> SqliteKnowledgeBase.builder().secretScanner(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("secretScanner");
  }
}
