package dev.beca.memory.internal;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.ibatis.session.SqlSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Computes message embeddings off the request path: one background thread embeds the messages that
 * have none yet, in batches, and stores each distinct text's vector once.
 */
public final class EmbeddingIndexer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddingIndexer.class);
  private static final int BATCH = 256;
  private static final long BATCH_DELAY_MS = 1_000;
  private static final int KNOWN_TEXTS = 100_000;

  /**
   * Rows of the search change log kept: far more than searchers replay (they start over beyond
   * 1,000).
   */
  static final int KEPT_SEARCH_CHANGES = 10_000;

  private final SqliteDatabase database;
  private final EmbeddingModel model;
  private final String modelKey;
  private final java.util.concurrent.ScheduledExecutorService worker;
  private final AtomicBoolean scheduled = new AtomicBoolean();
  private volatile boolean running;
  private volatile boolean failed;

  /**
   * Every message up to this id has its vector (or no text to embed): scans for pending messages
   * start after it. Written by the worker thread only.
   */
  private volatile long mark;

  /**
   * Vector ids of recently seen texts (by hash), so repeated texts cost no lookup. Worker thread
   * only.
   */
  private final Map<ByteBuffer, Long> knownTexts =
      new java.util.LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<ByteBuffer, Long> eldest) {
          return size() > KNOWN_TEXTS;
        }
      };

  /**
   * Creates the indexer; it starts working on the first {@link #nudge()}.
   *
   * @param database the opened database
   * @param model the embedding model
   * @param modelKey the name under which vectors of this model are stored
   */
  public EmbeddingIndexer(SqliteDatabase database, EmbeddingModel model, String modelKey) {
    this.database = Objects.requireNonNull(database, "database");
    this.model = Objects.requireNonNull(model, "model");
    this.modelKey = Objects.requireNonNull(modelKey, "modelKey");
    this.worker =
        Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("beca-embeddings"));
  }

  /** The model, for embedding queries. */
  public EmbeddingModel model() {
    return model;
  }

  /** The name under which this model's vectors are stored. */
  public String modelKey() {
    return modelKey;
  }

  /**
   * Asks for pending messages to be embedded soon; returns at once. Work starts after a short delay
   * so that a burst of appends is embedded and stored as one batch (one commit, not one per
   * message, competing with the appends for the disk).
   */
  public void nudge() {
    if (!failed && scheduled.compareAndSet(false, true)) {
      try {
        worker.schedule(this::drain, BATCH_DELAY_MS, TimeUnit.MILLISECONDS);
      } catch (java.util.concurrent.RejectedExecutionException closed) {
        scheduled.set(false);
      }
    }
  }

  /**
   * Waits until every stored message has its embedding.
   *
   * @param timeout how long to wait at most
   * @return whether all were embedded in time
   */
  public boolean awaitIdle(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    nudge();
    while (System.nanoTime() < deadline) {
      if (!running && !scheduled.get() && pending() == 0) {
        return true;
      }
      if (failed) {
        return false;
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return false;
  }

  private long pending() {
    try (SqlSession session = database.autoCommitSession()) {
      return session.getMapper(EmbeddingMapper.class).countPending(mark);
    }
  }

  private void drain() {
    running = true;
    scheduled.set(false);
    try {
      while (true) {
        List<PendingRow> batch;
        long newest;
        try (SqlSession session = database.autoCommitSession()) {
          EmbeddingMapper mapper = session.getMapper(EmbeddingMapper.class);
          // Read first: a message committed later gets a higher id (one writer at a time).
          newest = session.getMapper(SearchMapper.class).maxMessageId();
          batch = mapper.pending(mark, BATCH);
        }
        if (batch.isEmpty()) {
          // Nothing pending up to `newest`: the next scan starts there. Without this, a scan that
          // found nothing left the mark where it was and every later nudge re-read the history
          // from there (400 ms per nudge on a million messages).
          mark = Math.max(mark, newest);
          return;
        }
        embed(batch);
        mark = batch.get(batch.size() - 1).id();
      }
    } catch (RuntimeException e) {
      // Semantic search degrades to keyword search; appends are never affected.
      failed = true;
      LOG.error(
          "Computing message embeddings failed; semantic search will miss new messages until restart",
          e);
    } finally {
      running = false;
    }
  }

  private void embed(List<PendingRow> batch) {
    Map<ByteBuffer, List<Long>> messagesByText = new HashMap<>();
    Map<ByteBuffer, String> texts = new HashMap<>();
    for (PendingRow row : batch) {
      if (row.content().isBlank()) {
        continue; // nothing to mean; such a message is found by neither search
      }
      ByteBuffer hash = ByteBuffer.wrap(Vectors.hash(row.content()));
      messagesByText.computeIfAbsent(hash, k -> new ArrayList<>()).add(row.id());
      texts.putIfAbsent(hash, row.content());
    }
    Map<ByteBuffer, Long> known = new HashMap<>();
    List<ByteBuffer> missing = new ArrayList<>();
    try (SqlSession session = database.autoCommitSession()) {
      EmbeddingMapper mapper = session.getMapper(EmbeddingMapper.class);
      for (ByteBuffer hash : texts.keySet()) {
        Long id = knownTexts.get(hash);
        if (id == null) {
          id = mapper.find(modelKey, hash.array());
        }
        if (id == null) {
          missing.add(hash);
        } else {
          known.put(hash, id);
        }
      }
    }
    List<Embedding> computed = List.of();
    if (!missing.isEmpty()) {
      List<TextSegment> segments = new ArrayList<>();
      for (ByteBuffer hash : missing) {
        segments.add(TextSegment.from(texts.get(hash)));
      }
      computed = model.embedAll(segments).content();
    }
    List<Embedding> vectors = computed;
    database.write(
        session -> {
          EmbeddingMapper mapper = session.getMapper(EmbeddingMapper.class);
          for (int i = 0; i < missing.size(); i++) {
            ByteBuffer hash = missing.get(i);
            Long existing = mapper.find(modelKey, hash.array());
            if (existing == null) {
              EmbeddingInsert insert =
                  new EmbeddingInsert(modelKey, hash.array(), vectors.get(i).vector());
              mapper.insert(insert);
              existing = insert.id;
            }
            known.put(hash, existing);
          }
          List<MessageLink> links = new ArrayList<>();
          for (Map.Entry<ByteBuffer, List<Long>> entry : messagesByText.entrySet()) {
            long embeddingId = known.get(entry.getKey());
            for (long messageId : entry.getValue()) {
              links.add(new MessageLink(messageId, embeddingId));
            }
          }
          if (!links.isEmpty()) {
            mapper.linkAll(links);
          }
          mapper.pruneChanges(KEPT_SEARCH_CHANGES);
          return null;
        });
    knownTexts.putAll(known);
  }

  /** The id up to which every message has its vector (or no text); for tests. */
  long mark() {
    return mark;
  }

  /** Stops the worker, letting a running batch finish for a few seconds. */
  @Override
  public void close() {
    worker.shutdown();
    try {
      if (!worker.awaitTermination(5, TimeUnit.SECONDS)) {
        worker.shutdownNow();
      }
    } catch (InterruptedException e) {
      worker.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
