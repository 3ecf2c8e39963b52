package io.github.syntheticpatients.runtime;

import java.time.Duration;

/** Receives training progress; adapters forward it to the Maven log or a test report. */
public interface TrainingListener {

  /** A listener that ignores everything. */
  TrainingListener NONE = new TrainingListener() {};

  /** What the two losses of an {@link EpochProgress} measure, with the names a log shows. */
  enum Losses {
    /** A GAN's: the generator's loss, then the discriminator's (critic's). */
    GENERATOR_DISCRIMINATOR("generator loss", "discriminator loss"),
    /**
     * A likelihood model's (the autoregressive {@code argn}): the mean negative log-likelihood, in
     * nats per row, on the training rows, then on the validation rows.
     */
    TRAINING_VALIDATION("training loss", "validation loss");

    private final String first;
    private final String second;

    Losses(String first, String second) {
      this.first = first;
      this.second = second;
    }

    /** The first loss's name, e.g. {@code "generator loss"}. */
    public String first() {
      return first;
    }

    /** The second loss's name, e.g. {@code "discriminator loss"}. */
    public String second() {
      return second;
    }
  }

  /**
   * Progress after one epoch.
   *
   * @param generatorLoss the first loss (named by {@code losses}); NaN when none is reported (DP
   *     training, whose loss would be computed outside the privacy budget)
   * @param discriminatorLoss the second loss; NaN when none is reported
   * @param losses what the two losses are
   */
  record EpochProgress(
      int epoch,
      int epochs,
      double generatorLoss,
      double discriminatorLoss,
      Duration elapsed,
      Duration remaining,
      Losses losses) {
    /** A GAN's progress: the generator's and the discriminator's losses. */
    public EpochProgress(
        int epoch,
        int epochs,
        double generatorLoss,
        double discriminatorLoss,
        Duration elapsed,
        Duration remaining) {
      this(
          epoch,
          epochs,
          generatorLoss,
          discriminatorLoss,
          elapsed,
          remaining,
          Losses.GENERATOR_DISCRIMINATOR);
    }
  }

  /** Called after each epoch. */
  default void onEpoch(EpochProgress progress) {}

  /** Called for notable steps (schema inferred, encoder fitted, model selected, file written). */
  default void onMessage(String message) {}
}
