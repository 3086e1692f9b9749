package dev.beca.core.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A small real Maven project for tests that run Maven: the POM (Java 17, JUnit Jupiter, the
 * resources, compiler and Surefire plugins at pinned versions) and a way to make sure the local
 * repository has all that an offline build of it needs.
 *
 * <p>BECA measures projects with {@code mvn -o} (its sandbox has no network), so a test that does
 * so on a fresh machine fails unless something fetched the plugins and their dependencies before,
 * e.g. Maven 3.8's {@code plexus-utils} for Surefire. {@link #cachePlugins()} does it once per JVM.
 */
public final class MavenFixture {

  /**
   * The properties (Java 17, UTF-8) and the test dependency (JUnit Jupiter) of the fixtures' POMs,
   * as POM elements to put in a {@code <project>}.
   */
  public static final String JAVA_17_WITH_JUNIT =
      """
        <properties>
          <maven.compiler.release>17</maven.compiler.release>
          <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
        </properties>
        <dependencies>
          <dependency>
            <groupId>org.junit.jupiter</groupId>
            <artifactId>junit-jupiter</artifactId>
            <version>5.14.1</version>
            <scope>test</scope>
          </dependency>
        </dependencies>
      """;

  /** The POM of the project {@code com.acme:calc:1.0}. */
  public static final String POM =
      """
      <?xml version="1.0" encoding="UTF-8"?>
      <project xmlns="http://maven.apache.org/POM/4.0.0">
        <modelVersion>4.0.0</modelVersion>
        <groupId>com.acme</groupId>
        <artifactId>calc</artifactId>
        <version>1.0</version>
      %s  <build>
          <plugins>
            <plugin><artifactId>maven-resources-plugin</artifactId><version>3.3.1</version></plugin>
            <plugin><artifactId>maven-compiler-plugin</artifactId><version>3.14.1</version></plugin>
            <plugin><artifactId>maven-surefire-plugin</artifactId><version>3.5.4</version></plugin>
          </plugins>
        </build>
      </project>
      """
          .formatted(JAVA_17_WITH_JUNIT);

  private static volatile boolean cached;

  private MavenFixture() {}

  /**
   * Builds the project with one passing test once per JVM, online, with the system's {@code mvn},
   * so that later offline builds of projects with this POM find every plugin in the local
   * repository. When all is cached already, Maven fetches nothing (every version is fixed).
   *
   * @throws IllegalStateException when the build fails, with Maven's output
   */
  public static synchronized void cachePlugins() {
    if (cached) {
      return;
    }
    Path dir = null;
    try {
      dir = Files.createTempDirectory("beca-maven-fixture");
      Files.writeString(dir.resolve("pom.xml"), POM);
      write(
          dir.resolve("src/main/java/com/acme/One.java"),
          "package com.acme;\n\npublic final class One {\n  public static int one() {\n    return 1;\n  }\n}\n");
      write(
          dir.resolve("src/test/java/com/acme/OneTest.java"),
          """
          package com.acme;

          import static org.junit.jupiter.api.Assertions.assertEquals;

          import org.junit.jupiter.api.Test;

          class OneTest {
            @Test
            void one() {
              assertEquals(1, One.one());
            }
          }
          """);
      Process maven =
          new ProcessBuilder("mvn", "-B", "-q", "test")
              .directory(dir.toFile())
              .redirectErrorStream(true)
              .start();
      String output = new String(maven.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!maven.waitFor(10, TimeUnit.MINUTES) || maven.exitValue() != 0) {
        throw new IllegalStateException("Could not build the Maven fixture online:\n" + output);
      }
      cached = true;
    } catch (IOException e) {
      throw new IllegalStateException("Could not build the Maven fixture: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while building the Maven fixture", e);
    } finally {
      deleteQuietly(dir);
    }
  }

  private static void write(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }

  private static void deleteQuietly(Path dir) {
    if (dir == null) {
      return;
    }
    try (var paths = Files.walk(dir)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temp folder left behind is harmless
    }
  }
}
