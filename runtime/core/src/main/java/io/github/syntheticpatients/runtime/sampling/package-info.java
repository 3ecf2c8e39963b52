/**
 * API entry points that only sample: load a model ({@link
 * io.github.syntheticpatients.runtime.sampling.ModelLoader}), generate a file ({@link
 * io.github.syntheticpatients.runtime.sampling.Generation}), infer, read and write schemas ({@link
 * io.github.syntheticpatients.runtime.sampling.Schemas}). Part of runtime-core.
 */
package io.github.syntheticpatients.runtime.sampling;
