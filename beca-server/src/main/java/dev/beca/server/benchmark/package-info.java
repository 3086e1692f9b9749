/**
 * The benchmark ports the server is handed beyond the core's ({@link
 * dev.beca.server.benchmark.RevisionComparison}: two git revisions measured and compared, for
 * {@code POST /benchmarks/compare-revisions}).
 */
package dev.beca.server.benchmark;
