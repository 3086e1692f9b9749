package dev.beca.selfimprove.recipes;

/** The deterministic, behaviour-preserving rewrites {@link RecipeProposer} knows. */
public enum RecipeKind {
  /** A local {@code String} concatenated in a loop becomes a {@code StringBuilder}. */
  STRING_BUILDER,
  /**
   * {@code containsKey} then {@code get} becomes one look-up: {@code getOrDefault} for the ternary
   * shape, a {@code get} with a null check when the map provably holds no null value.
   */
  SINGLE_MAP_LOOKUP,
  /** {@code Pattern.compile} of a constant becomes a {@code private static final} field. */
  PATTERN_CONSTANT,
  /** An expensive, loop-invariant object built in a loop is built once before it. */
  HOIST_FROM_LOOP,
  /** A private field nothing refers to is removed. */
  REMOVE_UNUSED_FIELD,
  /** An import whose name occurs nowhere else in the file is removed. */
  REMOVE_UNUSED_IMPORT,
  /** {@code size() == 0} becomes {@code isEmpty()}. */
  IS_EMPTY,
  /** {@code Integer.valueOf(x).intValue()} becomes {@code x} (or {@code Integer.parseInt(s)}). */
  UNBOX_DIRECTLY,
  /** {@code if (c) return true; else return false;} becomes {@code return c;}. */
  RETURN_CONDITION
}
