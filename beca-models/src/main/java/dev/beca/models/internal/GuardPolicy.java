package dev.beca.models.internal;

import java.time.Duration;

/**
 * The limits {@link GuardedChat} applies, copied from the published resilience settings (this
 * package must not depend on the published one).
 *
 * @param firstTokenTimeout longest wait for the first piece
 * @param inactivityTimeout longest silence between pieces
 * @param totalTimeout longest whole call (the reply timeout), retries and fallbacks included
 * @param maxAttempts attempts per model, the first included
 * @param initialBackoff wait before the first retry
 * @param backoffMultiplier growth of each further wait
 * @param jitter randomisation of each wait, 0 to below 1
 * @param breakerWindow calls the circuit breaker looks back on
 * @param breakerMinimumCalls calls needed before it may open
 * @param breakerFailureRatePercent share of failures that opens it
 * @param breakerOpenDuration how long it stays open
 */
public record GuardPolicy(
    Duration firstTokenTimeout,
    Duration inactivityTimeout,
    Duration totalTimeout,
    int maxAttempts,
    Duration initialBackoff,
    double backoffMultiplier,
    double jitter,
    int breakerWindow,
    int breakerMinimumCalls,
    float breakerFailureRatePercent,
    Duration breakerOpenDuration) {}
