package dev.beca.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.beca.app.internal.AppOptions;
import dev.beca.core.learning.NewPattern;
import dev.beca.core.learning.PatternKind;
import dev.beca.core.learning.PatternSource;
import dev.beca.memory.SqliteKnowledgeBase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code beca patterns ...}, run in-process on a real knowledge base and fixture repositories. */
class PatternsCommandTest {

  @TempDir Path dataDir;
  @TempDir Path repo;

  private String out = "";
  private String err = "";

  private int run(String... args) {
    BecaRun run = BecaRun.of("", false, Map.of(AppOptions.DATA_DIR_ENV, dataDir.toString()), args);
    out = run.out();
    err = run.err();
    return run.exit();
  }

  private void write(String relative, String text) throws IOException {
    Path file = repo.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }

  private void springRepository() throws IOException {
    write(
        "pom.xml",
        "<project><parent><groupId>org.springframework.boot</groupId>"
            + "<artifactId>spring-boot-starter-parent</artifactId></parent>"
            + "<groupId>com.example</groupId><modules><module>a</module><module>b</module></modules>"
            + "<dependencies><dependency><groupId>org.junit.jupiter</groupId>"
            + "<artifactId>junit-jupiter</artifactId></dependency></dependencies></project>");
    write("a/pom.xml", "<project><artifactId>a</artifactId></project>");
    write("b/pom.xml", "<project><artifactId>b</artifactId></project>");
    write(
        "a/src/main/java/com/example/a/App.java",
        "package com.example.a;\nimport org.springframework.boot.SpringApplication;\nclass App {}\n");
  }

  @Test
  void mineRecordsTheRepositorysPatternsAndListSearchShowFindThem() throws IOException {
    springRepository();

    assertThat(run("patterns", "mine", repo.toString())).as(err.toString()).isZero();
    assertThat(out.toString())
        .contains("Frameworks: Spring Boot", "JUnit 5", "multi-module (2)", "Recorded ")
        .contains(" new, 0 seen before)");

    assertThat(run("patterns", "list", "--kind", "framework")).isZero();
    assertThat(out.toString()).contains("ID", "KIND", "Spring Boot (java)", "JUnit 5 (java)");
    assertThat(out.toString()).doesNotContain("multi-module");

    assertThat(run("patterns", "search", "spring")).isZero();
    assertThat(out.toString()).contains("Spring Boot (java)").doesNotContain("JUnit");

    assertThat(run("patterns", "show", "1")).isZero();
    assertThat(out.toString()).contains("Pattern 1 (", "Seen: 1 time", "repository:" + repo);

    // Mining the unchanged repository again finds the same evidence: no new occurrences.
    assertThat(run("patterns", "mine", repo.toString())).isZero();
    assertThat(out.toString()).contains("(0 new, ");
    assertThat(run("patterns", "show", "1", "--json")).isZero();
    assertThat(out.toString()).contains("\"occurrences\" : 1");
  }

  @Test
  void jsonFormsAreDocuments() throws IOException {
    springRepository();

    assertThat(run("patterns", "mine", repo.toString(), "--json")).isZero();
    assertThat(out.toString())
        .startsWith("{")
        .contains("\"buildTools\" : [ \"Maven\" ]", "\"recorded\" : [", "\"kind\" : \"framework\"");
    assertThat(run("patterns", "list", "--json")).isZero();
    assertThat(out.toString()).startsWith("[").contains("\"source\" : \"repository\"");
    assertThat(run("patterns", "search", "junit", "--json")).isZero();
    assertThat(out.toString()).contains("\"frameworks\" : [ \"JUnit 5\" ]");
  }

  @Test
  void aRepositoryWithoutBuildFileSaysSoAndRecordsNothing() throws IOException {
    write("notes.txt", "hello");

    assertThat(run("patterns", "mine", repo.toString())).isEqualTo(1);
    assertThat(err.toString()).contains("No build file", "nothing was recorded");
    assertThat(run("patterns", "list")).isZero();
    assertThat(out.toString()).startsWith("No patterns yet");
  }

  @Test
  void badInputIsAUsageErrorAndAnUnknownIdAFailure() {
    assertThat(run("patterns", "list", "--kind", "nonsense")).isEqualTo(2);
    assertThat(err.toString()).contains("'nonsense' is not a pattern kind");
    assertThat(run("patterns", "list", "--limit", "0")).isEqualTo(2);
    assertThat(run("patterns", "search", "()")).isEqualTo(2);
    assertThat(run("patterns", "mine", repo.resolve("missing").toString())).isEqualTo(2);
    assertThat(run("patterns", "show", "42")).isEqualTo(1);
    assertThat(err.toString()).contains("There is no pattern 42");
  }

  @Test
  void storedTextIsShownWithControlCharactersEscaped() {
    try (SqliteKnowledgeBase kb =
        SqliteKnowledgeBase.builder().dataDirectory(dataDir).withoutEmbeddings().open()) {
      kb.patterns()
          .save(
              NewPattern.builder(PatternKind.SOLUTION, PatternSource.CONVERSATION)
                  .request("clear \u001b[2J screen")
                  .solutionSummary("title \u001b]0;pwned\u0007 here")
                  .toolsUsed(List.of("edit_file"))
                  .build());
    }

    assertThat(run("patterns", "list")).isZero();
    assertThat(out.toString()).doesNotContain("\u001b").contains("\\x1B]0;pwned");
    assertThat(run("patterns", "show", "1")).isZero();
    assertThat(out.toString()).doesNotContain("\u001b").contains("Tools: edit_file");
  }
}
