package dev.beca.app;

import dev.beca.selfimprove.spi.Proposal;
import dev.beca.selfimprove.spi.ProposalContext;
import dev.beca.selfimprove.spi.ProposalSource;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A proposal source found by {@link java.util.ServiceLoader} on the test class path, returning what
 * a test put in {@link #PROPOSALS} (as a scripted model would).
 */
public final class ScriptedProposalSource implements ProposalSource {

  /** The proposals the next cycle gets. */
  static final List<Proposal> PROPOSALS = new CopyOnWriteArrayList<>();

  @Override
  public String name() {
    return "scripted";
  }

  @Override
  public List<Proposal> propose(ProposalContext context) {
    return List.copyOf(PROPOSALS);
  }
}
