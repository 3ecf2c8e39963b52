/**
 * Fidelity of synthetic data: column shapes, pair trends, detection (logistic and tree), utility
 * (TSTR) and timeline quality.
 */
package io.github.syntheticpatients.runtime.eval.fidelity;
