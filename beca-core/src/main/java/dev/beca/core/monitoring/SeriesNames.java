package dev.beca.core.monitoring;

/**
 * The names of the series BECA's server samples, shared by the sampler and the {@link
 * AlertThresholds}. A name ending in {@code :} is a family: the route, benchmark, GPU or model
 * server follows it, e.g. {@code http.p95_ms:GET /threads/{id}}.
 */
public final class SeriesNames {

  /** 95th percentile of request time per route over one tick, milliseconds. */
  public static final String HTTP_P95_MS = "http.p95_ms:";

  /** Share of requests per route answered 5xx over one tick, 0 to 1. */
  public static final String HTTP_ERROR_RATE = "http.error_rate:";

  /** Requests per route over one tick. */
  public static final String HTTP_REQUESTS = "http.requests:";

  /** 95th percentile of the chat's wait for the model's first token over one tick, ms. */
  public static final String MODEL_FIRST_TOKEN_P95_MS = "model.first_token.p95_ms";

  /** 95th percentile of whole chat turns (model call and storage) over one tick, ms. */
  public static final String MODEL_TURN_P95_MS = "model.turn.p95_ms";

  /** Duration of a benchmark run, seconds, per benchmark; sampled once per new result. */
  public static final String BENCHMARK_DURATION_S = "benchmark.duration_s:";

  /** Open items of the learning queue. */
  public static final String QUEUE_LEARNING = "queue.learning";

  /** JVM heap in use, bytes. */
  public static final String HEAP_USED_BYTES = "jvm.heap.used_bytes";

  /** JVM heap in use over its maximum, 0 to 1. */
  public static final String HEAP_USED_RATIO = "jvm.heap.used_ratio";

  /** The machine's CPU load since the previous tick, 0 to 1. */
  public static final String SYSTEM_CPU_LOAD = "system.cpu.load";

  /** This process's CPU load since the previous tick, 0 to 1 of the whole machine. */
  public static final String PROCESS_CPU_LOAD = "process.cpu.load";

  /** The machine's memory in use over its total, 0 to 1. */
  public static final String SYSTEM_MEMORY_USED_RATIO = "system.memory.used_ratio";

  /** Free space of the data directory's file system, bytes (usable by BECA). */
  public static final String DISK_FREE_BYTES = "disk.free_bytes";

  /** GPU memory in use, bytes, per GPU index. */
  public static final String GPU_MEMORY_USED_BYTES = "gpu.memory.used_bytes:";

  /** GPU utilisation, 0 to 1, per GPU index. */
  public static final String GPU_UTILIZATION = "gpu.utilization:";

  /** Models a model server has loaded, per server. */
  public static final String MODEL_SERVER_LOADED = "model.server.loaded:";

  /** Memory of the models a model server has loaded (VRAM where it says), bytes, per server. */
  public static final String MODEL_SERVER_MEMORY_BYTES = "model.server.memory_bytes:";

  private SeriesNames() {}
}
