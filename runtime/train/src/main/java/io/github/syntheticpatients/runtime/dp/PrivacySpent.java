package io.github.syntheticpatients.runtime.dp;

/**
 * An (ε, δ) guarantee and the Rényi order that gave it.
 *
 * @param epsilon ε, ≥ 0; +∞ when no order gives a guarantee
 * @param delta δ
 * @param order the optimal Rényi order α; NaN when none is optimal (δ = 0 or ε = +∞)
 * @param orderAtEdge whether α is the grid's smallest or largest order, so a wider grid might give
 *     a smaller ε
 */
public record PrivacySpent(double epsilon, double delta, double order, boolean orderAtEdge) {}
