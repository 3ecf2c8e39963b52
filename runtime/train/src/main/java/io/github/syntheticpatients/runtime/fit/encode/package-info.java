/**
 * Fitting of the reversible encoders of {@link io.github.syntheticpatients.runtime.encode}: the
 * scalers' ranges, Box–Cox's λ, the mixtures of mode-specific normalisation. Lives in runtime/train
 * so the core, which only loads and samples, needs no optimiser (commons-math3).
 */
package io.github.syntheticpatients.runtime.fit.encode;
