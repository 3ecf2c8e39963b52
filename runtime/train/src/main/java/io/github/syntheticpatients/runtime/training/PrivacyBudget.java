package io.github.syntheticpatients.runtime.training;

import io.github.syntheticpatients.runtime.InvalidInputException;
import io.github.syntheticpatients.runtime.dp.DeltaRule;
import io.github.syntheticpatients.runtime.dp.NoiseSearch;
import io.github.syntheticpatients.runtime.dp.PrivacySpent;
import io.github.syntheticpatients.runtime.dp.RdpAccountant;

/**
 * Plans a DP-SGD budget before training, like TensorFlow Privacy's {@code compute_dp_sgd_privacy}:
 * the ε that a noise multiplier gives over a schedule, or the noise multiplier a target ε needs.
 * Uses the project's RDP accountant (Poisson-subsampled Gaussian, dp_accounting's orders and
 * conversion). Needs no data and no native library.
 */
public final class PrivacyBudget {
  private PrivacyBudget() {}

  /**
   * Answers {@code request}.
   *
   * @throws InvalidInputException naming the parameter (a {@link DpBudgetRequest} component) that
   *     is missing, contradicts another or is out of range, with the fix
   */
  public static DpBudget plan(DpBudgetRequest request) {
    double samplingRate = samplingRate(request);
    long steps = steps(request, samplingRate);
    boolean defaultDelta = request.delta() == null;
    double delta = delta(request);
    RdpAccountant accountant = RdpAccountant.standard();
    if (request.noiseMultiplier() != null && request.epsilon() != null) {
      throw InvalidInputException.inParameter(
          "noiseMultiplier",
          "give noiseMultiplier (to compute ε) or epsilon (to find the noise multiplier it needs),"
              + " not both");
    }
    if (request.noiseMultiplier() != null) {
      double sigma = request.noiseMultiplier();
      if (!(sigma > 0 && sigma < Double.POSITIVE_INFINITY)) {
        throw InvalidInputException.inParameter(
            "noiseMultiplier",
            "noiseMultiplier must be a finite number > 0 (0 adds no noise and gives no privacy);"
                + " got "
                + sigma);
      }
      PrivacySpent spent = accountant.epsilon(samplingRate, sigma, steps, delta);
      return budget(samplingRate, steps, defaultDelta, sigma, false, spent, accountant);
    }
    if (request.epsilon() != null) {
      double target = request.epsilon();
      if (!(target > 0 && target < Double.POSITIVE_INFINITY)) {
        throw InvalidInputException.inParameter(
            "epsilon", "epsilon must be a finite number > 0 (e.g. 1, 3 or 10); got " + target);
      }
      NoiseSearch.Result found =
          NoiseSearch.noiseMultiplier(accountant, samplingRate, steps, delta, target);
      return budget(
          samplingRate,
          steps,
          defaultDelta,
          found.noiseMultiplier(),
          true,
          found.spent(),
          accountant);
    }
    throw InvalidInputException.inParameter(
        "noiseMultiplier",
        "give noiseMultiplier to compute ε, or epsilon to find the noise multiplier it needs");
  }

  private static DpBudget budget(
      double samplingRate,
      long steps,
      boolean defaultDelta,
      double sigma,
      boolean searched,
      PrivacySpent spent,
      RdpAccountant accountant) {
    return new DpBudget(
        samplingRate,
        steps,
        spent.delta(),
        defaultDelta,
        sigma,
        searched,
        spent.epsilon(),
        spent.order(),
        spent.orderAtEdge(),
        accountant.toString());
  }

