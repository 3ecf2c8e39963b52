package io.github.syntheticpatients.runtime.encode;

import io.github.syntheticpatients.runtime.internal.StandardNormal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * CopulaGAN's input space: a value is mapped through the column's empirical distribution function
 * to a standard normal score z, stored as {@code z / 4}. Skewed, heavy-tailed and multi-modal
 * columns all become one bell shape the generator's tanh output reaches easily, and decoding maps
 * back through the same quantile function, so every column keeps its marginal shape. A value shared
 * by several knots (whole years, a lab's grid, a point mass at zero) encodes to a uniformly drawn
 * score inside its flat stretch and decodes back to that value.
 *
 * <p>Only the quantile knots are stored, fitted on protected values ({@code
 * runtime.fit.encode.ScalerFitter#normalScore}), never the rows.
 */
public final class NormalScoreScaler implements NumericScaler {
  static final String TYPE = "normal";

  /** Scores are divided by this so |z| ≤ 2.9 fits tanh's range with room to spare. */
  private static final double SCALE = 4.0;

  private final double[] knots;

  /**
   * Internal: public for runtime/train's fitting.
   *
   * @param knots the quantile function at probabilities 0, 1/(m−1), …, 1; at least 2, not
   *     decreasing
   */
  public NormalScoreScaler(double[] knots) {
    if (knots.length < 2) {
      throw new IllegalArgumentException("a normal-score scaler needs at least 2 knots");
    }
    for (int i = 0; i < knots.length; i++) {
      if (!Double.isFinite(knots[i]) || i > 0 && knots[i] < knots[i - 1]) {
        throw new IllegalArgumentException("quantile knots must be finite and not decrease");
      }
    }
    this.knots = knots.clone();
  }

  static NormalScoreScaler fromState(Map<String, Object> state, StateMaps read) {
    return new NormalScoreScaler(read.doubles(state, "knots"));
  }

  @Override
  public int modeCount() {
    return 0;
  }

  @Override
  public void encode(
      double value, float[] out, int offset, SplittableRandom random, double[] scratch) {
    // Knot i stands for probability (i + ½) / knots, as mid-ranks do: the extreme knots map to
    // finite scores (|z| ≤ 2.9 for 200 knots) and decoding inverts this exactly.
    double p = (position(value, random) + 0.5) / knots.length;
    out[offset] = (float) (StandardNormal.inverse(p) / SCALE);
  }

  /**
   * The value's position on the knots (0 .. knots − 1), linear between knots, drawn uniformly over
   * a flat stretch.
   */
  private double position(double value, SplittableRandom random) {
    int last = knots.length - 1;
    // first knot >= value, and first knot > value
    int lo = lowerBound(value, false);
    int hi = lowerBound(value, true);
    double position;
    if (hi > lo) {
      // value equals knots lo .. hi-1: anywhere in that stretch decodes back to it.
      position = lo + random.nextDouble() * (hi - 1 - lo);
    } else if (lo == 0) {
      position = 0;
    } else if (lo > last) {
      position = last;
    } else {
      double below = knots[lo - 1];
      position = lo - 1 + (value - below) / (knots[lo] - below);
    }
    return position;
  }

  /** The first index whose knot is ≥ value (or > value when {@code strictly}). */
  private int lowerBound(double value, boolean strictly) {
    int lo = 0;
    int hi = knots.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (strictly ? knots[mid] <= value : knots[mid] < value) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  @Override
  public void encodeMissing(float[] out, int offset) {
    out[offset] = 0f;
  }

  @Override
  public double decode(float[] in, int offset) {
    double p = StandardNormal.cdf(in[offset] * SCALE);
    double position = Math.max(0, Math.min(knots.length - 1, p * knots.length - 0.5));
    int lower = Math.min((int) position, knots.length - 2);
    double fraction = position - lower;
    return knots[lower] + fraction * (knots[lower + 1] - knots[lower]);
  }

  @Override
  public Map<String, Object> state() {
    Map<String, Object> state = new LinkedHashMap<>();
    state.put("type", TYPE);
    List<Object> list = new ArrayList<>(knots.length);
    for (double k : knots) {
      list.add(k);
    }
    state.put("knots", list);
    return state;
  }
}
