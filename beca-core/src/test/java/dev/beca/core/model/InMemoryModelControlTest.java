package dev.beca.core.model;

import java.time.Clock;

/** The in-memory reference passes the contract. */
class InMemoryModelControlTest extends ModelControlContract {

  @Override
  protected ModelControl createControl() {
    return new InMemoryModelControl(Clock.systemUTC())
        .install(ALPHA, "completion")
        .install(BETA, "completion")
        .install(EMBED, "embedding")
        .offer(GAMMA);
  }
}
