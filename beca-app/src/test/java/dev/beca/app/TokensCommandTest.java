package dev.beca.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.beca.memory.SqliteKnowledgeBase;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code beca tokens create|list|revoke}, in-process against a real knowledge base file. */
class TokensCommandTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dataDir;
  private String out = "";
  private String err = "";

  private int run(String... args) {
    String[] all = new String[args.length + 3];
    all[0] = "tokens";
    System.arraycopy(args, 0, all, 1, args.length);
    all[args.length + 1] = "--data-dir";
    all[args.length + 2] = dataDir.toString();
    BecaRun run = BecaRun.of("", false, Map.of(), all);
    out = run.out();
    err = run.err();
    return run.exit();
  }

  @Test
  void createPrintsTheSecretOnceAndItAuthenticatesWithTheRole() {
    assertThat(run("create", "--role", "operator", "--name", "ci", "--expires", "30d")).isZero();
    String secret = out.toString().strip();

    assertThat(secret).startsWith("beca_");
    assertThat(err.toString())
        .contains("Token 'ci' (operator, expires ")
        .contains("shown only now");
    try (SqliteKnowledgeBase kb =
        SqliteKnowledgeBase.builder().dataDirectory(dataDir).withoutEmbeddings().open()) {
      var auth = kb.apiTokens().authenticate(secret);
      assertThat(auth.valid()).isTrue();
      assertThat(auth.token().orElseThrow().expiresAt().orElseThrow())
          .isBetween(
              Instant.now().plus(Duration.ofDays(29)), Instant.now().plus(Duration.ofDays(31)));
    }
    assertThat(run("list")).isZero();
    assertThat(out.toString()).contains("ci  operator").contains("expires").doesNotContain(secret);
  }

  @Test
  void listAndRevokeSpeakJsonAndARevokedTokenShowsAsSuch() throws Exception {
    run("create", "--role", "viewer", "--name", "a", "--json");
    JsonNode created = JSON.readTree(out.toString());
    assertThat(created.get("role").asText()).isEqualTo("viewer");
    assertThat(created.get("secret").asText()).startsWith("beca_");

    assertThat(run("revoke", "a", "--json")).isZero();
    assertThat(JSON.readTree(out.toString()).get("state").asText()).isEqualTo("revoked");
    assertThat(run("list", "--json")).isZero();
    JsonNode list = JSON.readTree(out.toString());
    assertThat(list.get("tokens").get(0).get("name").asText()).isEqualTo("a");
    assertThat(list.get("tokens").get(0).get("state").asText()).isEqualTo("revoked");
    assertThat(out.toString()).doesNotContain(created.get("secret").asText());
  }

  @Test
  void wrongInputIsAUsageErrorAndAnUnknownTokenAFailure() {
    assertThat(run("create", "--role", "root")).isEqualTo(2);
    assertThat(err.toString()).contains("viewer, operator, admin");
    assertThat(run("create", "--role", "viewer", "--expires", "soon")).isEqualTo(2);
    assertThat(run("create", "--role", "viewer", "--name", "../x")).isEqualTo(2);
    assertThat(run("revoke", "nobody")).isEqualTo(1);
    assertThat(err.toString()).contains("no token named 'nobody'");
  }
}
