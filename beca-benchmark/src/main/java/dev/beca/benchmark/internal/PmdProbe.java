package dev.beca.benchmark.internal;

import dev.beca.core.quality.Finding;
import dev.beca.core.quality.FindingsReport;
import dev.beca.core.quality.ProbeContext;
import dev.beca.core.quality.ProbeKind;
import dev.beca.core.quality.ProbeResult;
import dev.beca.core.quality.ProbeStatus;
import dev.beca.core.quality.QualityProbe;
import dev.beca.core.quality.Severity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import net.sourceforge.pmd.PMDConfiguration;
import net.sourceforge.pmd.PmdAnalysis;
import net.sourceforge.pmd.lang.rule.RulePriority;
import net.sourceforge.pmd.reporting.Report;
import net.sourceforge.pmd.reporting.RuleViolation;

/**
 * PMD 7 through its Java API on a project's main Java sources (every {@code src/main/java} folder),
 * either as the lint probe (rule set {@value #DEFAULT_RULES}) or as the security probe (rule set
 * {@value #SECURITY_RULES}).
 */
public final class PmdProbe implements QualityProbe {

  /** BECA's default lint rule set, a classpath resource. */
  public static final String DEFAULT_RULES = "dev/beca/benchmark/pmd/beca-default.xml";

  /** BECA's PMD security rule set, a classpath resource. */
  public static final String SECURITY_RULES = "dev/beca/benchmark/pmd/beca-security.xml";

  private final String name;
  private final ProbeKind kind;
  private final String ruleSet;

  private PmdProbe(String name, ProbeKind kind, String ruleSet) {
    this.name = name;
    this.kind = kind;
    this.ruleSet = ruleSet;
  }

  /** The lint probe {@code pmd} with a rule set (a classpath resource or file path). */
  public static PmdProbe lint(String ruleSet) {
    return new PmdProbe("pmd", ProbeKind.LINT, ruleSet);
  }

  /** The security probe {@code pmd-security}. */
  public static PmdProbe security() {
    return new PmdProbe("pmd-security", ProbeKind.SECURITY, SECURITY_RULES);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Set<ProbeKind> measures() {
    return Set.of(kind);
  }

  @Override
  public boolean appliesTo(Path projectRoot) {
    return Files.isRegularFile(projectRoot.resolve("pom.xml"));
  }

  @Override
  public String fingerprint() {
    return name + " pmd=" + BenchmarkVersions.PMD + " rules=" + ruleSet;
  }

  /** The Java files this probe analyses. */
  public static List<Path> sources(Path root) {
    return SourceFiles.find(
        root,
        p -> {
          String path = SourceFiles.slashes(p);
          return path.endsWith(".java")
              && (path.startsWith("src/main/java/") || path.contains("/src/main/java/"));
        });
  }

  @Override
  public ProbeResult run(ProbeContext context) {
    Instant start = Instant.now();
    Path root = context.projectRoot();
    List<Path> files = sources(root);
    String version = "PMD " + BenchmarkVersions.PMD;
    try {
      Report report = analyse(files, ruleSet);
      List<Finding> findings = new ArrayList<>();
      for (RuleViolation violation : report.getViolations()) {
        int priority = violation.getRule().getPriority().getPriority();
        Path file = Path.of(violation.getFileId().getAbsolutePath());
        String relative = SourceFiles.slashes(root.relativize(file));
        findings.add(
            new Finding(
                violation.getRule().getName(),
                priority,
                severity(priority),
                relative,
                Math.max(0, violation.getBeginLine()),
                violation.getDescription()));
      }
      FindingsReport result =
          new FindingsReport(findings, SourceFiles.nonBlankLines(files), files.size());
      String message =
          "PMD on "
              + files.size()
              + " file(s) with "
              + ruleSet
              + (report.getProcessingErrors().isEmpty()
                  ? ""
                  : "; "
                      + report.getProcessingErrors().size()
                      + " file(s) could not be parsed: "
                      + report.getProcessingErrors().get(0).getMsg());
      Duration took = Duration.between(start, Instant.now());
      return new ProbeResult(
          name,
          measures(),
          ProbeStatus.OK,
          message,
          version,
          took,
          null,
          null,
          kind == ProbeKind.LINT ? result : null,
          kind == ProbeKind.SECURITY ? result : null);
    } catch (RuntimeException e) {
      return ProbeResult.without(
          this,
          ProbeStatus.FAILED,
          "PMD failed: " + e.getMessage() + " Check the rule set " + ruleSet + ".",
          version,
          Duration.between(start, Instant.now()));
    }
  }

  /** Runs PMD on the files with a rule set; the raw report. */
  public static Report analyse(List<Path> files, String ruleSet) {
    PMDConfiguration configuration = new PMDConfiguration();
    configuration.addRuleSet(ruleSet);
    configuration.setMinimumPriority(RulePriority.LOW);
    configuration.setIgnoreIncrementalAnalysis(true);
    configuration.setThreads(Math.max(1, Runtime.getRuntime().availableProcessors()));
    try (PmdAnalysis pmd = PmdAnalysis.create(configuration)) {
      files.forEach(pmd.files()::addFile);
      return pmd.performAnalysisAndCollectReport();
    }
  }

  private Severity severity(int priority) {
    if (kind == ProbeKind.SECURITY) {
      // PMD's security rules flag hard-coded keys and IVs: treated as high severity (a score gate).
      return priority <= 3 ? Severity.HIGH : Severity.MEDIUM;
    }
    return priority <= 2 ? Severity.HIGH : priority == 3 ? Severity.MEDIUM : Severity.LOW;
  }
}
