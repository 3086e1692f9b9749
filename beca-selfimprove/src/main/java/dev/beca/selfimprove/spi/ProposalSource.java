package dev.beca.selfimprove.spi;

import java.util.List;

/**
 * Where proposals come from: deterministic recipes on analysis findings, a model given the code and
 * the issue, a user's own tool. The engine asks each source in turn for candidates, validates them
 * and evaluates those that are new.
 */
public interface ProposalSource {

  /** A short name, stored with each proposal ({@code recipes}, {@code model:llama3.2}). */
  String name();

  /**
   * Candidate proposals for a project.
   *
   * @param context the project, the base revision, how many are wanted and what failed before
   * @return the candidates, best first; may be empty
   */
  List<Proposal> propose(ProposalContext context);
}
