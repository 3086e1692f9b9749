package dev.beca.selfimprove;

import dev.beca.core.BecaException;
import dev.beca.core.ModelUnavailableException;
import dev.beca.core.learning.LessonHit;
import dev.beca.core.learning.LessonStore;
import dev.beca.core.model.ModelGateway;
import dev.beca.core.model.ModelRef;
import dev.beca.core.model.ModelRole;
import dev.beca.core.model.WholeReply;
import dev.beca.core.quality.Severity;
import dev.beca.selfimprove.analysis.CodeIssue;
import dev.beca.selfimprove.analysis.JavaCodeAnalyzer;
import dev.beca.selfimprove.spi.Proposal;
import dev.beca.selfimprove.spi.ProposalContext;
import dev.beca.selfimprove.spi.ProposalSource;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link ProposalSource} that asks a model (through core's {@link ModelGateway}, the coding role
 * by default) for one change per target: the model gets the file's code, the finding and the
 * lessons the {@link LessonStore} holds about it, and answers with a unified diff, which {@link
 * FencedDiff} takes out of the reply (a fenced {@code diff} block or the bare diff). Replies
 * without a diff are skipped; the engine validates and evaluates the rest like any other proposal,
 * so a model's diff that breaks a test or touches the evaluator's files is never queued.
 *
 * <pre>{@code
 * ProposalSource model = ModelProposalSource.builder()
 *     .models(gateway)                      // required
 *     .lessons(knowledgeBase.lessons())     // optional: relevant lessons enter the prompt
 *     .build();                             // targets: the Java analysis findings, worst first
 * }</pre>
 *
 * <p>When no model server answers, {@link #propose} throws a {@link ModelUnavailableException}
 * saying so (the engine records it in the cycle's summary and goes on with its other sources); it
 * does not ask again for the remaining targets.
 */
public final class ModelProposalSource implements ProposalSource {

  private static final Logger LOG = LoggerFactory.getLogger(ModelProposalSource.class);

  /** The instruction sent as the system message. */
  static final String INSTRUCTION =
      "You improve code in a git repository. You get one file, a finding about it and lessons"
          + " learned earlier. Answer with one unified diff that fixes the finding, in a fenced"
          + " ```diff block, paths relative to the repository with a/ and b/ prefixes"
          + " (--- a/PATH, +++ b/PATH), hunks with three lines of unchanged context copied exactly"
          + " from the file. Before the block, one sentence saying what the change does. Keep the"
          + " change small and keep behaviour the tests expect. Never change build files, test"
          + " configuration or delete tests; add a test when it shows the fix.";

  /**
   * What to ask the model to improve.
   *
   * @param file the file, relative to the project, with {@code /} separators
   * @param line the line the finding is about (1-based; 0 for the whole file)
   * @param finding what is wrong or could be better, in words
   */
  public record Target(String file, int line, String finding) {

    /** Validates the fields. */
    public Target {
      Objects.requireNonNull(file, "file");
      Objects.requireNonNull(finding, "finding");
      if (file.isBlank() || finding.isBlank()) {
        throw new IllegalArgumentException("file and finding must not be blank");
      }
      if (line < 0) {
        throw new IllegalArgumentException("line must not be negative, was " + line);
      }
    }
  }

  private final ModelGateway models;
  private final ModelRole role;
  private final LessonStore lessons;
  private final int lessonsPerTarget;
  private final Function<Path, List<Target>> targets;
  private final int maxFileChars;

  private ModelProposalSource(Builder b) {
    this.models = b.models;
    this.role = b.role;
    this.lessons = b.lessons;
    this.lessonsPerTarget = b.lessonsPerTarget;
    this.targets = b.targets;
    this.maxFileChars = b.maxFileChars;
  }

  /** A builder; the model gateway is required. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The Java analysis findings of a project's shipped code as targets, high severity first, then by
   * how far a metric exceeds its threshold.
   *
   * @param analyzer the analyzer
   * @return the target finder
   */
  public static Function<Path, List<Target>> analysisTargets(JavaCodeAnalyzer analyzer) {
    Objects.requireNonNull(analyzer, "analyzer");
    return project ->
        analyzer.analyze(project).issues().stream()
            .filter(i -> !i.inTests())
            .sorted(
                Comparator.comparing((CodeIssue i) -> i.severity() != Severity.HIGH)
                    .thenComparing(i -> -i.excess()))
            .map(
                i ->
                    new Target(
                        i.file(),
                        i.line(),
                        i.kind().name()
                            + (i.symbol().isEmpty() ? "" : " in " + i.symbol())
                            + ": "
                            + i.message()))
            .toList();
  }

  @Override
  public String name() {
    return "model:" + models.model(role).name();
  }

  @Override
  public List<Proposal> propose(ProposalContext context) {
    ModelRef model = models.model(role);
    String name = "model:" + model.name();
    List<Proposal> proposals = new ArrayList<>();
    for (Target target : targets.apply(context.project())) {
      if (proposals.size() >= context.maxProposals()) {
        break;
      }
      String code;
      try {
        code = code(context.project(), target);
      } catch (IOException | IllegalArgumentException e) {
        LOG.warn("Target {} skipped: {}", target.file(), e.getMessage());
        continue;
      }
      ChatRequest request =
          ChatRequest.builder()
              .messages(SystemMessage.from(INSTRUCTION), UserMessage.from(prompt(target, code)))
              .build();
      String reply;
      try {
        reply = WholeReply.text(models, model, request, piece -> {});
      } catch (ModelUnavailableException e) {
        if (proposals.isEmpty()) {
          throw new ModelUnavailableException(
              "The model proposer got no answer from model '" + model.name() + "': " + e.problem(),
              "Start the model server (for Ollama: ollama serve) or check its address; the"
                  + " model-free recipes still propose without it.",
              e);
        }
        LOG.warn(
            "Model '{}' stopped answering after {} proposals: {}",
            model.name(),
            proposals.size(),
            e.getMessage());
        break;
      } catch (BecaException e) {
        LOG.warn("Model '{}' failed on {}: {}", model.name(), target.file(), e.getMessage());
        continue;
      }
      var diff = FencedDiff.extract(reply);
      if (diff.isEmpty()) {
        LOG.warn(
            "Model '{}' answered the finding in {} without a diff; skipped", model.name(), target);
        continue;
      }
      if (context.triedDiffHashes().contains(Proposal.diffHash(diff.get()))) {
        continue;
      }
      proposals.add(Proposal.of(name, description(target, reply), diff.get()));
    }
    return proposals;
  }

  private String prompt(Target target, String code) {
    StringBuilder p = new StringBuilder();
    p.append("File: ").append(target.file()).append('\n');
    p.append("```\n").append(code).append(code.endsWith("\n") ? "" : "\n").append("```\n\n");
    p.append("Finding")
        .append(target.line() > 0 ? " (line " + target.line() + ")" : "")
        .append(": ")
        .append(target.finding())
        .append('\n');
    if (lessons != null) {
      List<LessonHit> hits;
      try {
        hits = lessons.search(target.finding() + " " + target.file(), lessonsPerTarget);
      } catch (RuntimeException e) {
        LOG.warn("Lessons could not be searched: {}", e.getMessage());
        hits = List.of();
      }
      if (!hits.isEmpty()) {
        p.append("\nLessons learned:\n");
        hits.forEach(h -> p.append("- ").append(h.lesson().text()).append('\n'));
      }
    }
    p.append("\nAnswer with the one-sentence description and the diff.");
    return p.toString();
  }

  /** The file's text, or a window of lines around the target when it is longer than the limit. */
  private String code(Path project, Target target) throws IOException {
    Path root = project.toAbsolutePath().normalize();
    Path file = root.resolve(target.file()).normalize();
    if (!file.startsWith(root) || !Files.isRegularFile(file)) {
      throw new IllegalArgumentException(
          target.file() + " is not a file of the project " + project);
    }
    String text = Files.readString(file, StandardCharsets.UTF_8);
    if (text.length() <= maxFileChars) {
      return text;
    }
    String[] lines = text.split("\n", -1);
    int centre = Math.max(0, Math.min(lines.length - 1, target.line() - 1));
    int from = centre;
    int to = centre;
    int size = lines[centre].length();
    while ((from > 0 || to < lines.length - 1) && size < maxFileChars) {
      if (from > 0) {
        size += lines[--from].length() + 1;
      }
      if (to < lines.length - 1) {
        size += lines[++to].length() + 1;
      }
    }
    return "(lines "
        + (from + 1)
        + " to "
        + (to + 1)
        + " of "
        + lines.length
        + ")\n"
        + String.join("\n", java.util.Arrays.asList(lines).subList(from, to + 1));
  }

  /** The finding and the model's first sentence before the diff. */
  private static String description(Target target, String reply) {
    String said = "";
    for (String line : reply.replace("\r\n", "\n").split("\n")) {
      String l = line.strip();
      if (l.startsWith("```") || l.startsWith("~~~") || l.startsWith("--- ")) {
        break;
      }
      if (!l.isEmpty()) {
        said = l;
        break;
      }
    }
    String text = said.isEmpty() ? "Fix: " + target.finding() : said;
    text = text.length() > 200 ? text.substring(0, 197) + "..." : text;
    return text + "\n\nFinding in " + target.file() + ": " + target.finding();
  }

  /** Builds a {@link ModelProposalSource}; setters fail fast naming the field. */
  public static final class Builder {
    private ModelGateway models;
    private ModelRole role = ModelRole.CODING;
    private LessonStore lessons;
    private int lessonsPerTarget = 3;
    private Function<Path, List<Target>> targets =
        analysisTargets(JavaCodeAnalyzer.builder().build());
    private int maxFileChars = 16_000;

    private Builder() {}

    /** The model gateway (required). */
    public Builder models(ModelGateway value) {
      this.models = Objects.requireNonNull(value, "models");
      return this;
    }

    /** The role whose model is asked; default {@link ModelRole#CODING}. */
    public Builder role(ModelRole value) {
      this.role = Objects.requireNonNull(value, "role");
      return this;
    }

    /** Where relevant lessons are searched (by the finding and the file); default none. */
    public Builder lessons(LessonStore value) {
      this.lessons = Objects.requireNonNull(value, "lessons");
      return this;
    }

    /** How many lessons enter each prompt at most; default 3. */
    public Builder lessonsPerTarget(int value) {
      if (value < 1) {
        throw new IllegalArgumentException("lessonsPerTarget must be at least 1, was " + value);
      }
      this.lessonsPerTarget = value;
      return this;
    }

    /**
     * What the model is asked to improve in a project, best first; default {@link #analysisTargets}
     * with the stock analyzer.
     */
    public Builder targets(Function<Path, List<Target>> value) {
      this.targets = Objects.requireNonNull(value, "targets");
      return this;
    }

    /**
     * The most characters of a file the prompt holds (a window around the line); default 16,000.
     */
    public Builder maxFileChars(int value) {
      if (value < 500) {
        throw new IllegalArgumentException("maxFileChars must be at least 500, was " + value);
      }
      this.maxFileChars = value;
      return this;
    }

    /**
     * The source.
     *
     * @throws IllegalStateException without a model gateway
     */
    public ModelProposalSource build() {
      if (models == null) {
        throw new IllegalStateException("models must be set: the gateway the model is asked by");
      }
      return new ModelProposalSource(this);
    }
  }
}
