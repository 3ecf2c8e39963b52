package io.github.syntheticpatients.runtime.dp;

import java.util.List;

/**
 * Noise for several DP-SGD stages over the same records whose composed ε meets one target (privacy
 * notes §6): each stage first gets the σ that meets its share of the target alone ({@link
 * NoiseSearch}); those σ are then scaled by one common factor κ, bisected until the ε composed in
 * RDP over all stages lies within {@link NoiseSearch#TOLERANCE} below the target. Composing in RDP
 * pays the conversion to (ε, δ) once, so the shares alone would overspend noise; κ &lt; 1 takes
 * that slack back. The answer never overshoots the target.
 */
public final class JointNoise {
  private JointNoise() {}

  /**
   * One stage's plan.
   *
   * @param samplingRate q
   * @param steps T
   * @param share the part of the target the stage's own σ is first searched for
   */
  public record Stage(double samplingRate, long steps, double share) {}

  /**
   * The noise multipliers, in stage order, and the composed guarantee they give.
   *
   * @param noiseMultipliers κ·σ_s per stage
   * @param kappa κ
   * @param spent the composed (ε, δ) guarantee
   */
  public record Result(double[] noiseMultipliers, double kappa, PrivacySpent spent) {}

  /**
   * @throws io.github.syntheticpatients.runtime.InvalidInputException naming {@code epsilon} when a
   *     stage's share is out of reach, or the parameter out of range
   */
  public static Result search(
      RdpAccountant accountant, List<Stage> stages, double delta, double targetEpsilon) {
    DpChecks.epsilon(targetEpsilon);
    double[] base = new double[stages.size()];
    for (int s = 0; s < base.length; s++) {
      Stage stage = stages.get(s);
      base[s] =
          NoiseSearch.noiseMultiplier(
                  accountant,
                  stage.samplingRate(),
                  stage.steps(),
                  delta,
                  stage.share() * targetEpsilon)
              .noiseMultiplier();
    }
    double low = 0;
    double high = 1;
    PrivacySpent atHigh = composed(accountant, stages, base, high, delta);
    while (atHigh.epsilon() > targetEpsilon) {
      high *= 2; // only when the shares add up to more than the whole
      atHigh = composed(accountant, stages, base, high, delta);
    }
    while (targetEpsilon - atHigh.epsilon() > NoiseSearch.TOLERANCE && high - low > 1e-6) {
      double middle = (low + high) / 2;
      PrivacySpent atMiddle = composed(accountant, stages, base, middle, delta);
      if (atMiddle.epsilon() <= targetEpsilon) {
        high = middle;
        atHigh = atMiddle;
      } else {
        low = middle;
      }
    }
    double[] sigmas = new double[base.length];
    for (int s = 0; s < base.length; s++) {
      sigmas[s] = high * base[s];
    }
    return new Result(sigmas, high, atHigh);
  }

  private static PrivacySpent composed(
      RdpAccountant accountant, List<Stage> stages, double[] base, double kappa, double delta) {
    PrivacyLedger ledger = new PrivacyLedger(accountant);
    for (int s = 0; s < base.length; s++) {
      ledger.record(stages.get(s).samplingRate(), kappa * base[s], stages.get(s).steps());
    }
    return ledger.spent(delta);
  }
}
