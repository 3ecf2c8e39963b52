package io.github.syntheticpatients.runtime;

/**
 * A loaded generator. Sampling is plain Java: it needs neither DJL nor a native library, and is
 * safe to call from several threads at once.
 */
public interface SyntheticModel {

  /** The model's id (its zoo id, or the file name without extension). */
  String id();

  /** The sha256 of the model file's bytes, in hex. */
  String sha256();

  /** The schema of the records it generates. */
  SchemaView schema();

  /** What the model is and how it was made: generator, settings, provenance and evaluation. */
  ModelInfo info();

  /** Samples records; the same request gives the same records. */
  SampleResult sample(SampleRequest request);
}
