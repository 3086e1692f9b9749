/**
 * Rate limits of costly operations: model calls, commands and benchmark runs, each per minute
 * and/or per hour ({@link dev.beca.core.limits.RateLimits}). Over a limit, {@link
 * dev.beca.core.limits.RateLimits#tryAcquire tryAcquire} says how long to wait and consumes
 * nothing, and {@link dev.beca.core.limits.RateLimits#acquire acquire} throws a retriable {@link
 * dev.beca.core.limits.RateLimitedException} with that wait, before anything runs.
 */
package dev.beca.core.limits;
