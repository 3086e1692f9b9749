package dev.beca.benchmark;

import dev.beca.core.quality.BenchmarkProgress;
import dev.beca.core.quality.BenchmarkResult;
import dev.beca.core.quality.ProbeResult;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records progress events as short strings. */
final class RecordingProgress implements BenchmarkProgress {
  final List<String> events = new CopyOnWriteArrayList<>();

  @Override
  public void started(String benchmark, List<String> probes) {
    events.add("started " + benchmark + " " + probes);
  }

  @Override
  public void cached(BenchmarkResult result) {
    events.add("cached " + result.id());
  }

  @Override
  public void probeStarted(String probe, int index, int count) {
    events.add("probe " + probe + " " + index + "/" + count);
  }

  @Override
  public void probeFinished(ProbeResult result) {
    events.add("done " + result.probe() + " " + result.status());
  }

  @Override
  public void finished(BenchmarkResult result) {
    events.add("finished " + result.id());
  }
}
