/**
 * Code-quality benchmarks for BECA (not yet built): quality probes that run the real tools (test
 * runners, linters, coverage, security and secret scanning) on a project, a weighted score,
 * history, trends and improvement hints.
 *
 * <p>This module depends on {@code beca-core} only. Its probes will implement core interfaces,
 * be discoverable through {@link java.util.ServiceLoader}, and keep their implementation in
 * {@code dev.beca.benchmark.internal}.
 */
package dev.beca.benchmark;
