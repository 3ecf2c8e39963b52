package io.github.syntheticpatients.runtime;

/** Learns a model from a CSV and writes the model file. */
public final class Training {
  private Training() {}

  /**
   * Whether the output model exists and records the same input sha256, schema, settings, seed and tool version,
   * so that training can be skipped. Needs no native library.
   */
  public static boolean isUpToDate(TrainRequest request) {
    throw new UnsupportedOperationException("training arrives with the generator work");
  }

  /**
   * Trains and writes the model file atomically; skips when {@link #isUpToDate} and not {@code force}. GAN
   * generators need the DJL PyTorch engine on the classpath.
   *
   * @throws InvalidInputException for bad input data, schema or settings
   * @throws EngineUnavailableException when a GAN is asked for and DJL is missing
   */
  public static TrainResult train(TrainRequest request, TrainingListener listener) {
    throw new UnsupportedOperationException("training arrives with the generator work");
  }
}
