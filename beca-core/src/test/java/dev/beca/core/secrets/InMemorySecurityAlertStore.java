package dev.beca.core.secrets;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/** A {@link SecurityAlertStore} in a list, for tests of code that records alerts. */
public final class InMemorySecurityAlertStore implements SecurityAlertStore {

  private final Clock clock;
  private final List<SecurityAlert> alerts = new ArrayList<>();

  /** A store stamping alerts with the given clock. */
  public InMemorySecurityAlertStore(Clock clock) {
    this.clock = clock;
  }

  @Override
  public synchronized SecurityAlert record(NewSecurityAlert alert) {
    SecurityAlert stored =
        new SecurityAlert(
            alerts.size() + 1L,
            clock.instant(),
            alert.source(),
            alert.ruleId(),
            alert.severity(),
            alert.location(),
            alert.fingerprint(),
            alert.confidence());
    alerts.add(stored);
    return stored;
  }

  @Override
  public synchronized List<SecurityAlert> recent(int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be positive, was " + limit);
    }
    List<SecurityAlert> newestFirst = new ArrayList<>();
    for (int i = alerts.size() - 1; i >= 0 && newestFirst.size() < limit; i--) {
      newestFirst.add(alerts.get(i));
    }
    return newestFirst;
  }

  @Override
  public synchronized long count() {
    return alerts.size();
  }
}
