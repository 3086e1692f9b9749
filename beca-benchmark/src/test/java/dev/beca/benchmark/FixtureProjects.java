package dev.beca.benchmark;

import dev.beca.core.testkit.MavenFixture;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.revwalk.RevCommit;

/**
 * Small real projects written into a folder and committed with git: a Maven project (passing,
 * failing, erroring and skipped tests, PMD violations, partial coverage) and a Python project
 * (likewise, plus bandit findings). Used by the tests and the performance harness.
 */
public final class FixtureProjects {

  /** Tests the Maven fixture has: 6 in all, 1 failure, 1 error, 1 skipped. */
  public static final int MAVEN_TESTS = 6;

  /** Tests the Python fixture has: 5 in all, 1 failure, 1 skipped. */
  public static final int PYTHON_TESTS = 5;

  private FixtureProjects() {}

  /** Writes and commits the Maven project into {@code dir}. */
  public static RevCommit maven(Path dir) throws IOException, GitAPIException {
    write(dir, "pom.xml", MavenFixture.POM);
    write(
        dir,
        "src/main/java/com/acme/Calc.java",
        """
        package com.acme;

        public class Calc {

          private int unusedField;

          public int add(int a, int b) {
            return a + b;
          }

          private int unusedHelper() {
            return 1;
          }

          public int divide(int a, int b) {
            if (b == 0)
              throw new IllegalArgumentException("b must not be 0");
            return a / b;
          }

          public String describe(int value) {
            int scratch = 42;
            String text = "";
            if (value > 0) {
              text = "positive";
            } else {
              text = "not positive";
            }
            return text;
          }

          public int neverCalled(int x) {
            try {
              return Integer.parseInt("" + x);
            } catch (NumberFormatException e) {
            }
            return 0;
          }
        }
        """);
    write(
        dir,
        "src/test/java/com/acme/CalcTest.java",
        """
        package com.acme;

        import static org.junit.jupiter.api.Assertions.assertEquals;
        import static org.junit.jupiter.api.Assertions.assertThrows;

        import org.junit.jupiter.api.Disabled;
        import org.junit.jupiter.api.Test;

        class CalcTest {
          private final Calc calc = new Calc();

          @Test
          void addsNumbers() {
            assertEquals(3, calc.add(1, 2));
          }

          @Test
          void dividesNumbers() {
            assertEquals(2, calc.divide(6, 3));
          }

          @Test
          void refusesDivisionByZero() {
            assertThrows(IllegalArgumentException.class, () -> calc.divide(1, 0));
          }

          @Test
          void describesNegativeNumbers() {
            assertEquals("negative", calc.describe(-1));
          }

          @Test
          @Disabled("not yet")
          void describesZero() {
            assertEquals("zero", calc.describe(0));
          }
        }
        """);
    write(
        dir,
        "src/test/java/com/acme/BrokenTest.java",
        """
        package com.acme;

        import org.junit.jupiter.api.Test;

        class BrokenTest {
          @Test
          void throwsUnexpectedly() {
            throw new IllegalStateException("boom");
          }
        }
        """);
    write(dir, ".gitignore", "target/\n");
    return commit(dir, "Maven calculator");
  }

  /** Lines of the reactor fixture JaCoCo counts: Greeter 3, App 4. */
  public static final int REACTOR_LINES = 7;

  /**
   * Of them covered when Surefire and Failsafe tests run: Greeter 2 (by both modules' tests), App
   * 3.
   */
  public static final int REACTOR_LINES_COVERED = 5;

