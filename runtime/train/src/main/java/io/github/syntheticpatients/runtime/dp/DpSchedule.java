package io.github.syntheticpatients.runtime.dp;

/**
 * A planned DP-SGD run: what every step samples and adds, how many steps are planned, and the
 * budget the run must stay within.
 *
 * @param samplingRate q, the chance that a record joins a step's batch
 * @param steps the planned number of steps
 * @param noiseMultiplier σ
 * @param maxGradNorm C
 * @param delta δ
 * @param targetEpsilon the ε no step may take the ledger past, or NaN for none
 */
public record DpSchedule(
    double samplingRate,
    long steps,
    double noiseMultiplier,
    double maxGradNorm,
    double delta,
    double targetEpsilon) {
  public DpSchedule {
    DpChecks.samplingRate(samplingRate);
    DpChecks.steps(steps);
    DpChecks.noiseMultiplier(noiseMultiplier);
    DpChecks.delta(delta);
  }

  /** Whether one more step keeps {@code ledger}'s ε within the target (always, without one). */
  public boolean affordsStep(PrivacyLedger ledger) {
    return Double.isNaN(targetEpsilon)
        || ledger.spentAfter(samplingRate, noiseMultiplier, 1, delta).epsilon() <= targetEpsilon;
  }
}
