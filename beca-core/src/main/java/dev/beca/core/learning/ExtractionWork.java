package dev.beca.core.learning;

/**
 * What the {@link LearningLoop} does with one claimed {@link ExtractionItem}. Like {@link
 * LearningWork}, it must tolerate running twice on one item (a crash between the work and the
 * completion): lessons merge with their near-duplicates, so extracting a turn twice adds nothing.
 */
@FunctionalInterface
public interface ExtractionWork {

  /**
   * Learns from one item. Throwing fails the item (it is offered again, up to {@link
   * LessonStore#MAX_EXTRACTION_ATTEMPTS} claims); an {@link ExtractionFailedException} keeps the
   * model's raw reply with the item.
   *
   * @param item the claimed item
   * @return one line saying what was learned, for the log
   */
  String learn(ExtractionItem item);
}
