package io.github.syntheticpatients.runtime.training;

import io.github.syntheticpatients.runtime.TrainRequest;
import io.github.syntheticpatients.runtime.TrainResult;
import io.github.syntheticpatients.runtime.TrainingListener;
import io.github.syntheticpatients.runtime.model.ModelFile;
import io.github.syntheticpatients.runtime.train.LongitudinalTrainingJob;
import io.github.syntheticpatients.runtime.train.TabularTrainingJob;
import io.github.syntheticpatients.runtime.train.TrainingRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;

/** Learns a model from a CSV and writes the model file. */
public final class Training {
  private Training() {}

  /**
   * Whether the output model exists and records the same input sha256, schema, settings, seed and
   * tool version, so that training can be skipped. A missing, damaged, foreign or newer-format
   * model file is not up to date. Needs no native library.
   *
   * @throws UncheckedIOException when the input or schema file exists but cannot be read
   */
  public static boolean isUpToDate(TrainRequest request) {
    return TrainingRecord.isUpToDate(request);
  }

  /**
   * Trains and writes the model file atomically; skips when {@link #isUpToDate} and not {@code
   * force}. GAN generators need the DJL PyTorch engine on the classpath.
   *
   * @throws io.github.syntheticpatients.runtime.InvalidInputException for bad input data, schema or
   *     settings
   * @throws io.github.syntheticpatients.runtime.PrivacyGateException when the trained model fails
   *     the privacy gate (nothing is written)
   * @throws io.github.syntheticpatients.runtime.EngineUnavailableException when a GAN is asked for
   *     and DJL is missing
   */
  public static TrainResult train(TrainRequest request, TrainingListener listener) {
    if (!request.force() && isUpToDate(request)) {
      try {
        String sha = ModelFile.sha256(Files.readAllBytes(request.output()));
        return new TrainResult(request.output(), true, sha, 0, 0, Duration.ZERO);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    TrainingListener progress = listener == null ? TrainingListener.NONE : listener;
    if (LongitudinalTrainingJob.isLongitudinal(request)) {
      return LongitudinalTrainingJob.run(request, progress);
    }
    return TabularTrainingJob.run(request, progress);
  }
}
