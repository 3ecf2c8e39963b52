/**
 * The public API: load a model and sample it ({@link io.github.syntheticpatients.runtime.sampling.ModelLoader}), generate
 * to a file ({@link io.github.syntheticpatients.runtime.sampling.Generation}), train ({@link
 * io.github.syntheticpatients.runtime.training.Training}) and evaluate ({@link io.github.syntheticpatients.runtime.evaluation.Evaluation}).
 */
package io.github.syntheticpatients.runtime;
