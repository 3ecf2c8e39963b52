package io.github.syntheticpatients.runtime.dp;

import io.github.syntheticpatients.runtime.InvalidInputException;
import java.util.function.DoubleFunction;

/**
 * The smallest noise multiplier, to a tolerance, whose ε after a fixed schedule stays within a
 * target: Opacus' {@code get_noise_multiplier}. Doubles σ from 20 until ε ≤ target, then bisects
 * between 0 and that σ until ε is within the tolerance below the target, and returns the upper end:
 * the answer never overshoots the budget.
 */
public final class NoiseSearch {
  /** Opacus' tolerance: the ε reached lies in [target − 0.01, target]. */
  public static final double TOLERANCE = 0.01;

  /** Beyond this σ the budget is out of reach (Opacus' MAX_SIGMA). */
  static final double MAX_NOISE_MULTIPLIER = 1e6;

  private NoiseSearch() {}

  /**
   * The noise found and the guarantee it gives.
   *
   * @param noiseMultiplier σ
   * @param spent the (ε, δ) guarantee at σ, with ε ≤ the target
   */
  public record Result(double noiseMultiplier, PrivacySpent spent) {}

  /**
   * The noise multiplier for {@code steps} steps at sampling rate q that keeps ε ≤ {@code
   * targetEpsilon} at {@code delta}.
   *
   * @throws InvalidInputException naming {@code epsilon} when even σ = 10^6 exceeds the target, or
   *     the parameter out of range
   */
  public static Result noiseMultiplier(
      RdpAccountant accountant,
      double samplingRate,
      long steps,
      double delta,
      double targetEpsilon) {
    return search(
        sigma -> accountant.epsilon(samplingRate, sigma, steps, delta),
        samplingRate,
        steps,
        delta,
        targetEpsilon);
  }

  /**
   * The noise multiplier for {@code steps} more steps at sampling rate q that keeps the ε composed
   * with everything {@code spentSoFar} holds (an earlier stage, a release of histograms) within
   * {@code targetEpsilon}; the ledger is unchanged.
   *
   * @throws InvalidInputException as {@link #noiseMultiplier(RdpAccountant, double, long, double,
   *     double)}
   */
  public static Result noiseMultiplier(
      PrivacyLedger spentSoFar,
      double samplingRate,
      long steps,
      double delta,
      double targetEpsilon) {
    return search(
        sigma -> spentSoFar.spentAfter(samplingRate, sigma, steps, delta),
        samplingRate,
        steps,
        delta,
        targetEpsilon);
  }

  private static Result search(
      DoubleFunction<PrivacySpent> epsilonAt,
      double samplingRate,
      long steps,
      double delta,
      double targetEpsilon) {
    DpChecks.samplingRate(samplingRate);
    DpChecks.steps(steps);
    DpChecks.delta(delta);
    DpChecks.epsilon(targetEpsilon);
    double low = 0;
    double high = 10;
    PrivacySpent atHigh;
    do {
      high *= 2;
      if (high > MAX_NOISE_MULTIPLIER) {
        throw InvalidInputException.inParameter(
            DpChecks.EPSILON,
            "epsilon="
                + targetEpsilon
                + " is out of reach: even noiseMultiplier="
                + MAX_NOISE_MULTIPLIER
                + " spends more over "
                + steps
                + " steps at samplingRate="
                + samplingRate
                + " and delta="
                + delta
                + "; raise epsilon or delta, or train fewer steps or with a smaller sampling rate");
      }
      atHigh = epsilonAt.apply(high);
    } while (atHigh.epsilon() > targetEpsilon);
    while (targetEpsilon - atHigh.epsilon() > TOLERANCE) {
      double middle = (low + high) / 2;
      PrivacySpent atMiddle = epsilonAt.apply(middle);
      if (atMiddle.epsilon() < targetEpsilon) {
        high = middle;
        atHigh = atMiddle;
      } else {
        low = middle;
      }
      if (high - low < Math.ulp(high)) {
        break; // ε jumps past the tolerance band at a single σ: high still keeps ε ≤ target
      }
    }
    return new Result(high, atHigh);
  }
}
