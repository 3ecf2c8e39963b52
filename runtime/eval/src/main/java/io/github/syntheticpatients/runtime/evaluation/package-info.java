/**
 * API entry point for evaluation: {@link io.github.syntheticpatients.runtime.evaluation.Evaluation}
 * and its request and result. Part of runtime-eval.
 */
package io.github.syntheticpatients.runtime.evaluation;
