package io.github.syntheticpatients.runtime.dp;

import java.util.ArrayList;
import java.util.List;

/**
 * The privacy spent so far by a training run: each noisy step (or a block of equal steps) is
 * recorded with its sampling rate and noise multiplier, its Rényi-DP is added at every order, and ε
 * is reported for a δ at any time. Steps of several stages, critics and loaders over the same
 * patients go into one ledger. {@link #spentAfter} answers "would these steps exceed the budget?"
 * before they are taken. Not thread-safe: one training loop owns it.
 */
public final class PrivacyLedger {
  /** Steps recorded with one sampling rate and noise multiplier. */
  public record Entry(double samplingRate, double noiseMultiplier, long steps) {}

  private final RdpAccountant accountant;
  private final double[] rdp;
  private final List<Entry> entries = new ArrayList<>();
  // Per-step RDP of the last (q, σ): a training loop repeats it for every step.
  private double cachedRate = Double.NaN;
  private double cachedNoise = Double.NaN;
  private double[] cachedPerStep;

  /** An empty ledger kept with {@code accountant}. */
  public PrivacyLedger(RdpAccountant accountant) {
    this.accountant = accountant;
    this.rdp = new double[accountant.orders().length];
  }

  /** Records one step, empty batches included (Poisson sampling may draw none). */
  public void record(double samplingRate, double noiseMultiplier) {
    record(samplingRate, noiseMultiplier, 1);
  }

  /**
   * Records {@code steps} steps at sampling rate q and noise multiplier σ.
   *
   * @throws io.github.syntheticpatients.runtime.InvalidInputException naming the parameter out of
   *     range
   */
  public void record(double samplingRate, double noiseMultiplier, long steps) {
    double[] added = rdpOf(samplingRate, noiseMultiplier, steps);
    for (int k = 0; k < rdp.length; k++) {
      rdp[k] += added[k];
    }
    int last = entries.size() - 1;
    if (last >= 0
        && entries.get(last).samplingRate() == samplingRate
        && entries.get(last).noiseMultiplier() == noiseMultiplier) {
      entries.set(
          last, new Entry(samplingRate, noiseMultiplier, entries.get(last).steps() + steps));
    } else if (steps > 0) {
      entries.add(new Entry(samplingRate, noiseMultiplier, steps));
    }
  }

  /** The (ε, δ) guarantee of everything recorded. */
  public PrivacySpent spent(double delta) {
    return accountant.epsilon(rdp.clone(), delta);
  }

  /**
   * The guarantee if {@code steps} more steps at (q, σ) were taken; the ledger is unchanged. A loop
   * stops before a step whose ε here would exceed the target.
   */
  public PrivacySpent spentAfter(
      double samplingRate, double noiseMultiplier, long steps, double delta) {
    double[] added = rdpOf(samplingRate, noiseMultiplier, steps);
    double[] total = rdp.clone();
    for (int k = 0; k < total.length; k++) {
      total[k] += added[k];
    }
    return accountant.epsilon(total, delta);
  }

  /** The accumulated ε_RDP at each of the accountant's orders. */
  public double[] rdp() {
    return rdp.clone();
  }

  /** What was recorded, consecutive equal (q, σ) merged. */
  public List<Entry> entries() {
    return List.copyOf(entries);
  }

  /** The accountant this ledger is kept with. */
  public RdpAccountant accountant() {
    return accountant;
  }

  private double[] rdpOf(double samplingRate, double noiseMultiplier, long steps) {
    DpChecks.steps(steps);
    if (samplingRate != cachedRate || noiseMultiplier != cachedNoise) {
      cachedPerStep = accountant.rdp(samplingRate, noiseMultiplier, 1);
      cachedRate = samplingRate;
      cachedNoise = noiseMultiplier;
    }
    double[] scaled = new double[cachedPerStep.length];
    for (int k = 0; k < scaled.length; k++) {
      scaled[k] = steps == 0 ? 0 : steps * cachedPerStep[k];
    }
    return scaled;
  }
}
