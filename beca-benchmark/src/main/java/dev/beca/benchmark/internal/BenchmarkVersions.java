package dev.beca.benchmark.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** Versions fixed at build time: the JaCoCo plugin attached to Maven runs and PMD. */
public final class BenchmarkVersions {

  /** The JaCoCo Maven plugin version. */
  public static final String JACOCO = load().getProperty("jacoco.version");

  /** The PMD version on the classpath. */
  public static final String PMD = load().getProperty("pmd.version");

  private BenchmarkVersions() {}

  private static Properties load() {
    Properties properties = new Properties();
    try (InputStream in =
        BenchmarkVersions.class.getResourceAsStream("/dev/beca/benchmark/versions.properties")) {
      if (in != null) {
        properties.load(in);
      }
    } catch (IOException e) {
      throw new IllegalStateException("versions.properties is unreadable", e);
    }
    return properties;
  }
}
