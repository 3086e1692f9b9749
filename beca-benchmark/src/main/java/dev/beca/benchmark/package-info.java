/**
 * Code-quality benchmarks with the real tools: {@link dev.beca.benchmark.CodeBenchmark} runs the
 * quality probes that apply to a project (Maven tests with JaCoCo coverage, PMD lint and security
 * rules, pytest with coverage.py, pylint, bandit, secret scanning), scores the results, keeps them
 * in a {@link dev.beca.core.quality.BenchmarkStore} and compares revisions ({@link
 * dev.beca.benchmark.Comparison}). {@link dev.beca.benchmark.BenchmarkTools} offers the same to an
 * assistant as LangChain4j tools. Secret scanning of file trees and staged git changes ({@link
 * dev.beca.benchmark.SecretTreeScanner}) writes text, JSON and SARIF 2.1.0 reports ({@link
 * dev.beca.benchmark.SecretReportFormat}).
 *
 * <p>This module depends on {@code beca-core} only; the stock probes and the process runner live in
 * {@code dev.beca.benchmark.internal}. Probes of your own implement {@link
 * dev.beca.core.quality.QualityProbe}.
 */
package dev.beca.benchmark;
