/**
 * Privacy of synthetic data: distances and DCR, membership attacks, calibrated tests, the privacy
 * gate and its settings.
 */
package io.github.syntheticpatients.runtime.eval.privacy;
