package dev.beca.app.internal;

import dev.beca.core.BecaException;
import dev.beca.core.learning.BenchmarkHintPatterns;
import dev.beca.core.learning.LearningLoop;
import dev.beca.core.learning.LessonExtractor;
import dev.beca.core.learning.SessionLessons;
import dev.beca.core.model.HealthStatus;
import dev.beca.core.model.ServerHealth;
import dev.beca.models.ModelManager;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link LearningLoop} that {@code beca chat} (interactive) and {@code beca serve} run in the
 * background: it works through the learning queue (benchmark drops become build patterns, no model
 * needed) and the queued lesson extractions (sessions that ended, failed extractions kept to retry;
 * one general-model call per turn), at most one item per {@link #MIN_INTERVAL}, only while the gate
 * says the process is idle, and stops with the command.
 *
 * <p>When no model server answers at start, the loop runs without extractions and says so in one
 * line: the queued sessions wait for a start with a server up.
 */
public final class BackgroundLearning implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(BackgroundLearning.class);

  /** The least time between two items: learning never competes with the user for the model. */
  static final Duration MIN_INTERVAL = Duration.ofSeconds(5);

  /** How long an idle loop waits before it looks at the queues again. */
  static final Duration IDLE_DELAY = Duration.ofSeconds(30);

  /** Longer than one item's work: a session is at most ten model calls. */
  static final Duration LEASE = Duration.ofMinutes(15);

  private final LearningLoop loop;
  private final boolean extracting;

  private BackgroundLearning(LearningLoop loop, boolean extracting) {
    this.loop = loop;
    this.extracting = extracting;
  }

  /**
   * For {@code beca serve}: starts the loop on the server's knowledge base and models, always
   * allowed to work (bounded by its rate). Call {@link #close()} when the server stops.
   *
   * @param app the server's opened context (with models)
   * @param say where the one-line notice goes when lessons cannot be extracted
   * @return the running loop
   */
  public static BackgroundLearning forServe(AppContext app, Consumer<String> say) {
    return start(app.knowledgeBase(), app.models(), () -> true, say, MIN_INTERVAL, IDLE_DELAY);
  }

  /**
   * Starts the loop.
   *
   * @param kb the stores
   * @param models the models (the general one extracts lessons)
   * @param mayWork asked before each item; false keeps the loop waiting as if idle
   * @param say where the one-line notice goes when no model server answers
   * @param minInterval the least time between two items
   * @param idleDelay how long an idle loop waits
   * @return the running loop
   */
  static BackgroundLearning start(
      KnowledgeBase kb,
      ModelManager models,
      BooleanSupplier mayWork,
      Consumer<String> say,
      Duration minInterval,
      Duration idleDelay) {
    LearningLoop.Builder builder =
        LearningLoop.builder()
            .queue(kb.benchmarks())
            .work(new BenchmarkHintPatterns(kb.patterns()))
            .lease(LEASE)
            .minInterval(minInterval)
            .idleDelay(idleDelay)
            .mayWork(mayWork);
    String down = noServerAnswers(models);
    boolean extracting = down == null;
    if (extracting) {
      builder.extractions(
          kb.lessons(),
          SessionLessons.builder()
              .messages(kb.messages())
              .lessons(kb.lessons())
              .extractor(LessonExtractor.builder().models(models.gateway()).build())
              .build());
    } else {
      say.accept(
          "beca: learning: lessons are not extracted in the background now: "
              + down
              + ". Queued sessions wait for a start with a model server up (see beca models"
              + " health).");
    }
    LearningLoop loop = builder.build();
    loop.start();
    LOG.info(
        "Background learning started as {} ({})",
        loop.worker(),
        extracting ? "learning queue and lesson extractions" : "learning queue only");
    return new BackgroundLearning(loop, extracting);
  }

  /** Null when a model server is up; else what the servers said. */
  private static String noServerAnswers(ModelManager models) {
    List<ServerHealth> health;
    try {
      health = models.health().check();
    } catch (BecaException | IllegalStateException e) {
      return "the model servers could not be checked (" + e.getMessage() + ")";
    }
    if (health.stream()
        .anyMatch(h -> h.status() == HealthStatus.UP || h.status() == HealthStatus.DEGRADED)) {
      return null;
    }
    return "no model server answers ("
        + health.stream()
            .map(
                h ->
                    h.server()
                        + " at "
                        + h.baseUrl()
                        + " is "
                        + h.status().name().toLowerCase(Locale.ROOT))
            .collect(Collectors.joining(", "))
        + ")";
  }

  /** Whether lessons are extracted (a model server answered at start). */
  boolean extracting() {
    return extracting;
  }

  /** What the loop has done. */
  LearningLoop.Stats stats() {
    return loop.stats();
  }

  /** Stops the loop: the item in hand is finished first. */
  @Override
  public void close() {
    loop.stop();
  }
}
