/**
 * The extension points of the self-improvement engine: where proposals come from ({@link
 * dev.beca.selfimprove.spi.ProposalSource}), how a proposal is evaluated ({@link
 * dev.beca.selfimprove.spi.EvaluationStep}) and the comparison of two trees by a benchmark ({@link
 * dev.beca.selfimprove.spi.QualityGate}). An embedding program implements them and hands them to
 * {@link dev.beca.selfimprove.ImprovementEngine#builder()}.
 */
package dev.beca.selfimprove.spi;