  /** q from samplingRate, or batchSize / datasetSize; never both. */
  private static double samplingRate(DpBudgetRequest request) {
    Long datasetSize = request.datasetSize();
    Integer batchSize = request.batchSize();
    if (datasetSize != null && datasetSize < 1) {
      throw InvalidInputException.inParameter(
          "datasetSize",
          "datasetSize must be ≥ 1 (the number of patients, each one record); got " + datasetSize);
    }
    if (request.samplingRate() != null) {
      if (batchSize != null) {
        throw InvalidInputException.inParameter(
            "samplingRate",
            "give samplingRate, or batchSize with datasetSize, not both (samplingRate = batchSize"
                + " / datasetSize)");
      }
      double q = request.samplingRate();
      if (!(q > 0 && q <= 1)) {
        throw InvalidInputException.inParameter(
            "samplingRate",
            "samplingRate must be in (0, 1] (the chance that a patient joins a batch, batch size /"
                + " dataset size, e.g. 0.01); got "
                + q);
      }
      return q;
    }
    if (batchSize == null) {
      throw InvalidInputException.inParameter(
          "samplingRate",
          "the sampling rate is missing: give samplingRate, or datasetSize and batchSize");
    }
    if (datasetSize == null) {
      throw InvalidInputException.inParameter(
          "datasetSize",
          "batchSize needs datasetSize (the number of patients) to give the sampling rate"
              + " batchSize / datasetSize");
    }
    if (batchSize < 1 || batchSize > datasetSize) {
      throw InvalidInputException.inParameter(
          "batchSize",
          "batchSize must be between 1 and datasetSize = " + datasetSize + "; got " + batchSize);
    }
    return (double) batchSize / datasetSize;
  }

  /** T from steps, or ⌈epochs / q⌉ (TensorFlow Privacy's rule; more steps is the private side). */
  private static long steps(DpBudgetRequest request, double samplingRate) {
    if (request.steps() != null && request.epochs() != null) {
      throw InvalidInputException.inParameter(
          "steps", "give epochs or steps, not both (steps = epochs / samplingRate)");
    }
    if (request.steps() != null) {
      if (request.steps() < 1) {
        throw InvalidInputException.inParameter(
            "steps",
            "steps must be ≥ 1 (the number of noisy gradient steps); got " + request.steps());
      }
      return request.steps();
    }
    if (request.epochs() == null) {
      throw InvalidInputException.inParameter(
          "epochs", "the length of training is missing: give epochs or steps");
    }
    double epochs = request.epochs();
    if (!(epochs > 0 && epochs < Double.POSITIVE_INFINITY)) {
      throw InvalidInputException.inParameter(
          "epochs", "epochs must be a finite number > 0; got " + epochs);
    }
    double exact =
        request.datasetSize() != null && request.batchSize() != null
            ? epochs * request.datasetSize() / request.batchSize()
            : epochs / samplingRate;
    // A quotient within rounding of a whole number is that number, not the next one up
    // (90 / 0.04 is 2250 steps, though 0.04 is not exact in binary).
    long nearest = Math.round(exact);
    long steps = Math.abs(exact - nearest) <= 1e-9 * exact ? nearest : (long) Math.ceil(exact);
    if (steps >= Long.MAX_VALUE / 2) {
      throw InvalidInputException.inParameter(
          "epochs", "epochs=" + epochs + " gives more steps than can be counted; give fewer");
    }
    return steps;
  }

  /** δ as given (below 1/n when n is known), or the default min(1e-5, n^-1.1). */
  private static double delta(DpBudgetRequest request) {
    Long datasetSize = request.datasetSize();
    if (request.delta() == null) {
      if (datasetSize == null) {
        throw InvalidInputException.inParameter(
            "delta",
            "delta is missing and cannot default without datasetSize: give delta (below 1 / the"
                + " number of patients, e.g. 1e-5) or datasetSize (for the default min(1e-5,"
                + " n^-1.1))");
      }
      return DeltaRule.defaultDelta(datasetSize);
    }
    double delta = request.delta();
    if (datasetSize != null) {
      DeltaRule.check(delta, datasetSize);
    } else if (!(delta > 0 && delta < 1)) {
      throw InvalidInputException.inParameter(
          "delta", "delta must be in (0, 1), below 1 / the number of patients; got " + delta);
    }
    return delta;
  }
}
