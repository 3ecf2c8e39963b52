package io.github.syntheticpatients.runtime.training;

import io.github.syntheticpatients.runtime.dp.NoiseSearch;

/**
 * The planner's answer: the schedule it read, the noise multiplier (given or found) and the (ε, δ)
 * guarantee of the whole run.
 *
 * @param samplingRate q
 * @param steps T
 * @param delta δ
 * @param defaultDelta whether δ is the default min(1e-5, n^-1.1)
 * @param noiseMultiplier σ, given or found
 * @param noiseSearched whether σ was searched for a target ε (then ε is at most the target, within
 *     {@link #SEARCH_TOLERANCE} of it)
 * @param epsilon ε of T steps at (q, σ) and δ
 * @param order the optimal Rényi order α
 * @param orderAtEdge whether α is the accountant's smallest or largest order (ε might be smaller on
 *     a wider grid)
 * @param accountant the accountant, in words
 */
public record DpBudget(
    double samplingRate,
    long steps,
    double delta,
    boolean defaultDelta,
    double noiseMultiplier,
    boolean noiseSearched,
    double epsilon,
    double order,
    boolean orderAtEdge,
    String accountant) {
  /** How far below a target ε the searched noise multiplier may land. */
  public static final double SEARCH_TOLERANCE = NoiseSearch.TOLERANCE;
}
