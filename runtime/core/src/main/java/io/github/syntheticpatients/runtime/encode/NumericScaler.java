package io.github.syntheticpatients.runtime.encode;

import java.util.Map;
import java.util.SplittableRandom;

/**
 * Scales present values of one continuous column into a VALUE scalar and, for GMM, a MODE one-hot.
 */
public interface NumericScaler {

  /** Width of the MODE block, or 0 when the scaler has none. */
  int modeCount();

  /**
   * Writes the VALUE at {@code out[offset]} and, when {@link #modeCount()} is positive, the one-hot
   * MODE at {@code out[offset + 1 ...]}.
   *
   * @param scratch working space of at least {@link #modeCount()} doubles, reused across calls
   */
  void encode(double value, float[] out, int offset, SplittableRandom random, double[] scratch);

  /** What a missing value encodes to (its VALUE and MODE); the MISSING block says it is missing. */
  void encodeMissing(float[] out, int offset);

  /**
   * The value of the VALUE (and MODE) positions at {@code in[offset ...]}, before clipping and
   * rounding.
   */
  double decode(float[] in, int offset);

  /** JDK-typed state, including a {@code "type"} entry. */
  Map<String, Object> state();
}
