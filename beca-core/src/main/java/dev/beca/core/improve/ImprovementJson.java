package dev.beca.core.improve;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The JSON shape of archived improvements, as ordered maps ready for any JSON writer: one shape for
 * {@code beca improve --json} and the HTTP API, so that a script written against one reads the
 * other.
 */
public final class ImprovementJson {

  private ImprovementJson() {}

  /**
   * A proposal without its diff: id, run, status, source, risk, description, reason, commit,
   * created, updated.
   *
   * @param p the proposal
   * @return a new mutable map, so callers may add fields
   */
  public static Map<String, Object> proposal(ArchivedProposal p) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", p.id());
    m.put("run", p.runId());
    m.put("status", p.status().label());
    m.put("source", p.source());
    m.put("risk", p.risk());
    m.put("description", p.description());
    m.put("reason", p.reason());
    m.put("commit", p.commit());
    m.put("created", p.createdAt().toString());
    m.put("updated", p.updatedAt().toString());
    return m;
  }

  /**
   * A proposal with its diff and the steps that checked it.
   *
   * @param p the proposal
   * @param steps its steps, in order
   * @return a new mutable map
   */
  public static Map<String, Object> details(ArchivedProposal p, List<StepRecord> steps) {
    Map<String, Object> m = proposal(p);
    m.put("diff", p.diff());
    m.put("steps", steps.stream().map(ImprovementJson::step).toList());
    return m;
  }

  /**
   * One step of a proposal's checks: step, outcome, millis, detail, measures.
   *
   * @param s the step
   * @return a new mutable map
   */
  public static Map<String, Object> step(StepRecord s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("step", s.step());
    m.put("outcome", s.outcome().name().toLowerCase(Locale.ROOT));
    m.put("millis", s.duration().toMillis());
    m.put("detail", s.detail());
    m.put("measures", s.measures().stream().map(ImprovementJson::measure).toList());
    return m;
  }

  /**
   * How one measure changed: name, before, after, change, detail.
   *
   * @param d the change
   * @return a new mutable map
   */
  public static Map<String, Object> measure(MeasureDelta d) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", d.name());
    m.put("before", d.before());
    m.put("after", d.after());
    m.put("change", d.change().name().toLowerCase(Locale.ROOT));
    m.put("detail", d.detail());
    return m;
  }
}
