package dev.beca.selfimprove.recipes;

import dev.beca.selfimprove.analysis.CodeAnalysis;
import dev.beca.selfimprove.analysis.JavaCodeAnalyzer;
import dev.beca.selfimprove.spi.Proposal;
import dev.beca.selfimprove.spi.ProposalContext;
import dev.beca.selfimprove.spi.ProposalSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The model-free proposer as a {@link ProposalSource} of the engine: the project's Java sources are
 * analysed ({@link JavaCodeAnalyzer}) and each behaviour-preserving recipe change ({@link
 * RecipeProposer}) becomes a proposal, highest priority first, skipping diffs tried before.
 * Registered for {@link java.util.ServiceLoader}, so {@code beca improve run} uses it with no model
 * server.
 */
public final class RecipeProposalSource implements ProposalSource {

  /** The source's name, stored with each proposal. */
  public static final String NAME = "recipes";

  private final JavaCodeAnalyzer analyzer;
  private final RecipeProposer proposer;

  /** The stock analyzer and recipes (shipped code only, not tests). */
  public RecipeProposalSource() {
    this(JavaCodeAnalyzer.builder().build(), RecipeProposer.builder().build());
  }

  /**
   * A source with its own analyzer and recipes.
   *
   * @param analyzer finds the issues
   * @param proposer turns issues into changes
   */
  public RecipeProposalSource(JavaCodeAnalyzer analyzer, RecipeProposer proposer) {
    this.analyzer = Objects.requireNonNull(analyzer, "analyzer");
    this.proposer = Objects.requireNonNull(proposer, "proposer");
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<Proposal> propose(ProposalContext context) {
    CodeAnalysis analysis = analyzer.analyze(context.project());
    List<Proposal> proposals = new ArrayList<>();
    for (RecipeChange change : proposer.propose(context.project(), analysis)) {
      if (proposals.size() >= context.maxProposals()) {
        break;
      }
      if (!context.triedDiffHashes().contains(Proposal.diffHash(change.diff()))) {
        proposals.add(Proposal.of(NAME, change.description(), change.diff()));
      }
    }
    return proposals;
  }
}
