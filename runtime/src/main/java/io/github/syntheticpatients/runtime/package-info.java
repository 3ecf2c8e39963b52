/**
 * The public API: load a model and sample it ({@link io.github.syntheticpatients.runtime.ModelLoader}), generate
 * to a file ({@link io.github.syntheticpatients.runtime.Generation}), train ({@link
 * io.github.syntheticpatients.runtime.Training}) and evaluate ({@link io.github.syntheticpatients.runtime.Evaluation}).
 */
package io.github.syntheticpatients.runtime;
