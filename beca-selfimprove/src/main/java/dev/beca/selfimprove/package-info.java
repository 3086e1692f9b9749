/**
 * Safe self-improvement for BECA (not yet built): analyse code, propose improvements, test them on
 * an isolated git branch or worktree (JGit), apply only what measures better, keep rollback points
 * and an audit log, and let a person approve or stop any change.
 *
 * <p>This module depends on {@code beca-core} only and cooperates with memory, models and
 * benchmarks through core interfaces that the app wires together.
 */
package dev.beca.selfimprove;
