/**
 * Fidelity of synthetic data: column shapes, pair trends, detection (logistic and tree), utility
 * (TSTR), timeline quality, timeline dynamics (visit times, per-patient autocorrelation, state
 * transitions, follow-up) and the rules real timelines never break.
 */
package io.github.syntheticpatients.runtime.eval.fidelity;
