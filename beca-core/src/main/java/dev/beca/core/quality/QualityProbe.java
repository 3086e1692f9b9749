package dev.beca.core.quality;

import java.nio.file.Path;
import java.util.Set;

/**
 * Measures one aspect of a project's quality with a real tool.
 *
 * <p>Implementations are found through {@link java.util.ServiceLoader} (list the class in {@code
 * META-INF/services/dev.beca.core.quality.QualityProbe}; it then needs a public no-argument
 * constructor) or handed to the benchmark runner's builder. A probe decides itself whether it
 * applies to a project (a Maven probe looks for {@code pom.xml}); the runner runs every probe that
 * applies.
 *
 * <p>A probe never makes up a figure: when its tool is missing it returns {@link
 * ProbeStatus#UNAVAILABLE} with a message saying how to install it.
 */
public interface QualityProbe {

  /** A short unique name, e.g. {@code pmd} or {@code pytest}. */
  String name();

  /** The parts of the score this probe measures. */
  Set<ProbeKind> measures();

  /**
   * Whether the probe applies to a project.
   *
   * @param projectRoot the project's root folder
   * @return true when it should run there
   */
  boolean appliesTo(Path projectRoot);

  /**
   * What decides this probe's result besides the project's files: its configuration and the version
   * of its tool. Part of the cache key, so that a new tool version or rule set measures again. Must
   * be cheap after the first call.
   */
  String fingerprint();

  /**
   * Runs the tool and reads its report.
   *
   * @param context the project, an output folder, the deadline and the process runner
   * @return the result; never throws for a missing tool or a failing build
   */
  ProbeResult run(ProbeContext context);
}
