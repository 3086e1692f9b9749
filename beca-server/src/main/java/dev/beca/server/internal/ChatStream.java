package dev.beca.server.internal;

import dev.beca.core.BecaException;
import dev.beca.core.assistant.Assistant;
import dev.beca.core.assistant.ChatTurn;
import dev.beca.core.assistant.IncompleteReplyException;
import dev.beca.core.assistant.ToolCallRecord;
import dev.beca.core.assistant.TurnListener;
import dev.beca.server.approvals.ApiApprovals;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streams one chat turn as server-sent events.
 *
 * <p>The turn runs on its own thread; the request's thread only writes the events it queues. So a
 * client that stops reading or goes away never stalls the turn: the assistant has stored the user's
 * message before it calls the model, and stores the reply when the model ends, whether anyone still
 * listens or not. Events: {@code session} ({@code {"session"}}), {@code token} ({@code {"text"}}),
 * {@code tool} ({@code {"tool","arguments"}}), then {@code done} ({@code
 * {"question","answer","model","success"}}) or {@code error} ({@code {"code","problem","remedy"}});
 * a comment line every 15 s keeps idle connections open while the model thinks.
 */
public final class ChatStream {

  private static final Logger LOG = LoggerFactory.getLogger(ChatStream.class);
  private static final Duration KEEP_ALIVE = Duration.ofSeconds(15);
  private static final String END = "\u0000end";

  private final Assistant assistant;
  private final ExecutorService turns;
  private final ServerMetrics metrics;
  private final ApiApprovals approvals;

  /**
   * Creates the streamer.
   *
   * @param assistant answers the messages
   * @param turns runs each turn on its own thread
   * @param metrics records time to first token and turn time
   */
  public ChatStream(Assistant assistant, ExecutorService turns, ServerMetrics metrics) {
    this(assistant, turns, metrics, null);
  }

  /**
   * Creates the streamer that also announces the turn's tool calls waiting for approval ({@code
   * approval} events, {@code {"id","tool","arguments","risk",...,"expiresAt"}}).
   *
   * @param assistant answers the messages
   * @param turns runs each turn on its own thread
   * @param metrics records time to first token and turn time
   * @param approvals the approval front end of the assistant's tools, or {@code null}
   */
  public ChatStream(
      Assistant assistant, ExecutorService turns, ServerMetrics metrics, ApiApprovals approvals) {
    this.assistant = Objects.requireNonNull(assistant, "assistant");
    this.turns = Objects.requireNonNull(turns, "turns");
    this.metrics = Objects.requireNonNull(metrics, "metrics");
    this.approvals = approvals;
  }

  /**
   * Answers the message, writing the events to the response as they come.
   *
   * @param ctx the request, answered with {@code text/event-stream}
   * @param sessionId an existing session
   * @param threadId an existing thread, or none
   * @param message the user's message, checked by the caller
   */
  public void stream(Context ctx, String sessionId, OptionalLong threadId, String message)
      throws InterruptedException {
    BlockingQueue<String> events = new LinkedBlockingQueue<>();
    long start = System.nanoTime();
    AtomicInteger pieces = new AtomicInteger();
    AtomicLong firstPiece = new AtomicLong();
    AtomicLong lastPiece = new AtomicLong();
    AtomicInteger modelCount = new AtomicInteger();
    AtomicInteger countedCalls = new AtomicInteger();
    TurnListener listener =
        new TurnListener() {
          @Override
          public void token(String piece) {
            long now = System.nanoTime();
            if (pieces.getAndIncrement() == 0) {
              firstPiece.set(now);
              metrics.firstToken(Duration.ofNanos(now - start));
            }
            lastPiece.set(now);
            events.add(event("token", Map.of("text", piece)));
          }

          @Override
          public void toolCalling(String tool, String arguments) {
            events.add(event("tool", Map.of("tool", tool, "arguments", arguments)));
          }

          @Override
          public void toolCalled(ToolCallRecord call) {}

          @Override
          public void outputTokens(int count) {
            modelCount.addAndGet(count);
            countedCalls.incrementAndGet();
          }
        };
    AutoCloseable asking =
        approvals == null
            ? () -> {}
            : approvals.listen(
                sessionId,
                pending ->
                    events.add(
                        event("approval", ApprovalRoutes.toolCall(pending.request(), approvals))));
    turns.execute(
        () -> {
          String outcome = "error";
          try {
            ChatTurn turn = assistant.respond(sessionId, threadId, message, listener);
            boolean counted = countedCalls.get() > 0;
            metrics.modelTokens(
                turn.model().name(),
                counted ? modelCount.get() : pieces.get(),
                counted,
                lastPiece.get() - firstPiece.get());
            events.add(event("done", done(turn)));
            outcome = "done";
          } catch (IncompleteReplyException e) {
            events.add(event("error", RequestGate.map(e).error()));
            outcome = "incomplete";
          } catch (BecaException e) {
            events.add(event("error", RequestGate.map(e).error()));
          } catch (RuntimeException e) {
            LOG.error("Chat turn in session {} failed", sessionId, e);
            events.add(
                event(
                    "error",
                    new ApiException.ApiError(
                        "internal_error",
                        "The chat turn failed.",
                        "Try again; if it keeps failing, see the server's log.")));
          } finally {
            metrics.turn(Duration.ofNanos(System.nanoTime() - start), outcome);
            try {
              asking.close();
            } catch (Exception e) {
              LOG.warn("Could not stop listening to approvals of session {}", sessionId, e);
            }
            events.add(END);
          }
        });

    ctx.status(200);
    ctx.contentType(Route.EVENT_STREAM + "; charset=utf-8");
    ctx.header("Cache-Control", "no-cache");
    ctx.header("X-Accel-Buffering", "no");
    try {
      // The servlet's own stream: Javalin's ctx.outputStream() holds everything until the
      // handler returns (seen in ChatStreamingTest: no event reached the client before the end).
      OutputStream out = ctx.res().getOutputStream();
      write(out, event("session", Map.of("session", sessionId)));
      List<String> batch = new ArrayList<>();
      while (true) {
        String next = events.poll(KEEP_ALIVE.toMillis(), TimeUnit.MILLISECONDS);
        if (next == null) {
          write(out, ": keep-alive\n\n");
          continue;
        }
        // Everything queued meanwhile goes out in one write and one flush: tokens that arrive
        // faster than the client takes them cost one system call, not one each.
        batch.add(next);
        events.drainTo(batch);
        StringBuilder text = new StringBuilder();
        boolean end = false;
        for (String event : batch) {
          if (event.equals(END)) {
            end = true;
            break;
          }
          text.append(event);
        }
        batch.clear();
        if (text.length() > 0) {
          write(out, text.toString());
        }
        if (end) {
          return;
        }
      }
    } catch (IOException e) {
      // The client went away: the turn goes on and stores its reply; nothing to answer to.
      LOG.info("Chat client of session {} disconnected: {}", sessionId, e.toString());
    }
  }

  private static Map<String, Object> done(ChatTurn turn) {
    Map<String, Object> done = new LinkedHashMap<>();
    done.put("question", turn.question().id());
    done.put("answer", turn.answer().id());
    done.put("model", turn.model().name());
    done.put("success", turn.answer().success());
    return done;
  }

  private static String event(String name, Object data) {
    return "event: " + name + "\ndata: " + Json.text(data) + "\n\n";
  }

  private static void write(OutputStream out, String text) throws IOException {
    out.write(text.getBytes(StandardCharsets.UTF_8));
    out.flush();
  }
}
