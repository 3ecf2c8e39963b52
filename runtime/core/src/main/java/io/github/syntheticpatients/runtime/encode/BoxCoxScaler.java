package io.github.syntheticpatients.runtime.encode;

import io.github.syntheticpatients.runtime.internal.Fdlibm;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Health Gym's numeric encoding: shift the data to be positive, apply a Box-Cox transform whose
 * lambda maximises the likelihood, then scale the transformed observed range onto [-1, 1]. {@code
 * runtime.fit.encode.ScalerFitter} fits it.
 */
public final class BoxCoxScaler implements NumericScaler {
  static final String TYPE = "boxcox";

  private final double shift;
  private final double lambda;
  private final MinMaxScaler range;

  /** Internal: public for runtime/train's fitting. */
  public BoxCoxScaler(double shift, double lambda, MinMaxScaler range) {
    this.shift = shift;
    this.lambda = lambda;
    this.range = range;
  }

  static BoxCoxScaler fromState(Map<String, Object> state, StateMaps read) {
    return new BoxCoxScaler(
        read.number(state, "shift"),
        read.number(state, "lambda"),
        new MinMaxScaler(read.number(state, "min"), read.number(state, "max")));
  }

  /** The Box-Cox transform of a positive value; fitting uses it too. */
  public static double transform(double positive, double lambda) {
    return Math.abs(lambda) < 1e-12
        ? Math.log(positive)
        : (Math.pow(positive, lambda) - 1.0) / lambda;
  }

  /** Decoding runs when sampling: StrictMath gives the same value on every machine. */
  static double inverse(double transformed, double lambda) {
    if (Math.abs(lambda) < 1e-12) {
      return Fdlibm.exp(transformed);
    }
    return StrictMath.pow(Math.max(lambda * transformed + 1.0, 0.0), 1.0 / lambda);
  }

  /** The fitted λ. */
  public double lambda() {
    return lambda;
  }

  @Override
  public int modeCount() {
    return 0;
  }

  @Override
  public void encode(
      double value, float[] out, int offset, SplittableRandom random, double[] scratch) {
    // Values below the fitted minimum (new data) stay defined and scale to -1.
    out[offset] =
        (float) range.scale(transform(Math.max(value + shift, Double.MIN_NORMAL), lambda));
  }

  @Override
  public void encodeMissing(float[] out, int offset) {
    out[offset] = 0f;
  }

  @Override
  public double decode(float[] in, int offset) {
    return inverse(range.unscale(in[offset]), lambda) - shift;
  }

  @Override
  public Map<String, Object> state() {
    Map<String, Object> state = new LinkedHashMap<>();
    state.put("type", TYPE);
    state.put("shift", StateMaps.finite(shift));
    state.put("lambda", StateMaps.finite(lambda));
    range.putRange(state);
    return state;
  }
}
