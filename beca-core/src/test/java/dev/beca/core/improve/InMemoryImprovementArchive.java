package dev.beca.core.improve;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The reference {@link ImprovementArchive}: maps in memory, for tests and embedding programs. */
public final class InMemoryImprovementArchive implements ImprovementArchive {

  private final Map<String, ImprovementRun> runs = new LinkedHashMap<>();
  private final Map<String, ArchivedProposal> proposals = new LinkedHashMap<>();
  private final List<StepRecord> steps = new ArrayList<>();

  @Override
  public synchronized void saveRun(ImprovementRun run) {
    runs.put(run.id(), run);
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
  public synchronized void saveProposal(ArchivedProposal proposal) {
    proposals.put(proposal.id(), proposal);
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
    steps.add(step);
  }

  @Override
  public synchronized List<StepRecord> steps(String proposalId) {
    return steps.stream().filter(s -> s.proposalId().equals(proposalId)).toList();
  }
}
