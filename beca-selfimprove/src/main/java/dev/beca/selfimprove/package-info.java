/**
 * Safe self-improvement for BECA. {@link dev.beca.selfimprove.JGitProjectHistory} is the JGit
 * implementation of core's {@link dev.beca.core.agent.ProjectHistory} (status, diff, commit with
 * trailers, undo of BECA's own last commit) that the assistant's git tools use. {@link
 * dev.beca.selfimprove.ImprovementEngine} is the self-improvement engine: proposals ({@link
 * dev.beca.selfimprove.Proposal}) from {@link dev.beca.selfimprove.spi.ProposalSource sources} are
 * validated ({@link dev.beca.selfimprove.ProposalValidator}), tried each in its own temporary git
 * worktree through {@link dev.beca.selfimprove.spi.EvaluationStep evaluation steps}, and only those
 * that are measurably better wait for a person's approval; approval commits with a rollback point,
 * and rollback takes BECA's own commits back. See {@code docs/selfimprove.md}.
 *
 * <p>This module depends on {@code beca-core} only and cooperates with memory, models and
 * benchmarks through core interfaces that the app wires together.
 */
package dev.beca.selfimprove;
