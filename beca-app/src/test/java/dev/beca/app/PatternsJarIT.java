package dev.beca.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.beca.app.BecaJar.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code beca patterns mine} from the built jar, on a fixture repository. */
class PatternsJarIT {

  @TempDir Path dataDir;
  @TempDir Path home;
  @TempDir Path repo;

  private Result beca(String... args) throws Exception {
    // "patterns SUBCOMMAND --data-dir DIR REST...": the data directory is an option of the
    // subcommand.
    String[] withCommand = new String[args.length + 2];
    withCommand[0] = args[0];
    withCommand[1] = args[1];
    withCommand[2] = "--data-dir";
    withCommand[3] = dataDir.toString();
    System.arraycopy(args, 2, withCommand, 4, args.length - 2);
    return new BecaJar(home).run("", Map.of(), withCommand);
  }

  @Test
  void minesAFixtureRepositoryAndListsWhatItRecorded() throws Exception {
    Files.writeString(
        repo.resolve("pyproject.toml"),
        "[project]\nname = \"shop\"\ndependencies = [\"fastapi\", \"sqlalchemy\"]\n"
            + "[build-system]\nbuild-backend = \"hatchling.build\"\n");
    Files.createDirectories(repo.resolve("shop"));
    Files.writeString(repo.resolve("shop/__init__.py"), "");
    Files.writeString(repo.resolve("shop/api.py"), "from fastapi import FastAPI\n");

    Result mined = beca("patterns", "mine", repo.toString());
    assertThat(mined.exitCode()).as(mined.toString()).isZero();
    assertThat(mined.stdout())
        .contains("FastAPI (1 build files, 1 importing files)", "Recorded 3 patterns");

    Result listed = beca("patterns", "list", "--json");
    assertThat(listed.exitCode()).as(listed.toString()).isZero();
    assertThat(listed.stdout()).contains("\"FastAPI (python)\"", "\"Python (Hatch) build\"");

    Path nothing = Files.createDirectories(repo.resolveSibling(repo.getFileName() + "-empty"));
    Result empty = beca("patterns", "mine", nothing.toString());
    assertThat(empty.exitCode()).isEqualTo(1);
    assertThat(empty.stderr()).contains("No build file");
  }
}
