/**
 * The proposer that needs no model: {@link dev.beca.selfimprove.recipes.RecipeProposer} turns the
 * issues of a {@link dev.beca.selfimprove.analysis.CodeAnalysis} into {@link
 * dev.beca.selfimprove.recipes.RecipeChange}s - unified diffs that {@code git apply} takes, each
 * from one deterministic, behaviour-preserving recipe ({@link
 * dev.beca.selfimprove.recipes.RecipeKind}) that proposes nothing when it cannot prove a shape safe
 * - with a {@link dev.beca.selfimprove.recipes.ChangeRisk} and a priority (expected impact over
 * risk, coverage of the touched lines included when a coverage map is given).
 */
package dev.beca.selfimprove.recipes;
