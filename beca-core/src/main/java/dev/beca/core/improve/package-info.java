/**
 * The records and the storage port of the self-improvement engine: runs ({@link
 * dev.beca.core.improve.ImprovementRun}), proposals with their status ({@link
 * dev.beca.core.improve.ArchivedProposal}, {@link dev.beca.core.improve.ProposalStatus}), each
 * evaluation step's outcome with its measures ({@link dev.beca.core.improve.StepRecord}, {@link
 * dev.beca.core.improve.MeasureDelta}) and the {@link dev.beca.core.improve.ImprovementArchive}
 * that keeps them. The engine itself lives in {@code beca-selfimprove}; the SQLite archive in
 * {@code beca-memory}.
 */
package dev.beca.core.improve;
