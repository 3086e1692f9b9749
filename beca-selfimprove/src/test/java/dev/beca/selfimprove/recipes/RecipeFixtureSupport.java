package dev.beca.selfimprove.recipes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/** Real git repositories, the real {@code git apply}, javac in process, and running the result. */
final class RecipeFixtureSupport {

  private RecipeFixtureSupport() {}

  static String resource(String name) throws IOException {
    try (InputStream in =
        RecipeFixtureSupport.class.getResourceAsStream("/dev/beca/selfimprove/recipes/" + name)) {
      assertThat(in).as("fixture %s", name).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** A git repository with the file committed. */
  static Path repository(Path dir, String file, String content) throws Exception {
    Path target = dir.resolve(file);
    Files.createDirectories(target.getParent());
    Files.writeString(target, content);
    git(dir, "init", "-q");
    git(dir, "-c", "user.name=t", "-c", "user.email=t@example.org", "add", "-A");
    git(dir, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-q", "-m", "base");
    return dir;
  }

  /** Runs git; returns its exit code and output. */
  static Result git(Path dir, String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add("git");
    command.addAll(List.of(args));
    Process process =
        new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    process.getOutputStream().close();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new Result(process.exitValue(), output);
  }

  /** {@code git apply --check} then {@code git apply} of a diff file; the applied file's text. */
  static String applyWithGit(Path repo, String diff, String file) throws Exception {
    Path patch = Files.createTempFile("recipe", ".diff");
    try {
      Files.writeString(patch, diff);
      Result check = git(repo, "apply", "--check", patch.toString());
      assertThat(check.code()).as("git apply --check: %s%n%s", check.output(), diff).isZero();
      Result apply = git(repo, "apply", patch.toString());
      assertThat(apply.code()).as("git apply: %s", apply.output()).isZero();
      String applied = Files.readString(repo.resolve(file));
      assertThat(git(repo, "checkout", "--", ".").code()).isZero();
      return applied;
    } finally {
      Files.deleteIfExists(patch);
    }
  }

  /** Compiles one class and runs its {@code public static String check()}. */
  static String compileAndCheck(Path work, String className, String source) throws Exception {
    Path sources = Files.createTempDirectory(work, "src");
    Path classes = Files.createTempDirectory(work, "classes");
    Path file = sources.resolve(className.substring(className.lastIndexOf('.') + 1) + ".java");
    Files.writeString(file, source);
    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    StringWriter errors = new StringWriter();
    boolean compiled =
        compiler
            .getTask(
                errors,
                null,
                null,
                List.of("-d", classes.toString(), "-proc:none", "-Xlint:none", "-nowarn"),
                null,
                compiler
                    .getStandardFileManager(null, null, StandardCharsets.UTF_8)
                    .getJavaFileObjects(file))
            .call();
    assertThat(compiled).as("javac: %s%n%s", errors, source).isTrue();
    try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, null)) {
      return (String) loader.loadClass(className).getMethod("check").invoke(null);
    }
  }

  record Result(int code, String output) {}
}
