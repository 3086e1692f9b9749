package dev.beca.core.conversation;

/**
 * Estimates how many tokens a text costs a model, for fitting context into a budget.
 *
 * <p>Plug in a model's real tokenizer for exact counts; the {@link #DEFAULT} estimate is the usual
 * rule of thumb of four characters a token, rounded up, which over-counts code and English slightly
 * and so errs on the side of staying under budget.
 */
@FunctionalInterface
public interface TokenEstimator {

  /** Four characters a token, rounded up; 0 for empty text. */
  TokenEstimator DEFAULT = text -> (text.length() + 3) / 4;

  /**
   * Estimates the tokens of a text.
   *
   * @param text the text, never {@code null}
   * @return the estimated token count, not negative
   */
  int estimate(String text);
}
