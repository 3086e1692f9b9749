package dev.beca.core.quality;

/** The reference in-memory store passes the contract. */
class InMemoryBenchmarkStoreTest extends BenchmarkStoreContract {

  @Override
  protected BenchmarkStore createStore() {
    return new InMemoryBenchmarkStore();
  }
}
