package io.github.syntheticpatients.runtime.encode;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/** Linear scaling of the observed range [min, max] onto [-1, 1]; a constant column encodes as 0. */
public final class MinMaxScaler implements NumericScaler {
  static final String TYPE = "minmax";

  private final double min;
  private final double max;

  /** Internal: public for runtime/train's fitting. */
  public MinMaxScaler(double min, double max) {
    if (!(min <= max)) {
      throw new IllegalArgumentException("min " + min + " exceeds max " + max);
    }
    this.min = min;
    this.max = max;
  }

  static MinMaxScaler fromState(Map<String, Object> state, StateMaps read) {
    return new MinMaxScaler(read.number(state, "min"), read.number(state, "max"));
  }

  double scale(double value) {
    return max > min ? Math.max(-1.0, Math.min(1.0, 2.0 * (value - min) / (max - min) - 1.0)) : 0.0;
  }

  double unscale(double scaled) {
    double s = Math.max(-1.0, Math.min(1.0, scaled));
    return min + (s + 1.0) * 0.5 * (max - min);
  }

  @Override
  public int modeCount() {
    return 0;
  }

  @Override
  public void encode(
      double value, float[] out, int offset, SplittableRandom random, double[] scratch) {
    out[offset] = (float) scale(value);
  }

  @Override
  public void encodeMissing(float[] out, int offset) {
    out[offset] = 0f;
  }

  @Override
  public double decode(float[] in, int offset) {
    return unscale(in[offset]);
  }

  @Override
  public Map<String, Object> state() {
    Map<String, Object> state = new LinkedHashMap<>();
    state.put("type", TYPE);
    putRange(state);
    return state;
  }

  void putRange(Map<String, Object> state) {
    state.put("min", StateMaps.finite(min));
    state.put("max", StateMaps.finite(max));
  }
}