  /**
   * Writes and commits a multi-module Maven reactor that keeps a coverage agent out of its test
   * JVMs as real projects do, and has no {@code .gitignore}: module {@code core} gives Surefire a
   * literal {@code argLine}; module {@code app} uses {@code @{argLine}} late replacement and runs
   * an integration test with Failsafe, whose {@code argLine} is literal too. One test per kind.
   */
  public static RevCommit mavenReactor(Path dir) throws IOException, GitAPIException {
    write(
        dir,
        "pom.xml",
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <project xmlns="http://maven.apache.org/POM/4.0.0">
          <modelVersion>4.0.0</modelVersion>
          <groupId>com.acme</groupId>
          <artifactId>reactor</artifactId>
          <version>1.0</version>
          <packaging>pom</packaging>
          <modules>
            <module>core</module>
            <module>app</module>
          </modules>
          %s
          <build>
            <pluginManagement>
              <plugins>
                <plugin><artifactId>maven-resources-plugin</artifactId><version>3.3.1</version></plugin>
                <plugin><artifactId>maven-compiler-plugin</artifactId><version>3.14.1</version></plugin>
                <plugin><artifactId>maven-jar-plugin</artifactId><version>3.4.2</version></plugin>
                <plugin><artifactId>maven-surefire-plugin</artifactId><version>3.5.4</version></plugin>
                <plugin><artifactId>maven-failsafe-plugin</artifactId><version>3.5.4</version></plugin>
              </plugins>
            </pluginManagement>
          </build>
        </project>
        """
            .formatted(MavenFixture.JAVA_17_WITH_JUNIT));
    write(
        dir,
        "core/pom.xml",
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <project xmlns="http://maven.apache.org/POM/4.0.0">
          <modelVersion>4.0.0</modelVersion>
          <parent><groupId>com.acme</groupId><artifactId>reactor</artifactId><version>1.0</version></parent>
          <artifactId>core</artifactId>
          <build>
            <plugins>
              <plugin>
                <artifactId>maven-surefire-plugin</artifactId>
                <configuration><argLine>-Xmx256m -Dfixture=literal</argLine></configuration>
              </plugin>
            </plugins>
          </build>
        </project>
        """);
    write(
        dir,
        "app/pom.xml",
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <project xmlns="http://maven.apache.org/POM/4.0.0">
          <modelVersion>4.0.0</modelVersion>
          <parent><groupId>com.acme</groupId><artifactId>reactor</artifactId><version>1.0</version></parent>
          <artifactId>app</artifactId>
          <properties>
            <argLine>-Dfixture=late</argLine>
          </properties>
          <dependencies>
            <dependency><groupId>com.acme</groupId><artifactId>core</artifactId><version>1.0</version></dependency>
          </dependencies>
          <build>
            <plugins>
              <plugin>
                <artifactId>maven-surefire-plugin</artifactId>
                <configuration><argLine>@{argLine} -Xss2m</argLine></configuration>
              </plugin>
              <plugin>
                <artifactId>maven-failsafe-plugin</artifactId>
                <configuration><argLine>-Xmx256m</argLine></configuration>
                <executions>
                  <execution><goals><goal>integration-test</goal><goal>verify</goal></goals></execution>
                </executions>
              </plugin>
            </plugins>
          </build>
        </project>
        """);
    write(
        dir,
        "core/src/main/java/com/acme/core/Greeter.java",
        """
        package com.acme.core;

        public class Greeter {
          public String greet(String name) {
            return "Hello " + name;
          }

          public int untested() {
            return 42;
          }
        }
        """);
    write(
        dir,
        "core/src/test/java/com/acme/core/GreeterTest.java",
        """
        package com.acme.core;

        import static org.junit.jupiter.api.Assertions.assertEquals;

        import org.junit.jupiter.api.Test;

        class GreeterTest {
          @Test
          void greetsByName() {
            assertEquals("Hello Ada", new Greeter().greet("Ada"));
          }
        }
        """);
    write(
        dir,
        "app/src/main/java/com/acme/app/App.java",
        """
        package com.acme.app;

        import com.acme.core.Greeter;

        public class App {
          public String welcome() {
            return new Greeter().greet("app");
          }

          public String farewell() {
            return "Bye";
          }

          public String unused() {
            return "never";
          }
        }
        """);
    write(
        dir,
        "app/src/test/java/com/acme/app/AppTest.java",
        """
        package com.acme.app;

        import static org.junit.jupiter.api.Assertions.assertEquals;

        import org.junit.jupiter.api.Test;

        class AppTest {
          @Test
          void welcomes() {
            assertEquals("Hello app", new App().welcome());
          }
        }
        """);
    write(
        dir,
        "app/src/test/java/com/acme/app/AppIT.java",
        """
        package com.acme.app;

        import static org.junit.jupiter.api.Assertions.assertEquals;

        import org.junit.jupiter.api.Test;

        class AppIT {
          @Test
          void saysGoodbye() {
            assertEquals("Bye", new App().farewell());
          }
        }
        """);
    return commit(dir, "Maven reactor keeping agents out");
  }

  /** Writes and commits the Python project into {@code dir}. */
  public static RevCommit python(Path dir) throws IOException, GitAPIException {
    write(
        dir,
        "calc.py",
        """
        \"\"\"A small calculator.\"\"\"
        import subprocess


        def add(a, b):
            return a + b


        def divide(a, b):
            if b == 0:
                raise ValueError("b must not be 0")
            return a / b


        def describe(value):
            unused = 42
            if value > 0:
                return "positive"
            return "not positive"


        def run(command):
            return subprocess.call(command, shell=True)
        """);
    write(
        dir,
        "test_calc.py",
        """
        import pytest

        import calc


        def test_add():
            assert calc.add(1, 2) == 3


        def test_divide():
            assert calc.divide(6, 3) == 2


        def test_divide_by_zero():
            with pytest.raises(ValueError):
                calc.divide(1, 0)


        def test_describe_negative():
            assert calc.describe(-1) == "negative"


        @pytest.mark.skip(reason="not yet")
        def test_describe_zero():
            assert calc.describe(0) == "zero"
        """);
    write(dir, ".gitignore", "__pycache__/\n.coverage\n");
    return commit(dir, "Python calculator");
  }

  /**
   * Writes and commits a small well-kept Python package: documented code, two test modules, every
   * test passing, every line covered. The base of the planted-regression tests.
   */
  public static RevCommit pythonShop(Path dir) throws IOException, GitAPIException {
    write(dir, "shop/__init__.py", "\"\"\"A tiny shop.\"\"\"\n");
    write(
        dir,
        "shop/cart.py",
        """
        \"\"\"Shopping cart arithmetic.\"\"\"


        def total(prices):
            \"\"\"Return the sum of the prices.\"\"\"
            return sum(prices)


        def count(prices):
            \"\"\"Return how many prices there are.\"\"\"
            return len(prices)
        """);
    write(
        dir,
        "shop/pricing.py",
        """
        \"\"\"Discounts.\"\"\"


        def discounted(price, percent):
            \"\"\"Return the price less a percentage.\"\"\"
            if percent < 0 or percent > 100:
                raise ValueError("percent must be 0 to 100")
            return price * (100 - percent) / 100
        """);
    write(
        dir,
        "tests/test_cart.py",
        """
        \"\"\"Tests of the cart.\"\"\"
        from shop import cart


        def test_total():
            \"\"\"Sums prices.\"\"\"
            assert cart.total([2, 3]) == 5


        def test_count():
            \"\"\"Counts prices.\"\"\"
            assert cart.count([2, 3]) == 2
        """);
    write(
        dir,
        "tests/test_pricing.py",
        """
        \"\"\"Tests of the discounts.\"\"\"
        import pytest

        from shop import pricing


        def test_discounted():
            \"\"\"Takes the percentage off.\"\"\"
            assert pricing.discounted(200, 25) == 150


        def test_refuses_bad_percent():
            \"\"\"Refuses percentages outside 0 to 100.\"\"\"
            with pytest.raises(ValueError):
                pricing.discounted(1, 101)
        """);
    write(dir, "tests/__init__.py", "");
    return commit(dir, "Shop");
  }

  /** A second commit of the Python project: the failing test is fixed, an eval call is added. */
  public static RevCommit pythonSecondRevision(Path dir) throws IOException, GitAPIException {
    String calc =
        Files.readString(dir.resolve("calc.py"))
                .replace(
                    "    return \"not positive\"\n",
                    "    if value < 0:\n        return \"negative\"\n    return \"zero\"\n")
            + "\n\ndef evaluate(expression):\n    return eval(expression)\n";
    write(dir, "calc.py", calc);
    return commit(dir, "Describe negative numbers; evaluate expressions");
  }

  static void write(Path dir, String relative, String content) throws IOException {
    Path file = dir.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content, StandardCharsets.UTF_8);
  }

  static RevCommit commit(Path dir, String message) throws GitAPIException {
    try (Git git =
        Files.isDirectory(dir.resolve(".git"))
            ? Git.open(dir.toFile())
            : Git.init().setDirectory(dir.toFile()).call()) {
      git.add().addFilepattern(".").call();
      git.add().addFilepattern(".").setUpdate(true).call();
      return git.commit()
          .setMessage(message)
          .setAuthor("Fixture", "fixture@beca.dev")
          .setCommitter("Fixture", "fixture@beca.dev")
          .setSign(false)
          .call();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
