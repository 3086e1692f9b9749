/**
 * Code-quality benchmarks for BECA. Built so far: secret scanning of file trees and staged git
 * changes ({@link dev.beca.benchmark.SecretTreeScanner}) with text, JSON and SARIF 2.1.0 reports
 * ({@link dev.beca.benchmark.SecretReportFormat}), the building block of the security probe.
 * Still to come: quality probes that run the real tools (test
 * runners, linters, coverage, security and secret scanning) on a project, a weighted score,
 * history, trends and improvement hints.
 *
 * <p>This module depends on {@code beca-core} only. Its probes will implement core interfaces,
 * be discoverable through {@link java.util.ServiceLoader}, and keep their implementation in
 * {@code dev.beca.benchmark.internal}.
 */
package dev.beca.benchmark;
