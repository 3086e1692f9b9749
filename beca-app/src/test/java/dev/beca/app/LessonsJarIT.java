package dev.beca.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.beca.app.BecaJar.Result;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code beca lessons add} then {@code beca lessons search} from the built jar. */
class LessonsJarIT {

  @TempDir Path dataDir;
  @TempDir Path home;

  /** {@code beca lessons SUBCOMMAND --data-dir DIR ARGS...}. */
  private Result lessons(String subcommand, String... extra) throws Exception {
    String[] args = new String[extra.length + 4];
    args[0] = "lessons";
    args[1] = subcommand;
    args[2] = "--data-dir";
    args[3] = dataDir.toString();
    System.arraycopy(extra, 0, args, 4, extra.length);
    return new BecaJar(home).run("", Map.of(), args);
  }

  @Test
  void anAddedLessonIsFoundByMeaningInTheNextProcess() throws Exception {
    Result added =
        lessons("add", "--category", "general", "Use BigDecimal for money, never double.");
    assertThat(added.exitCode()).as(added.toString()).isZero();
    assertThat(added.stdout()).contains("Added lesson 1.");
    Result other =
        lessons("add", "--category", "tooling", "Use ripgrep to search large codebases quickly.");
    assertThat(other.exitCode()).as(other.toString()).isZero();

    Result found = lessons("search", "--limit", "1", "how to store currency amounts");
    assertThat(found.exitCode()).as(found.toString()).isZero();
    assertThat(found.stdout()).contains("BigDecimal").doesNotContain("ripgrep");

    Result json = lessons("search", "--json", "BigDecimal");
    assertThat(json.exitCode()).as(json.toString()).isZero();
    assertThat(json.stdout()).contains("\"id\" : 1", "\"category\" : \"general\"");

    Result missing = lessons("show", "42");
    assertThat(missing.exitCode()).isEqualTo(1);
    assertThat(missing.stderr()).contains("There is no lesson 42");
  }
}
