/**
 * Code quality: probes that measure a project with real tools, the score computed from their
 * results, and the history of named benchmarks.
 *
 * <p>A {@link dev.beca.core.quality.QualityProbe} runs one tool (a test runner, a linter, a
 * security scanner) and returns a {@link dev.beca.core.quality.ProbeResult}; a probe whose tool is
 * missing returns {@link dev.beca.core.quality.ProbeStatus#UNAVAILABLE} with how to install it,
 * never a made-up zero. {@link dev.beca.core.quality.QualityScoring#score} turns the results into a
 * {@link dev.beca.core.quality.QualityScore} (a pure function, documented in {@code
 * docs/benchmarks.md}); {@link dev.beca.core.quality.BenchmarkStore} keeps the results, their
 * trends and the learning queue of results that scored below {@link
 * dev.beca.core.quality.BenchmarkStore#LEARNING_THRESHOLD}.
 */
package dev.beca.core.quality;
