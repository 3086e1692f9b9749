package dev.beca.server.internal;

import dev.beca.core.BecaException;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streams a long job (a model pull, a benchmark run) as server-sent events: the job's progress
 * events in the order it emits them, then {@code result} with what it returned, or {@code error}
 * ({@code {"code","problem","remedy"}}) when it failed; the stream ends after either.
 *
 * <p>The job runs on its own thread and the request's thread only writes what it queues, as in
 * {@link ChatStream}: a client that stops reading or goes away never stalls the job, which finishes
 * and stores its result anyway. A comment line every 15 s keeps idle connections open.
 */
public final class EventStream {

  private static final Logger LOG = LoggerFactory.getLogger(EventStream.class);
  private static final Duration KEEP_ALIVE = Duration.ofSeconds(15);
  private static final String END = "\u0000end";

  /** Where a job sends its progress. */
  @FunctionalInterface
  public interface Emitter {
    /**
     * Queues one event.
     *
     * @param name the event's name
     * @param data its data, written as JSON
     */
    void emit(String name, Object data);
  }

  /** A job that reports progress and returns its result. */
  @FunctionalInterface
  public interface Job {
    /**
     * Does the work.
     *
     * @param events where progress goes
     * @return the result, sent as the {@code result} event
     */
    Object run(Emitter events);
  }

  private final ExecutorService jobs;

  /**
   * Creates the streamer.
   *
   * @param jobs runs each job on its own thread
   */
  public EventStream(ExecutorService jobs) {
    this.jobs = Objects.requireNonNull(jobs, "jobs");
  }

  /**
   * Runs the job, writing its events to the response as they come.
   *
   * @param ctx the request, answered with {@code text/event-stream}
   * @param what the job in words, for the log
   * @param job the job
   */
  public void stream(Context ctx, String what, Job job) throws InterruptedException {
    BlockingQueue<String> events = new LinkedBlockingQueue<>();
    jobs.execute(
        () -> {
          try {
            Object result = job.run((name, data) -> events.add(event(name, data)));
            events.add(event("result", result));
          } catch (ApiException e) {
            events.add(event("error", e.error()));
          } catch (BecaException e) {
            events.add(event("error", RequestGate.map(e).error()));
          } catch (RuntimeException e) {
            LOG.error("{} failed", what, e);
            events.add(
                event(
                    "error",
                    new ApiException.ApiError(
                        "internal_error",
                        "The " + what + " failed.",
                        "Try again; if it keeps failing, see the server's log.")));
          } finally {
            events.add(END);
          }
        });
    ctx.status(200);
    ctx.contentType(Route.EVENT_STREAM + "; charset=utf-8");
    ctx.header("Cache-Control", "no-cache");
    ctx.header("X-Accel-Buffering", "no");
    try {
      // The servlet's own stream, as in ChatStream: Javalin's buffers until the handler returns.
      OutputStream out = ctx.res().getOutputStream();
      while (true) {
        String next = events.poll(KEEP_ALIVE.toMillis(), TimeUnit.MILLISECONDS);
        if (next == null) {
          write(out, ": keep-alive\n\n");
        } else if (next.equals(END)) {
          return;
        } else {
          write(out, next);
        }
      }
    } catch (IOException e) {
      // The client went away: the job goes on and stores its result.
      LOG.info("Client of the {} disconnected: {}", what, e.toString());
    }
  }

  private static String event(String name, Object data) {
    return "event: " + name + "\ndata: " + Json.text(data) + "\n\n";
  }

  private static void write(OutputStream out, String text) throws IOException {
    out.write(text.getBytes(StandardCharsets.UTF_8));
    out.flush();
  }
}
