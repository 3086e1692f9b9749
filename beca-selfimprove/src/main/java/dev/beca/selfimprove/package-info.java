/**
 * Safe self-improvement for BECA. Built so far: {@link dev.beca.selfimprove.JGitProjectHistory},
 * the JGit implementation of core's {@link dev.beca.core.agent.ProjectHistory} (status, diff,
 * commit with trailers, undo of BECA's own last commit), which the assistant's git tools, {@code
 * --auto-commit} and {@code /undo} use. Still to come: analyse code, propose improvements, test
 * them on an isolated git branch or worktree, apply only what measures better, keep rollback points
 * and an audit log, and let a person approve or stop any change.
 *
 * <p>This module depends on {@code beca-core} only and cooperates with memory, models and
 * benchmarks through core interfaces that the app wires together.
 */
package dev.beca.selfimprove;
