package dev.beca.core.improve;

import dev.beca.core.secrets.SecretScanner;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The reference {@link ImprovementArchive}: maps in memory, for tests and embedding programs. Like
 * every store, it redacts secrets in the texts it keeps (the diff's hash is kept as given).
 */
public final class InMemoryImprovementArchive implements ImprovementArchive {

  private final SecretScanner scanner = SecretScanner.standard();

  private final Map<String, ImprovementRun> runs = new LinkedHashMap<>();
  private final Map<String, ArchivedProposal> proposals = new LinkedHashMap<>();
  private final List<StepRecord> steps = new ArrayList<>();

  @Override
  public synchronized void saveRun(ImprovementRun run) {
    runs.put(
        run.id(),
        new ImprovementRun(
            run.id(),
            run.project(),
            run.baseCommit(),
            run.startedAt(),
            run.endedAt(),
            redact(run.summary())));
  }

  @Override
  public synchronized Optional<ImprovementRun> run(String id) {
    return Optional.ofNullable(runs.get(id));
  }

  @Override
  public synchronized List<ImprovementRun> runs(int limit) {
    return runs.values().stream()
        .sorted(
            Comparator.comparing(ImprovementRun::startedAt)
                .thenComparing(ImprovementRun::id)
                .reversed())
        .limit(limit)
        .toList();
  }

  @Override
  public synchronized void saveProposal(ArchivedProposal p) {
    proposals.put(
        p.id(),
        new ArchivedProposal(
            p.id(),
            p.runId(),
            p.source(),
            redact(p.description()),
            redact(p.diff()),
            p.diffHash(),
            p.risk(),
            p.status(),
            redact(p.reason()),
            p.commit(),
            p.createdAt(),
            p.updatedAt()));
  }

  @Override
  public synchronized Optional<ArchivedProposal> proposal(String id) {
    return Optional.ofNullable(proposals.get(id));
  }

  @Override
  public synchronized List<ArchivedProposal> proposalsOfRun(String runId) {
    return proposals.values().stream().filter(p -> p.runId().equals(runId)).toList();
  }

  @Override
  public synchronized List<ArchivedProposal> recentProposals(int limit) {
    return proposals.values().stream()
        .sorted(
            Comparator.comparing(ArchivedProposal::createdAt)
                .thenComparing(ArchivedProposal::id)
                .reversed())
        .limit(limit)
        .toList();
  }

  @Override
  public synchronized List<ArchivedProposal> proposalsWithStatus(ProposalStatus status) {
    return proposals.values().stream()
        .filter(p -> p.status() == status)
        .sorted(Comparator.comparing(ArchivedProposal::createdAt))
        .toList();
  }

  @Override
  public synchronized List<ArchivedProposal> proposalsWithDiffHash(String diffHash) {
    return proposals.values().stream()
        .filter(p -> p.diffHash().equals(diffHash))
        .sorted(Comparator.comparing(ArchivedProposal::createdAt))
        .toList();
  }

  @Override
  public synchronized void addStep(StepRecord step) {
    steps.add(
        new StepRecord(
            step.proposalId(),
            step.position(),
            step.step(),
            step.outcome(),
            redact(step.detail()),
            step.measures().stream()
                .map(
                    m ->
                        new MeasureDelta(
                            m.name(), m.before(), m.after(), m.change(), redact(m.detail())))
                .toList(),
            step.duration()));
  }

  private String redact(String text) {
    return scanner.redact("improvement", text).text();
  }

  @Override
  public synchronized List<StepRecord> steps(String proposalId) {
    return steps.stream().filter(s -> s.proposalId().equals(proposalId)).toList();
  }
}
