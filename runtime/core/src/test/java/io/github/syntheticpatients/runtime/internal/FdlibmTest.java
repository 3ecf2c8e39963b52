package io.github.syntheticpatients.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

class FdlibmTest {
  private static final double[] SPECIAL = {
    0.0,
    -0.0,
    1.0,
    -1.0,
    2.0,
    0.5,
    Math.E,
    Math.sqrt(2),
    Math.sqrt(0.5),
    Double.NEGATIVE_INFINITY,
    Double.POSITIVE_INFINITY,
    Double.NaN,
    Double.MIN_VALUE,
    Double.MIN_NORMAL,
    Math.nextDown(Double.MIN_NORMAL),
    Double.MAX_VALUE,
    -Double.MAX_VALUE,
    Math.nextUp(1.0),
    Math.nextDown(1.0),
    1 + 0x1p-20,
    1 - 0x1p-20,
    1 + 0x1p-21,
    0x1p-28,
    -0x1p-28,
    0x1p-29,
    0x1p-53,
    0x1p-1074,
    0.5 * Math.log(2),
    -0.5 * Math.log(2),
    1.5 * Math.log(2),
    -1.5 * Math.log(2),
    709.782712893384,
    709.79,
    -745.1332191019411,
    -745.14,
    -708.5,
    -720.0,
    -40.0
  };

  private static void assertSameBits(
      String name, DoubleUnaryOperator ours, DoubleUnaryOperator jdk, double x) {
    assertThat(Double.doubleToLongBits(ours.applyAsDouble(x)))
        .as("%s(%s) (bits %016x)", name, x, Double.doubleToRawLongBits(x))
        .isEqualTo(Double.doubleToLongBits(jdk.applyAsDouble(x)));
  }

  @Test
  void logOfSpecialValuesIsStrictMaths() {
    for (double x : SPECIAL) {
      assertSameBits("log", Fdlibm::log, StrictMath::log, x);
    }
  }

  @Test
  void expOfSpecialValuesIsStrictMaths() {
    for (double x : SPECIAL) {
      assertSameBits("exp", Fdlibm::exp, StrictMath::exp, x);
    }
  }

  @Test
  void logOfRandomValuesIsStrictMaths() {
    SplittableRandom random = new SplittableRandom(20261207);
    for (int n = 0; n < 250_000; n++) {
      // The polar method's s in (0, 1), any double's bits, values near 1 (the |f| < 2^-20
      // branch) and subnormals.
      assertSameBits("log", Fdlibm::log, StrictMath::log, random.nextDouble());
      assertSameBits(
          "log", Fdlibm::log, StrictMath::log, Double.longBitsToDouble(random.nextLong()));
      assertSameBits(
          "log", Fdlibm::log, StrictMath::log, 1 + (random.nextDouble() - 0.5) * 0x1p-18);
      assertSameBits(
          "log",
          Fdlibm::log,
          StrictMath::log,
          Double.longBitsToDouble(random.nextLong() & 0x000fffffffffffffL));
    }
  }

  @Test
  void expOfRandomValuesIsStrictMaths() {
    SplittableRandom random = new SplittableRandom(20261208);
    for (int n = 0; n < 250_000; n++) {
      // A softmax's logits minus their maximum (float differences in [-60, 0]), the whole finite
      // range including under- and overflow, tiny arguments, and any double's bits.
      assertSameBits(
          "exp", Fdlibm::exp, StrictMath::exp, (double) (float) (-60 * random.nextDouble()));
      assertSameBits("exp", Fdlibm::exp, StrictMath::exp, (random.nextDouble() - 0.5) * 1500);
      assertSameBits("exp", Fdlibm::exp, StrictMath::exp, (random.nextDouble() - 0.5) * 0x1p-26);
      assertSameBits(
          "exp", Fdlibm::exp, StrictMath::exp, Double.longBitsToDouble(random.nextLong()));
    }
  }
}
