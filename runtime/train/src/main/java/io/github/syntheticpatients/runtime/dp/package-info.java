/**
 * Differential-privacy accounting for DP-SGD: the Rényi-DP of the Poisson-subsampled Gaussian
 * mechanism, its composition over steps and stages, the conversion to (ε, δ) and the search for the
 * noise that meets a target ε. Pure arithmetic, no training: the training loops record their steps
 * in a {@link io.github.syntheticpatients.runtime.dp.PrivacyLedger} and stop before the budget is
 * spent. The formulas and reference values are in docs/privacy-dp.md.
 */
package io.github.syntheticpatients.runtime.dp;
