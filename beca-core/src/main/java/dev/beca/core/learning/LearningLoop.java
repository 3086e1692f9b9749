package dev.beca.core.learning;

import dev.beca.core.BecaException;
import dev.beca.core.quality.BenchmarkStore;
import dev.beca.core.quality.LearningItem;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Works through the learning queue in the background, one item at a time: claims the oldest open
 * item with a lease, hands it to a {@link LearningWork}, and completes it, or fails it when the
 * work throws (it is offered again, up to {@link BenchmarkStore#MAX_LEARNING_ATTEMPTS} claims).
 * With {@link Builder#extractions} it also works through the lesson extractions of a {@link
 * LessonStore} (sessions queued when a chat ended, failed extractions kept to retry) the same way.
 *
 * <ul>
 *   <li><b>Bounded rate</b>: at most one item per {@link Builder#minInterval minimum interval} (one
 *       second by default).
 *   <li><b>Idle</b> when the queue is empty: it looks again after the {@link Builder#idleDelay idle
 *       delay} (30 seconds by default) and does nothing in between.
 *   <li><b>Stoppable</b>: {@link #stop()} wakes the loop, lets the item in hand finish, and returns
 *       when the thread has ended.
 *   <li><b>Resumable after a crash</b>: an item claimed by a process that died is claimable again
 *       once its lease (ten minutes by default) has expired; several loops (threads or processes on
 *       one store) never work on the same item, since claims are atomic in the store.
 * </ul>
 *
 * <pre>{@code
 * LearningLoop loop = LearningLoop.builder()
 *     .queue(kb.benchmarks())
 *     .work(new BenchmarkHintPatterns(kb.patterns()))
 *     .build();
 * loop.start();
 * ...
 * loop.stop();
 * }</pre>
 */
public final class LearningLoop implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(LearningLoop.class);

  /**
   * What a loop has done since it was built.
   *
   * @param completed items learned from and completed
   * @param failed items whose work threw (given back to the queue)
   * @param idlePolls looks at the queue that found nothing to do
   */
  public record Stats(long completed, long failed, long idlePolls) {}

  private final BenchmarkStore queue;
  private final LearningWork work;
  private final LessonStore extractions;
  private final ExtractionWork extractionWork;
  private final BooleanSupplier mayWork;
  private final String worker;
  private final Duration lease;
  private final Duration minInterval;
  private final Duration idleDelay;
  private final AtomicLong completed = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final AtomicLong idlePolls = new AtomicLong();
  private final Object wake = new Object();
  private volatile boolean stopping;
  private Thread thread; // guarded by this

  private LearningLoop(Builder builder) {
    this.queue = builder.queue;
    this.work = builder.work;
    this.extractions = builder.extractions;
    this.extractionWork = builder.extractionWork;
    this.mayWork = builder.mayWork;
    this.worker = builder.worker;
    this.lease = builder.lease;
    this.minInterval = builder.minInterval;
    this.idleDelay = builder.idleDelay;
  }

  /** A builder; the queue and the work must be given. */
  public static Builder builder() {
    return new Builder();
  }

  /** The name this loop claims items under. */
  public String worker() {
    return worker;
  }

  /**
   * Claims and works on one item, on the calling thread: the oldest open item of the learning
   * queue, else the oldest open lesson extraction (when the loop has both sources). Does nothing
   * while the {@link Builder#mayWork gate} is closed.
   *
   * @return whether there was an item (completed or failed); {@code false} when no source had an
   *     open item or the gate was closed
   */
  public boolean runOnce() {
    if (!mayWork.getAsBoolean()) {
      idlePolls.incrementAndGet();
      return false;
    }
    if (queue != null && benchmarkItem()) {
      return true;
    }
    if (extractions != null && extraction()) {
      return true;
    }
    idlePolls.incrementAndGet();
    return false;
  }

  private boolean benchmarkItem() {
    Optional<LearningItem> claimed = queue.claimFromLearningQueue(worker, lease);
    if (claimed.isEmpty()) {
      return false;
    }
    LearningItem item = claimed.get();
    String learned;
    try {
      learned = work.learn(item);
    } catch (RuntimeException e) {
      failed.incrementAndGet();
      String reason = e.getClass().getSimpleName() + ": " + e.getMessage();
      LOG.warn("Learning from queue item {} failed: {}", item.id(), reason, e);
      queue.failLearningItem(item.id(), worker, reason);
      return true;
    }
    queue.completeLearningItem(item.id(), worker);
    completed.incrementAndGet();
    LOG.info("Learning queue item {}: {}", item.id(), learned);
    return true;
  }

  private boolean extraction() {
    Optional<ExtractionItem> claimed = extractions.claimExtraction(worker, lease);
    if (claimed.isEmpty()) {
      return false;
    }
    ExtractionItem item = claimed.get();
    String learned;
    try {
      learned = extractionWork.learn(item);
    } catch (ExtractionFailedException e) {
      failed.incrementAndGet();
      LOG.warn("Lesson extraction {} failed: {}", item.id(), e.problem());
      extractions.failExtraction(item.id(), worker, e.problem(), e.rawReply());
      return true;
    } catch (RuntimeException e) {
      failed.incrementAndGet();
      String reason = e.getClass().getSimpleName() + ": " + e.getMessage();
      LOG.warn("Lesson extraction {} failed: {}", item.id(), reason, e);
      extractions.failExtraction(item.id(), worker, reason, "");
      return true;
    }
    extractions.completeExtraction(item.id(), worker);
    completed.incrementAndGet();
    LOG.info("Lesson extraction {} (session {}): {}", item.id(), item.sessionId(), learned);
    return true;
  }

  /**
   * Starts the loop on a daemon thread named after the worker.
   *
   * @throws IllegalStateException when it runs already or was stopped
   */
  public synchronized void start() {
    if (thread != null) {
      throw new IllegalStateException("The learning loop " + worker + " was started already.");
    }
    thread = new Thread(this::loop, "beca-learning-" + worker);
    thread.setDaemon(true);
    thread.start();
  }

  private void loop() {
    while (!stopping) {
      boolean worked;
      try {
        worked = runOnce();
      } catch (BecaException e) {
        // The store is unavailable (locked, disk full): wait as if idle, then try again.
        LOG.warn("The learning loop could not use the queue; retrying: {}", e.getMessage());
        worked = false;
      } catch (RuntimeException e) {
        LOG.error("The learning loop failed unexpectedly; retrying", e);
        worked = false;
      }
      pause(worked ? minInterval : idleDelay);
    }
  }

  private void pause(Duration duration) {
    long deadline = System.nanoTime() + duration.toNanos();
    synchronized (wake) {
      while (!stopping) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return;
        }
        try {
          wake.wait(Math.max(1, left / 1_000_000));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          stopping = true;
        }
      }
    }
  }

  /** Whether the loop's thread is running. */
  public synchronized boolean isRunning() {
    return thread != null && thread.isAlive();
  }

  /** What the loop has done so far. */
  public Stats stats() {
    return new Stats(completed.get(), failed.get(), idlePolls.get());
  }

  /**
   * Stops the loop: the item in hand is finished, then the thread ends. Returns when it has.
   * Harmless when the loop never started or stopped already.
   */
  public void stop() {
    Thread running;
    synchronized (this) {
      stopping = true;
      running = thread;
    }
    synchronized (wake) {
      wake.notifyAll();
    }
    if (running != null && running != Thread.currentThread()) {
      try {
        running.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Stops the loop. */
  @Override
  public void close() {
    stop();
  }

  /** Configures a {@link LearningLoop}. */
  public static final class Builder {
    private BenchmarkStore queue;
    private LearningWork work;
    private LessonStore extractions;
    private ExtractionWork extractionWork;
    private BooleanSupplier mayWork = () -> true;
    private String worker = defaultWorker();
    private Duration lease = Duration.ofMinutes(10);
    private Duration minInterval = Duration.ofSeconds(1);
    private Duration idleDelay = Duration.ofSeconds(30);

    private Builder() {}

    private static String defaultWorker() {
      String host = System.getenv().getOrDefault("HOSTNAME", "host");
      return host + "-" + ProcessHandle.current().pid() + "-" + Long.toHexString(System.nanoTime());
    }

    /** The store whose learning queue is worked through. Required unless extractions are set. */
    public Builder queue(BenchmarkStore queue) {
      this.queue = Objects.requireNonNull(queue, "queue");
      return this;
    }

    /** What is done with each item of the learning queue. Required with the queue. */
    public Builder work(LearningWork work) {
      this.work = Objects.requireNonNull(work, "work");
      return this;
    }

    /**
     * The lesson extractions to work through too (sessions queued when a chat ends, failed
     * extractions kept to retry), and what is done with each ({@link SessionLessons}). Optional;
     * learning-queue items come first.
     */
    public Builder extractions(LessonStore lessons, ExtractionWork work) {
      this.extractions = Objects.requireNonNull(lessons, "lessons");
      this.extractionWork = Objects.requireNonNull(work, "work");
      return this;
    }

    /**
     * A gate asked before each item: while it says no, the loop claims nothing and waits as if
     * idle. For example, a chat keeps the model for the user: the loop works only when no turn is
     * running and the user has been quiet for a while. Open by default.
     */
    public Builder mayWork(BooleanSupplier mayWork) {
      this.mayWork = Objects.requireNonNull(mayWork, "mayWork");
      return this;
    }

    /** The name claims are made under; host, process id and a nonce by default. Not blank. */
    public Builder worker(String worker) {
      if (worker == null || worker.isBlank()) {
        throw new IllegalArgumentException("worker must not be blank");
      }
      this.worker = worker;
      return this;
    }

    /**
     * How long a claim holds: after a crash, the item is claimable again this long after it was
     * claimed. Longer than any one item's work; ten minutes by default. Positive.
     */
    public Builder lease(Duration lease) {
      this.lease = positive("lease", lease);
      return this;
    }

    /** The least time between two items (the rate bound); one second by default. Positive. */
    public Builder minInterval(Duration minInterval) {
      this.minInterval = positive("minInterval", minInterval);
      return this;
    }

    /**
     * How long an idle loop waits before it looks at the queue again; 30 s by default. Positive.
     */
    public Builder idleDelay(Duration idleDelay) {
      this.idleDelay = positive("idleDelay", idleDelay);
      return this;
    }

    private static Duration positive(String field, Duration value) {
      Objects.requireNonNull(value, field);
      if (value.isZero() || value.isNegative()) {
        throw new IllegalArgumentException(field + " must be positive, was " + value);
      }
      return value;
    }

    /**
     * Builds the loop (not started).
     *
     * @throws IllegalStateException when neither the queue nor the extractions are set, or the
     *     queue is set without its work
     */
    public LearningLoop build() {
      if (queue == null && extractions == null) {
        throw new IllegalStateException("queue or extractions must be set");
      }
      if (queue != null && work == null) {
        throw new IllegalStateException("work must be set");
      }
      return new LearningLoop(this);
    }
  }
}
