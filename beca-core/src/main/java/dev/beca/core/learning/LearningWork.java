package dev.beca.core.learning;

import dev.beca.core.quality.LearningItem;

/**
 * What the {@link LearningLoop} does with one item of the learning queue. Implementations must be
 * idempotent enough to run twice on one item: after a crash, an item whose work finished but was
 * not yet completed is offered again once its lease expires.
 */
@FunctionalInterface
public interface LearningWork {

  /**
   * Learns from one item. Throwing fails the item: it is offered again, and after {@link
   * dev.beca.core.quality.BenchmarkStore#MAX_LEARNING_ATTEMPTS} claims it leaves the queue as
   * failed.
   *
   * @param item the claimed item
   * @return one line saying what was learned, for the log
   */
  String learn(LearningItem item);
}
