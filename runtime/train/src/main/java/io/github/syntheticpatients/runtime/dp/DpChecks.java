package io.github.syntheticpatients.runtime.dp;

import io.github.syntheticpatients.runtime.InvalidInputException;

/** The ranges of the accountant's inputs, each refused with the parameter's name and the fix. */
final class DpChecks {
  static final String SAMPLING_RATE = "samplingRate";
  static final String NOISE_MULTIPLIER = "noiseMultiplier";
  static final String STEPS = "steps";
  static final String DELTA = "delta";
  static final String EPSILON = "epsilon";
  static final String ORDERS = "orders";

  private DpChecks() {}

  static void samplingRate(double q) {
    if (!(q >= 0 && q <= 1)) {
      throw InvalidInputException.inParameter(
          SAMPLING_RATE,
          "samplingRate must be in [0, 1] (the chance that a record joins a batch, batch size /"
              + " dataset size); got "
              + q);
    }
  }

  static void noiseMultiplier(double sigma) {
    if (!(sigma >= 0 && sigma < Double.POSITIVE_INFINITY)) {
      throw InvalidInputException.inParameter(
          NOISE_MULTIPLIER,
          "noiseMultiplier must be a finite number ≥ 0 (the noise's standard deviation over the"
              + " clip norm, typically 0.5 to 5); got "
              + sigma);
    }
  }

  static void steps(long steps) {
    if (steps < 0) {
      throw InvalidInputException.inParameter(
          STEPS, "steps must be ≥ 0 (the number of noisy gradient steps); got " + steps);
    }
  }

  static void delta(double delta) {
    if (!(delta >= 0 && delta <= 1)) {
      throw InvalidInputException.inParameter(
          DELTA, "delta must be in [0, 1], well below 1/dataset size (e.g. 1e-5); got " + delta);
    }
  }

  static void epsilon(double epsilon) {
    if (!(epsilon >= 0 && epsilon < Double.POSITIVE_INFINITY)) {
      throw InvalidInputException.inParameter(
          EPSILON, "epsilon must be a finite number ≥ 0 (e.g. 1, 3 or 10); got " + epsilon);
    }
  }
}
