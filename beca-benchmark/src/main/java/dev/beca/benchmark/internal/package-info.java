/**
 * The stock probes, the isolated process runner and the git access behind {@link
 * dev.beca.benchmark.CodeBenchmark}.
 */
package dev.beca.benchmark.internal;
