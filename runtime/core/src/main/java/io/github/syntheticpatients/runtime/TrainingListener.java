package io.github.syntheticpatients.runtime;

import java.time.Duration;

/** Receives training progress; adapters forward it to the Maven log or a test report. */
public interface TrainingListener {

  /** A listener that ignores everything. */
  TrainingListener NONE = new TrainingListener() {};

  /** Progress after one epoch. */
  record EpochProgress(
      int epoch,
      int epochs,
      double generatorLoss,
      double discriminatorLoss,
      Duration elapsed,
      Duration remaining) {}

  /** Called after each epoch. */
  default void onEpoch(EpochProgress progress) {}

  /** Called for notable steps (schema inferred, encoder fitted, model selected, file written). */
  default void onMessage(String message) {}
}
