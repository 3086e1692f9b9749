package dev.beca.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code beca} launcher the build puts beside {@code beca.jar} runs BECA with the class-data
 * archive made at package time, and still runs when the archive is gone.
 */
class LauncherIT {

  @TempDir Path home;

  private static Path target;

  @BeforeAll
  static void onlyWhereTheBuildMakesTheLauncher() {
    assumeThat(System.getProperty("os.name").toLowerCase(Locale.ROOT))
        .as("the launcher is a POSIX shell script, made on Unix-like systems only")
        .doesNotContain("windows");
    target =
        Path.of(System.getProperty("beca.jar", "target/beca.jar")).toAbsolutePath().getParent();
  }

  @Test
  void theBuildPutsTheLauncherAndItsArchiveBesideTheJar() {
    assertThat(target.resolve("beca")).isExecutable();
    assertThat(target.resolve("beca.jsa")).isNotEmptyFile();
  }

  @Test
  void theLauncherLoadsBecasClassesFromTheArchive() throws Exception {
    Run run = launch(target.resolve("beca"), "-Xlog:class+load=info", "--version");

    assertThat(run.exit()).isZero();
    assertThat(run.output()).contains("beca ");
    // Unified logging names the archive as the source of every class mapped from it.
    assertThat(run.output().lines())
        .anyMatch(line -> line.contains(" dev.beca.") && line.contains("shared objects file"));
  }

  @Test
  void aLauncherCopiedWithoutTheArchiveStillStartsBeca() throws Exception {
    Path copy = Files.createDirectories(home.resolve("bin"));
    Files.copy(target.resolve("beca"), copy.resolve("beca"));
    Files.createSymbolicLink(copy.resolve("beca.jar"), target.resolve("beca.jar"));
    copy.resolve("beca").toFile().setExecutable(true);

    Run run = launch(copy.resolve("beca"), "", "--version");

    assertThat(run.exit()).isZero();
    assertThat(run.output()).contains("beca ");
  }

  private Run launch(Path launcher, String javaOptions, String... args)
      throws IOException, InterruptedException {
    List<String> command = new java.util.ArrayList<>(List.of(launcher.toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectInput(ProcessBuilder.Redirect.PIPE);
    builder.environment().put("JAVA_OPTS", javaOptions);
    builder.environment().put("HOME", home.toString());
    builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
    Process process = builder.start();
    process.getOutputStream().close();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
    return new Run(process.exitValue(), output);
  }

  private record Run(int exit, String output) {}
}
