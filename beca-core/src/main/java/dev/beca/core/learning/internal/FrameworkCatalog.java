package dev.beca.core.learning.internal;

import java.util.List;
import java.util.Locale;

/**
 * The frameworks the repository miner recognises, each by its dependency coordinates and the
 * packages its code imports. Java coordinates are {@code group:artifact} (Gradle plugin ids become
 * {@code id:plugin}), matched by prefix; Python and npm names are matched whole, normalised.
 */
public final class FrameworkCatalog {

  /**
   * One framework.
   *
   * @param name the name shown
   * @param language {@code java}, {@code python} or {@code javascript}
   * @param coordinates dependency prefixes (java) or names (python, javascript)
   * @param importPrefixes import prefixes (java) or top modules (python)
   * @param importExcludes import prefixes that do not count
   */
  public record Framework(
      String name,
      String language,
      List<String> coordinates,
      List<String> importPrefixes,
      List<String> importExcludes) {

    /** Whether a dependency of the given ecosystem names this framework. */
    public boolean declaredBy(String ecosystem, String coordinate) {
      if (!ecosystem.equals(language)) {
        return false;
      }
      if (language.equals("java")) {
        return coordinates.stream().anyMatch(coordinate::startsWith);
      }
      return coordinates.contains(coordinate);
    }

    /** Whether an import (a Java name or a Python top module) is of this framework. */
    public boolean imported(String ecosystem, String name) {
      if (!ecosystem.equals(language)) {
        return false;
      }
      if (language.equals("python")) {
        return importPrefixes.contains(name);
      }
      return importPrefixes.stream().anyMatch(name::startsWith)
          && importExcludes.stream().noneMatch(name::startsWith);
    }
  }

  private static Framework java(String name, List<String> coordinates, List<String> imports) {
    return new Framework(name, "java", coordinates, imports, List.of());
  }

  private static Framework python(String name, String... packages) {
    return new Framework(name, "python", List.of(packages), List.of(packages), List.of());
  }

  private static Framework js(String name, String... packages) {
    return new Framework(name, "javascript", List.of(packages), List.of(), List.of());
  }

  /** Every recognised framework. */
  public static final List<Framework> ALL =
      List.of(
          java(
              "Spring Boot",
              List.of("org.springframework.boot:"),
              List.of("org.springframework.boot")),
          new Framework(
              "Spring Framework",
              "java",
              List.of("org.springframework:"),
              List.of("org.springframework."),
              List.of("org.springframework.boot", "org.springframework.data")),
          java(
              "Spring Data",
              List.of(
                  "org.springframework.data:", "org.springframework.boot:spring-boot-starter-data"),
              List.of("org.springframework.data")),
          java("Quarkus", List.of("io.quarkus"), List.of("io.quarkus")),
          java("Micronaut", List.of("io.micronaut"), List.of("io.micronaut")),
          java("Jakarta EE", List.of("jakarta."), List.of("jakarta.")),
          java(
              "Hibernate / JPA",
              List.of("org.hibernate"),
              List.of("org.hibernate", "jakarta.persistence", "javax.persistence")),
          java(
              "JUnit 5",
              List.of("org.junit.jupiter:", "org.junit:junit-bom", "org.junit.platform:"),
              List.of("org.junit.jupiter")),
          new Framework(
              "JUnit 4",
              "java",
              List.of("junit:junit"),
              List.of("org.junit."),
              List.of("org.junit.jupiter", "org.junit.platform")),
          java("Mockito", List.of("org.mockito"), List.of("org.mockito")),
          java("AssertJ", List.of("org.assertj"), List.of("org.assertj")),
          java("Testcontainers", List.of("org.testcontainers"), List.of("org.testcontainers")),
          java("Jackson", List.of("com.fasterxml.jackson"), List.of("com.fasterxml.jackson")),
          java("Lombok", List.of("org.projectlombok"), List.of("lombok.")),
          java("LangChain4j", List.of("dev.langchain4j"), List.of("dev.langchain4j")),
          java("Vert.x", List.of("io.vertx"), List.of("io.vertx")),
          java("Project Reactor", List.of("io.projectreactor"), List.of("reactor.")),
          java("Kotlin", List.of("org.jetbrains.kotlin"), List.of("kotlin.")),
          python("Django", "django"),
          python("Flask", "flask"),
          python("FastAPI", "fastapi"),
          python("Starlette", "starlette"),
          python("pytest", "pytest"),
          python("SQLAlchemy", "sqlalchemy"),
          python("Pydantic", "pydantic"),
          python("NumPy", "numpy"),
          python("pandas", "pandas"),
          python("Celery", "celery"),
          python("Click", "click"),
          python("Werkzeug", "werkzeug"),
          python("Jinja", "jinja2"),
          python("Requests", "requests"),
          python("HTTPX", "httpx"),
          js("React", "react"),
          js("Vue", "vue"),
          js("Angular", "@angular/core"),
          js("Next.js", "next"),
          js("Express", "express"),
          js("Svelte", "svelte"),
          js("Jest", "jest"),
          js("Vitest", "vitest"),
          js("Vite", "vite"),
          js("TypeScript", "typescript"));

  private FrameworkCatalog() {}

  /**
   * A Python distribution name as pip compares them: lower case, runs of {@code -_.} as {@code -}.
   */
  public static String pythonName(String name) {
    return name.strip().toLowerCase(Locale.ROOT).replaceAll("[-_.]+", "-");
  }
}
