package dev.beca.core.conversation;

/** The in-memory reference stores pass the contract, which shows the contract is satisfiable. */
class InMemoryConversationStoresTest extends ConversationStoresContract {

  @Override
  protected Stores createStores(MutableClock clock) {
    InMemorySessionStore sessions = new InMemorySessionStore(clock);
    return new Stores(new InMemoryMessageStore(sessions, clock), sessions);
  }
}
