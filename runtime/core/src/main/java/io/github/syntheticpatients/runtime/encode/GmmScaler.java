package io.github.syntheticpatients.runtime.encode;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * CTGAN's mode-specific normalisation: a value picks a mixture component by sampling from its
 * posterior, and is stored as that component (one-hot) plus {@code alpha = (x - mean) / (4 std)}
 * clipped to [-0.99, 0.99].
 */
public final class GmmScaler implements NumericScaler {
  static final String TYPE = "gmm";
  private static final double ALPHA_LIMIT = 0.99;

  private final GaussianMixture1d mixture;
  private final double[] means;
  private final double[] logPrior;
  private final double[] inverseStd;
  private final int missingMode;

  /** Internal: public for runtime/train's fitting. */
  public GmmScaler(GaussianMixture1d mixture) {
    this.mixture = mixture;
    int k = mixture.size();
    means = mixture.means();
    logPrior = new double[k];
    inverseStd = new double[k];
    for (int c = 0; c < k; c++) {
      logPrior[c] = Math.log(mixture.weight(c)) - Math.log(mixture.std(c));
      inverseStd[c] = 1.0 / mixture.std(c);
    }
    missingMode = mixture.heaviest();
  }

  static GmmScaler fromState(Map<String, Object> state, StateMaps read) {
    return new GmmScaler(
        new GaussianMixture1d(
            read.doubles(state, "means"),
            read.doubles(state, "stds"),
            read.doubles(state, "weights")));
  }

  @Override
  public int modeCount() {
    return mixture.size();
  }

  @Override
  public void encode(
      double value, float[] out, int offset, SplittableRandom random, double[] scratch) {
    int k = logPrior.length;
    int mode = 0;
    if (k > 1) {
      // Sample the mode from the posterior: log-densities, then unnormalised probabilities, in
      // scratch.
      double max = Double.NEGATIVE_INFINITY;
      for (int c = 0; c < k; c++) {
        double z = (value - means[c]) * inverseStd[c];
        double lp = logPrior[c] - 0.5 * z * z;
        scratch[c] = lp;
        if (lp > max) {
          max = lp;
        }
      }
      double total = 0;
      for (int c = 0; c < k; c++) {
        double p = Math.exp(scratch[c] - max);
        scratch[c] = p;
        total += p;
      }
      double u = random.nextDouble() * total;
      mode = k - 1;
      double cumulative = 0;
      for (int c = 0; c < k; c++) {
        cumulative += scratch[c];
        if (u < cumulative) {
          mode = c;
          break;
        }
      }
    }
    double alpha = (value - means[mode]) * inverseStd[mode] / 4.0;
    out[offset] = (float) Math.max(-ALPHA_LIMIT, Math.min(ALPHA_LIMIT, alpha));
    for (int c = 0; c < k; c++) {
      out[offset + 1 + c] = c == mode ? 1f : 0f;
    }
  }

  /** A missing value encodes as alpha 0 in the heaviest (most frequent) mode. */
  @Override
  public void encodeMissing(float[] out, int offset) {
    out[offset] = 0f;
    for (int c = 0; c < logPrior.length; c++) {
      out[offset + 1 + c] = c == missingMode ? 1f : 0f;
    }
  }

  @Override
  public double decode(float[] in, int offset) {
    int k = logPrior.length;
    int mode = 0;
    for (int c = 1; c < k; c++) {
      if (in[offset + 1 + c] > in[offset + 1 + mode]) {
        mode = c;
      }
    }
    double alpha = Math.max(-1.0, Math.min(1.0, in[offset]));
    return mixture.mean(mode) + 4.0 * mixture.std(mode) * alpha;
  }

  @Override
  public Map<String, Object> state() {
    Map<String, Object> state = new LinkedHashMap<>();
    state.put("type", TYPE);
    state.put("means", StateMaps.list(mixture.means()));
    state.put("stds", StateMaps.list(mixture.stds()));
    state.put("weights", StateMaps.list(mixture.weights()));
    return state;
  }
}
