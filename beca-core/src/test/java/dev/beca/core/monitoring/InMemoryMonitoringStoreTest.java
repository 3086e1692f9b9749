package dev.beca.core.monitoring;

import dev.beca.core.conversation.MutableClock;

class InMemoryMonitoringStoreTest extends MonitoringStoresContract {
  @Override
  protected Stores createStores(MutableClock clock, MetricRetention retention) {
    InMemoryMonitoringStore store = new InMemoryMonitoringStore(clock, retention);
    return new Stores(store, store);
  }
}
