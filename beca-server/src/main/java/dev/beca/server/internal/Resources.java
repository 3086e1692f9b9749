package dev.beca.server.internal;

import dev.beca.core.model.ModelServerLoad;
import java.time.Instant;
import java.util.List;

/**
 * What {@code GET /resources} answers: the machine, the process, the data directory's disk, the
 * GPUs and the model servers, at one moment.
 *
 * @param at when it was measured
 * @param cpu the processors and their load
 * @param memory the machine's memory and the process's share
 * @param heap the JVM heap
 * @param disk the data directory's file system; {@code null} when the server has no data directory
 * @param gpu the GPUs, or why there are none
 * @param modelServers what each model server has loaded
 */
public record Resources(
    Instant at,
    Cpu cpu,
    Memory memory,
    Heap heap,
    Disk disk,
    Gpus gpu,
    List<ModelServerLoad> modelServers) {

  /**
   * Processors.
   *
   * @param model the processor's name
   * @param logicalProcessors how many
   * @param systemLoad the machine's load since the previous measurement, 0 to 1
   * @param processLoad this process's load since the previous measurement, 0 to 1 of the machine
   */
  public record Cpu(String model, int logicalProcessors, double systemLoad, double processLoad) {}

  /**
   * Memory.
   *
   * @param totalBytes the machine's memory
   * @param availableBytes what is available to new programs
   * @param usedRatio the share in use, 0 to 1
   * @param processResidentBytes this process's resident set
   */
  public record Memory(
      long totalBytes, long availableBytes, double usedRatio, long processResidentBytes) {}

  /**
   * The JVM heap.
   *
   * @param usedBytes in use
   * @param committedBytes reserved from the system
   * @param maxBytes the most it may grow to ({@code -Xmx})
   * @param usedRatio used over max, 0 to 1
   */
  public record Heap(long usedBytes, long committedBytes, long maxBytes, double usedRatio) {}

  /**
   * The data directory's file system.
   *
   * @param path the data directory
   * @param totalBytes its size
   * @param freeBytes what BECA may still write there
   * @param freeRatio free over total, 0 to 1
   */
  public record Disk(String path, long totalBytes, long freeBytes, double freeRatio) {}

  /**
   * The GPUs as {@code nvidia-smi} reports them.
   *
   * @param status {@code ok}, {@code absent} (no {@code nvidia-smi}: no NVIDIA GPU or driver), or
   *     {@code failed} (it ran and failed)
   * @param devices the GPUs, when {@code ok}
   * @param detail what happened, when not {@code ok}
   */
  public record Gpus(String status, List<Gpu> devices, String detail) {}

  /**
   * One GPU.
   *
   * @param index its index
   * @param name its name
   * @param memoryUsedBytes memory in use
   * @param memoryTotalBytes its memory
   * @param utilization its load, 0 to 1
   */
  public record Gpu(
      int index, String name, long memoryUsedBytes, long memoryTotalBytes, double utilization) {}
}
