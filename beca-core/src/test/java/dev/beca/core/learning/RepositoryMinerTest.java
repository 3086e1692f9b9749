package dev.beca.core.learning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.beca.core.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RepositoryMinerTest {

  @TempDir Path repo;

  private final RepositoryMiner miner = RepositoryMiner.builder().build();

  private void write(String relative, String text) throws IOException {
    Path file = repo.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }

  private static Map<String, FrameworkUse> byName(MiningReport report) {
    return report.frameworks().stream()
        .collect(Collectors.toMap(FrameworkUse::name, Function.identity()));
  }

  private static final String POM_PARENT =
      """
      <?xml version="1.0" encoding="UTF-8"?>
      <project xmlns="http://maven.apache.org/POM/4.0.0">
        <modelVersion>4.0.0</modelVersion>
        <parent>
          <groupId>org.springframework.boot</groupId>
          <artifactId>spring-boot-starter-parent</artifactId>
          <version>3.4.0</version>
        </parent>
        <groupId>com.example</groupId>
        <artifactId>shop</artifactId>
        <packaging>pom</packaging>
        <modules>
          <module>shop-core</module>
          <module>shop-web</module>
        </modules>
      </project>
      """;

  private static final String POM_WEB =
      """
      <project xmlns="http://maven.apache.org/POM/4.0.0">
        <artifactId>shop-web</artifactId>
        <dependencies>
          <dependency>
            <groupId>org.springframework.boot</groupId>
            <artifactId>spring-boot-starter-web</artifactId>
          </dependency>
          <dependency>
            <groupId>org.junit.jupiter</groupId>
            <artifactId>junit-jupiter</artifactId>
            <scope>test</scope>
          </dependency>
        </dependencies>
        <build>
          <plugins>
            <plugin>
              <groupId>org.springframework.boot</groupId>
              <artifactId>spring-boot-maven-plugin</artifactId>
            </plugin>
          </plugins>
        </build>
      </project>
      """;

  private void mavenShop() throws IOException {
    write("pom.xml", POM_PARENT);
    write("mvnw", "#!/bin/sh\n");
    write("shop-core/pom.xml", "<project><artifactId>shop-core</artifactId></project>");
    write("shop-web/pom.xml", POM_WEB);
    write(
        "shop-web/src/main/java/com/example/shop/web/OrderController.java",
        """
        /* licence */
        package com.example.shop.web;

        import com.example.shop.service.OrderService;
        import java.util.List;
        import org.springframework.web.bind.annotation.RestController;
        import org.springframework.boot.SpringApplication;

        @RestController
        class OrderController {
          // import org.not.an.Import;
        }
        """);
    write(
        "shop-core/src/main/java/com/example/shop/service/OrderService.java",
        "package com.example.shop.service;\n\nimport com.example.shop.repository.Orders;\n"
            + "import com.example.shop.model.Order;\npublic class OrderService {}\n");
    write(
        "shop-core/src/main/java/com/example/shop/repository/Orders.java",
        "package com.example.shop.repository;\n"
            + "import org.springframework.data.repository.Repository;\n"
            + "interface Orders {}\n");
    write(
        "shop-core/src/main/java/com/example/shop/model/Order.java",
        "package com.example.shop.model;\nrecord Order() {}\n");
    write(
        "shop-web/src/test/java/com/example/shop/web/OrderControllerTest.java",
        "package com.example.shop.web;\nimport static org.junit.jupiter.api.Assertions.assertTrue;\n"
            + "import org.junit.jupiter.api.Test;\nclass OrderControllerTest {}\n");
    write("target/classes/Junk.java", "import io.quarkus.Nope;\n");
    write(
        "shop-web/src/main/java/com/example/shop/out/Exporter.java",
        "package com.example.shop.out;\n");
  }

  @Test
  void aMavenMultiModuleSpringBootProjectIsMinedWithCounts() throws IOException {
    mavenShop();

    MiningReport report = miner.mine(repo);

    assertThat(report.hasBuildFile()).isTrue();
    assertThat(report.message()).isEmpty();
    assertThat(report.buildFiles())
        .containsExactlyInAnyOrder("pom.xml", "shop-core/pom.xml", "shop-web/pom.xml");
    assertThat(report.buildTools()).containsExactly("Maven (wrapper)");
    assertThat(report.modules()).containsExactly("shop-core", "shop-web");
    Map<String, FrameworkUse> frameworks = byName(report);
    assertThat(frameworks)
        .containsKeys("Spring Boot", "JUnit 5", "Spring Framework", "Spring Data");
    assertThat(frameworks).doesNotContainKey("Quarkus"); // only under target/, which is skipped
    FrameworkUse boot = frameworks.get("Spring Boot");
    assertThat(boot.declaredIn()).containsExactlyInAnyOrder("pom.xml", "shop-web/pom.xml");
    assertThat(boot.dependencies()).isEqualTo(3); // parent, starter, plugin
    assertThat(boot.importingFiles()).isEqualTo(1);
    assertThat(frameworks.get("JUnit 5").importingFiles()).isEqualTo(1);
    assertThat(frameworks.get("JUnit 5").imports()).isEqualTo(2);
    assertThat(report.architectures())
        .extracting(ArchitectureHint::type)
        .containsExactly("multi-module", "layered");
    ArchitectureHint layered = report.architectures().get(1);
    assertThat(layered.summary()).contains("domain", "persistence", "presentation", "service");
    assertThat(layered.count()).isEqualTo(4);
    assertThat(report.topImports())
        .extracting(ImportCount::packageName)
        .contains("org.springframework.web", "org.junit.jupiter")
        .doesNotContain("com.example.shop", "java.util");
    assertThat(report.sourceFilesRead()).isEqualTo(6); // out/ inside src/ is a package
    assertThat(report.problems()).isEmpty();
  }

  @Test
  void theReportBecomesOnePatternPerFrameworkArchitectureAndBuildTool() throws IOException {
    mavenShop();
    MiningReport report = miner.mine(repo);

    List<NewPattern> patterns = report.patterns();

    assertThat(patterns)
        .filteredOn(p -> p.kind() == PatternKind.FRAMEWORK)
        .hasSize(report.frameworks().size());
    assertThat(patterns)
        .filteredOn(p -> p.kind() == PatternKind.ARCHITECTURE)
        .extracting(NewPattern::architectureType)
        .containsExactly("multi-module", "layered");
    assertThat(patterns)
        .filteredOn(p -> p.kind() == PatternKind.BUILD)
        .extracting(NewPattern::solutionSummary)
        .containsExactly("Maven (wrapper) build");
    assertThat(patterns)
        .allSatisfy(
            p -> {
              assertThat(p.source()).isEqualTo(PatternSource.REPOSITORY);
              assertThat(p.evidence()).singleElement().asString().startsWith("repository:" + repo);
            });
  }

  @Test
  void miningTheSameTreeTwiceGivesTheSameReport() throws IOException {
    mavenShop();

    MiningReport first = miner.mine(repo);
    MiningReport second = miner.mine(repo);

    assertThat(second.patterns()).isEqualTo(first.patterns());
    assertThat(second.frameworks()).isEqualTo(first.frameworks());
  }

  @Test
  void gradleKotlinAndGroovyFilesDeclareDependenciesPluginsAndModules() throws IOException {
    write(
        "settings.gradle.kts",
        "rootProject.name = \"app\"\ninclude(\":api\", \":infra:db\")\ninclude(\"worker\")\n");
    write(
        "build.gradle.kts",
        """
        plugins {
            id("io.quarkus") version "3.9.0"
            kotlin("jvm") version "2.0.0"
        }
        dependencies {
            implementation(enforcedPlatform("io.quarkus.platform:quarkus-bom:3.9.0"))
            implementation("io.quarkus:quarkus-rest")
            testImplementation("io.quarkus:quarkus-junit5")
            testImplementation("org.assertj:assertj-core:3.26.0")
        }
        """);
    write(
        "worker/build.gradle",
        "dependencies {\n  implementation 'io.micronaut:micronaut-http:4.0.0'\n"
            + "  testImplementation group: 'x', name: 'y'\n}\n");
    write("gradlew", "#!/bin/sh\n");

    MiningReport report = miner.mine(repo);

    assertThat(report.modules()).containsExactly("api", "infra/db", "worker");
    assertThat(report.buildTools())
        .containsExactlyInAnyOrder("Gradle (Kotlin DSL, wrapper)", "Gradle (Groovy DSL, wrapper)");
    Map<String, FrameworkUse> frameworks = byName(report);
    assertThat(frameworks.get("Quarkus").dependencies()).isEqualTo(4); // plugin, bom, rest, junit5
    assertThat(frameworks).containsKeys("Kotlin", "AssertJ", "Micronaut");
    assertThat(frameworks.get("Micronaut").declaredIn()).containsExactly("worker/build.gradle");
  }

  @Test
  void pythonProjectsAreMinedFromPyprojectRequirementsAndImports() throws IOException {
    write(
        "pyproject.toml",
        """
        [project]
        name = "orders"
        dependencies = ["FastAPI>=0.110", "SQLAlchemy[asyncio]~=2.0", "pydantic"]

        [project.optional-dependencies]
        test = ["pytest>=8"]

        [build-system]
        requires = ["hatchling"]
        build-backend = "hatchling.build"
        """);
    write("requirements-dev.txt", "# tools\n-r requirements.txt\nDjango==5.0\n");
    write("src/orders/__init__.py", "");
    write(
        "src/orders/api.py",
        "from fastapi import FastAPI\nimport os, sys\nfrom .models import Order\n"
            + "from orders.db import engine\nimport sqlalchemy.orm as orm\n");
    write("src/orders/db.py", "import sqlalchemy\n");
    write("tests/test_api.py", "import pytest\nfrom orders import api\n");

    MiningReport report = miner.mine(repo);

    assertThat(report.buildTools()).containsExactly("Python (Hatch)", "pip requirements");
    Map<String, FrameworkUse> frameworks = byName(report);
    assertThat(frameworks.get("FastAPI").importingFiles()).isEqualTo(1);
    assertThat(frameworks.get("SQLAlchemy").importingFiles()).isEqualTo(2);
    assertThat(frameworks.get("SQLAlchemy").declaredIn()).containsExactly("pyproject.toml");
    assertThat(frameworks.get("Django").declaredIn()).containsExactly("requirements-dev.txt");
    assertThat(frameworks).containsKeys("Pydantic", "pytest");
    assertThat(report.topImports())
        .extracting(ImportCount::packageName)
        .containsExactly("sqlalchemy", "fastapi", "pytest")
        .doesNotContain("orders", "os");
  }

  @Test
  void dependenciesOnTheRepositorysOwnArtifactsAreNotFrameworks() throws IOException {
    write(
        "pom.xml",
        "<project><groupId>dev.langchain4j</groupId><artifactId>langchain4j-parent</artifactId>"
            + "<modules><module>core</module></modules></project>");
    write(
        "core/pom.xml",
        "<project><parent><groupId>dev.langchain4j</groupId><artifactId>langchain4j-parent</artifactId>"
            + "</parent><artifactId>langchain4j-core</artifactId><dependencies><dependency>"
            + "<groupId>dev.langchain4j</groupId><artifactId>langchain4j-http</artifactId>"
            + "</dependency></dependencies></project>");
    write("pyproject.toml", "[project]\nname = \"Flask\"\ndependencies = [\"Werkzeug>=3\"]\n");
    write("examples/app/pyproject.toml", "[project]\nname = \"app\"\ndependencies = [\"flask\"]\n");

    MiningReport report = miner.mine(repo);

    assertThat(byName(report)).containsOnlyKeys("Werkzeug");
  }

  @Test
  void aJavaScriptWorkspaceIsAMonorepo() throws IOException {
    write(
        "package.json",
        "{\"name\":\"root\",\"private\":true,\"workspaces\":[\"packages/*\"],"
            + "\"devDependencies\":{\"typescript\":\"^5\",\"vitest\":\"^1\"}}");
    write("yarn.lock", "");
    write(
        "packages/web/package.json",
        "{\"name\":\"web\",\"dependencies\":{\"react\":\"^18\",\"next\":\"14\"}}");

    MiningReport report = miner.mine(repo);

    assertThat(report.buildTools()).contains("Yarn", "npm");
    assertThat(byName(report)).containsKeys("React", "Next.js", "TypeScript", "Vitest");
    assertThat(report.architectures()).extracting(ArchitectureHint::type).contains("monorepo");
    assertThat(report.modules()).containsExactly("packages/*");
  }

  @Test
  void portsAndAdaptersPackagesAreAHexagonalHint() throws IOException {
    write("pom.xml", "<project><artifactId>hex</artifactId></project>");
    for (String pkg : List.of("domain.port.in", "domain.port.out", "adapter.web", "adapter.jpa")) {
      write(
          "src/main/java/com/acme/" + pkg.replace('.', '/') + "/X.java",
          "package com.acme." + pkg + ";\nclass X {}\n");
    }

    MiningReport report = miner.mine(repo);

    assertThat(report.architectures())
        .filteredOn(a -> a.type().equals("hexagonal"))
        .singleElement()
        .satisfies(a -> assertThat(a.count()).isEqualTo(4));
  }

  @Test
  void aRepositoryWithoutABuildFileGivesAClearMessageAndNoPatterns() throws IOException {
    write("README.md", "# notes\n");
    write("scripts/run.sh", "echo hi\n");

    MiningReport report = miner.mine(repo);

    assertThat(report.hasBuildFile()).isFalse();
    assertThat(report.message())
        .contains("No build file")
        .contains(repo.toString())
        .contains("nothing was recorded");
    assertThat(report.patterns()).isEmpty();
    assertThat(report.describe()).isEqualTo(report.message());
  }

  @Test
  void aBrokenBuildFileIsAProblemAndTheRestIsStillMined() throws IOException {
    write("pom.xml", "<project><dependencies><dependency>");
    write("web/package.json", "{ not json");
    write("api/pom.xml", POM_WEB);

    MiningReport report = miner.mine(repo);

    assertThat(report.problems())
        .anySatisfy(p -> assertThat(p).startsWith("pom.xml could not be read: not well-formed XML"))
        .anySatisfy(p -> assertThat(p).startsWith("web/package.json could not be read"));
    assertThat(byName(report)).containsKey("Spring Boot");
  }

  @Test
  void aPomWithAnExternalEntityIsRefusedNotFetched() throws IOException {
    write(
        "pom.xml",
        "<?xml version=\"1.0\"?>\n<!DOCTYPE project [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n"
            + "<project><artifactId>&x;</artifactId></project>");

    MiningReport report = miner.mine(repo);

    assertThat(report.problems()).singleElement().asString().contains("DOCTYPE");
    assertThat(report.hasBuildFile()).isFalse();
  }

  @Test
  void theLimitsStopMiningAndSaySo() throws IOException {
    write("pom.xml", "<project/>");
    for (int i = 0; i < 5; i++) {
      write("src/A" + i + ".java", "package a;\nimport org.junit.jupiter.api.Test;\n");
    }

    MiningReport report = RepositoryMiner.builder().maxSourceFiles(2).build().mine(repo);

    assertThat(report.sourceFilesRead()).isEqualTo(2);
    assertThat(report.problems()).singleElement().asString().contains("first 2 source files");
  }

  @Test
  void aMissingFolderIsInvalidInput() {
    assertThatThrownBy(() -> miner.mine(repo.resolve("nope")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("does not exist");
  }
}
