package io.github.syntheticpatients.zoo;

import io.github.syntheticpatients.runtime.model.WeightsFile.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Rounds a network's float32 weights to {@link #MANTISSA_BITS} mantissa bits (float16's precision,
 * with float32's range), so that the zoo's jar, which deflates them, is smaller: the low mantissa
 * bits of trained weights are noise to deflate, zeros compress. The file still holds float32; a
 * weight moves by at most 2^-11 of itself, and the card's held-back scores and gate verdict are
 * measured on the rounded model.
 */
final class ZooWeights {
  /** Mantissa bits kept of float32's 23. */
  static final int MANTISSA_BITS = 10;

  private ZooWeights() {}

  /** Every tensor with its values rounded, names, order and shapes kept. */
  static Map<String, Tensor> rounded(Map<String, Tensor> tensors) {
    Map<String, Tensor> rounded = new LinkedHashMap<>();
    tensors.forEach(
        (name, tensor) -> {
          float[] values = tensor.values().clone();
          for (int i = 0; i < values.length; i++) {
            values[i] = round(values[i]);
          }
          rounded.put(name, new Tensor(tensor.shape(), values));
        });
    return rounded;
  }

  /**
   * The nearest float with {@link #MANTISSA_BITS} mantissa bits, ties to even; integer arithmetic
   * on the bits, so the same on every CPU. NaN and infinities stay as they are.
   */
  static float round(float value) {
    if (!Float.isFinite(value)) {
      return value;
    }
    int drop = 23 - MANTISSA_BITS;
    int bits = Float.floatToRawIntBits(value);
    int keptLowest = (bits >>> drop) & 1;
    // adding just under half an ulp, plus the kept lowest bit, rounds ties to even; a carry out of
    // the mantissa correctly moves to the next exponent
    int rounded = (bits + (1 << (drop - 1)) - 1 + keptLowest) & -(1 << drop);
    float result = Float.intBitsToFloat(rounded);
    // past the largest float the carry gives infinity: the largest float with these bits instead
    return Float.isFinite(result) ? result : Float.intBitsToFloat(bits & -(1 << drop));
  }
}
