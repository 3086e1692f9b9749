package dev.beca.core.improve;

/** The in-memory archive passes the contract. */
class InMemoryImprovementArchiveTest extends ImprovementArchiveContract {

  @Override
  protected ImprovementArchive createArchive() {
    return new InMemoryImprovementArchive();
  }
}
