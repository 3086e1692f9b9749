package dev.beca.server.internal;

import dev.beca.core.model.ModelServerLoad;
import dev.beca.core.monitoring.MonitoringSettings;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import oshi.SystemInfo;
import oshi.hardware.CentralProcessor;
import oshi.hardware.GlobalMemory;
import oshi.software.os.OSProcess;
import oshi.software.os.OperatingSystem;

/**
 * Measures {@link Resources}: CPU and memory through OSHI, the heap through the JVM, the data
 * directory's disk through its file store, GPUs through {@code nvidia-smi}, and the model servers'
 * loaded models through the supplier the server was handed. Loads are since the previous call.
 * Thread-safe.
 */
public final class ResourceProbe {

  private static final Logger LOG = LoggerFactory.getLogger(ResourceProbe.class);

  private final MonitoringSettings settings;
  private final Supplier<List<ModelServerLoad>> modelServers;
  private final Clock clock;
  private final GpuProbe gpus;
  private final CentralProcessor processor;
  private final GlobalMemory memory;
  private final OperatingSystem os;
  private final int pid;
  private long[] previousTicks; // guarded by this
  private OSProcess previousProcess; // guarded by this

  /**
   * Creates the probe.
   *
   * @param settings the data directory and the GPU command
   * @param modelServers what the model servers have loaded; {@code null} when none are known
   * @param clock the time of measurements
   */
  public ResourceProbe(
      MonitoringSettings settings, Supplier<List<ModelServerLoad>> modelServers, Clock clock) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.modelServers = modelServers;
    this.clock = Objects.requireNonNull(clock, "clock");
    this.gpus = new GpuProbe(settings.gpuCommand(), settings.commandTimeout());
    SystemInfo system = new SystemInfo();
    this.processor = system.getHardware().getProcessor();
    this.memory = system.getHardware().getMemory();
    this.os = system.getOperatingSystem();
    this.pid = os.getProcessId();
    this.previousTicks = processor.getSystemCpuLoadTicks();
    this.previousProcess = os.getProcess(pid);
  }

  /** Everything, now, the model servers included. */
  public Resources measure() {
    return measure(true);
  }

  /**
   * Measures.
   *
   * @param withModelServers whether to ask the model servers (an HTTP call each)
   */
  public Resources measure(boolean withModelServers) {
    return new Resources(
        clock.instant(),
        cpu(),
        memory(),
        heap(),
        disk(),
        gpus.probe(),
        withModelServers && modelServers != null ? modelServers() : List.of());
  }

  private synchronized Resources.Cpu cpu() {
    double systemLoad = processor.getSystemCpuLoadBetweenTicks(previousTicks);
    previousTicks = processor.getSystemCpuLoadTicks();
    OSProcess now = os.getProcess(pid);
    double processLoad = 0;
    if (now != null) {
      processLoad =
          previousProcess == null
              ? 0
              : now.getProcessCpuLoadBetweenTicks(previousProcess)
                  / processor.getLogicalProcessorCount();
      previousProcess = now;
    }
    return new Resources.Cpu(
        processor.getProcessorIdentifier().getName().strip(),
        processor.getLogicalProcessorCount(),
        clamp(systemLoad),
        clamp(processLoad));
  }

  private Resources.Memory memory() {
    long total = memory.getTotal();
    long available = memory.getAvailable();
    OSProcess process = os.getProcess(pid);
    return new Resources.Memory(
        total,
        available,
        total > 0 ? clamp((double) (total - available) / total) : 0,
        process == null ? 0 : process.getResidentSetSize());
  }

  private static Resources.Heap heap() {
    MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
    long max = heap.getMax() > 0 ? heap.getMax() : heap.getCommitted();
    return new Resources.Heap(
        heap.getUsed(), heap.getCommitted(), max, max > 0 ? (double) heap.getUsed() / max : 0);
  }

  private Resources.Disk disk() {
    if (settings.dataDirectory().isEmpty()) {
      return null;
    }
    Path dir = settings.dataDirectory().get();
    Path existing = dir;
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    if (existing == null) {
      return null;
    }
    try {
      FileStore store = Files.getFileStore(existing);
      long total = store.getTotalSpace();
      long usable = store.getUsableSpace();
      return new Resources.Disk(
          dir.toString(), total, usable, total > 0 ? (double) usable / total : 0);
    } catch (IOException e) {
      LOG.warn("Could not read the disk of {}: {}", dir, e.getMessage());
      return null;
    }
  }

  private List<ModelServerLoad> modelServers() {
    try {
      return List.copyOf(modelServers.get());
    } catch (RuntimeException e) {
      LOG.warn("Could not ask the model servers for their loaded models: {}", e.getMessage(), e);
      return List.of();
    }
  }

  private static double clamp(double value) {
    if (!Double.isFinite(value)) {
      return 0;
    }
    return Math.max(0, Math.min(1, value));
  }
}
