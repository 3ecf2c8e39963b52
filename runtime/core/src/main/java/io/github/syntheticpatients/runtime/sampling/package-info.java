/**
 * API entry points that only sample: load a model ({@link
 * io.github.syntheticpatients.runtime.sampling.ModelLoader}), generate a file ({@link
 * io.github.syntheticpatients.runtime.sampling.Generation}), sample any range of records alone
 * ({@link io.github.syntheticpatients.runtime.sampling.Blocks}), infer, read and write schemas
 * ({@link io.github.syntheticpatients.runtime.sampling.Schemas}). Part of runtime-core.
 */
package io.github.syntheticpatients.runtime.sampling;
