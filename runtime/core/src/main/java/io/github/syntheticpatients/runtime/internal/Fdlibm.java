package io.github.syntheticpatients.runtime.internal;

/**
 * The logarithm and exponential exactly as {@link StrictMath} gives them: fdlibm 5.3's {@code
 * __ieee754_log} and {@code __ieee754_exp} (Sun Microsystems, 1993) written out in Java, their
 * operations in the same order, so every result has the same bits as {@link StrictMath#log} and
 * {@link StrictMath#exp}, which the JDK specifies as fdlibm's results. On JDK 17 both are native
 * calls (about 12 ns and 8 ns on the project's VM); sampling takes one logarithm per pair of
 * Gaussian draws and one exponential per category of each softmax draw, and these are inlined by
 * the JIT. Every such call in the runtime's sampling and scoring goes through this class. {@code
 * FdlibmTest} checks both against {@link StrictMath} on special values and millions of random ones.
 *
 * <p>fdlibm's notice: Copyright (C) 1993 by Sun Microsystems, Inc. All rights reserved. Developed
 * at SunSoft, a Sun Microsystems, Inc. business. Permission to use, copy, modify, and distribute
 * this software is freely granted, provided that this notice is preserved.
 */
public final class Fdlibm {
  private static final double LN2_HI = Double.longBitsToDouble(0x3fe62e42fee00000L);
  private static final double LN2_LO = Double.longBitsToDouble(0x3dea39ef35793c76L);
  private static final double TWO54 = Double.longBitsToDouble(0x4350000000000000L);
  private static final double LG1 = Double.longBitsToDouble(0x3fe5555555555593L);
  private static final double LG2 = Double.longBitsToDouble(0x3fd999999997fa04L);
  private static final double LG3 = Double.longBitsToDouble(0x3fd2492494229359L);
  private static final double LG4 = Double.longBitsToDouble(0x3fcc71c51d8e78afL);
  private static final double LG5 = Double.longBitsToDouble(0x3fc7466496cb03deL);
  private static final double LG6 = Double.longBitsToDouble(0x3fc39a09d078c69fL);
  private static final double LG7 = Double.longBitsToDouble(0x3fc2f112df3e5244L);

  private static final double INV_LN2 = Double.longBitsToDouble(0x3ff71547652b82feL);
  private static final double O_THRESHOLD = Double.longBitsToDouble(0x40862e42fefa39efL);
  private static final double U_THRESHOLD = Double.longBitsToDouble(0xc0874910d52d3051L);
  private static final double TWOM1000 = Double.longBitsToDouble(0x0170000000000000L);
  private static final double HUGE = 1.0e+300;
  private static final double P1 = Double.longBitsToDouble(0x3fc555555555553eL);
  private static final double P2 = Double.longBitsToDouble(0xbf66c16c16bebd93L);
  private static final double P3 = Double.longBitsToDouble(0x3f11566aaf25de2cL);
  private static final double P4 = Double.longBitsToDouble(0xbebbbd41c5d26bf1L);
  private static final double P5 = Double.longBitsToDouble(0x3e66376972bea4d0L);

  private Fdlibm() {}

  /**
   * {@link StrictMath#log}{@code (x)}, bit for bit.
   *
   * <p>Method (fdlibm's): write x = 2^k · (1 + f) with √2/2 &lt; 1 + f &lt; √2; with s = f / (2 +
   * f), log(1 + f) = f − s·(f − R) or f − (f²/2 − s·(f²/2 + R)), R a degree-14 polynomial in s;
   * then log(x) = k·ln2_hi + (log(1 + f) + k·ln2_lo), ln2 split so that k·ln2_hi is exact.
   */
  public static double log(double x) {
    long bits = Double.doubleToRawLongBits(x);
    int hx = (int) (bits >> 32);
    int lx = (int) bits;
    int k = 0;
    if (hx < 0x00100000) { // x < 2^-1022: zero, negative or subnormal
      if (((hx & 0x7fffffff) | lx) == 0) {
        return Double.NEGATIVE_INFINITY; // log(±0) = −∞
      }
      if (hx < 0) {
        return Double.NaN; // log(negative) = NaN
      }
      k -= 54;
      x *= TWO54; // subnormal: scale up
      bits = Double.doubleToRawLongBits(x);
      hx = (int) (bits >> 32);
    }
    if (hx >= 0x7ff00000) {
      return x + x; // +∞ or NaN
    }
    k += (hx >> 20) - 1023;
    hx &= 0x000fffff;
    int i = (hx + 0x95f64) & 0x100000;
    // Normalise x or x/2 into [√2/2, √2): replace the high word, keep the low word.
    x =
        Double.longBitsToDouble(
            ((long) (hx | (i ^ 0x3ff00000)) << 32) | (Double.doubleToRawLongBits(x) & 0xffffffffL));
    k += i >> 20;
    double f = x - 1.0;
    if ((0x000fffff & (2 + hx)) < 3) { // |f| < 2^-20
      if (f == 0.0) {
        if (k == 0) {
          return 0.0;
        }
        double dk = k;
        return dk * LN2_HI + dk * LN2_LO;
      }
      double r = f * f * (0.5 - 0.33333333333333333 * f);
      if (k == 0) {
        return f - r;
      }
      double dk = k;
      return dk * LN2_HI - ((r - dk * LN2_LO) - f);
    }
    double s = f / (2.0 + f);
    double dk = k;
    double z = s * s;
    i = hx - 0x6147a;
    double w = z * z;
    int j = 0x6b851 - hx;
    double t1 = w * (LG2 + w * (LG4 + w * LG6));
    double t2 = z * (LG1 + w * (LG3 + w * (LG5 + w * LG7)));
    i |= j;
    double r = t2 + t1;
    if (i > 0) {
      double hfsq = 0.5 * f * f;
      if (k == 0) {
        return f - (hfsq - s * (hfsq + r));
      }
      return dk * LN2_HI - ((hfsq - (s * (hfsq + r) + dk * LN2_LO)) - f);
    }
    if (k == 0) {
      return f - s * (f - r);
    }
    return dk * LN2_HI - ((s * (f - r) - dk * LN2_LO) - f);
  }

  /**
   * {@link StrictMath#exp}{@code (x)}, bit for bit.
   *
   * <p>Method (fdlibm's): reduce x = k·ln2 + r with |r| ≤ ln2/2 (r = hi − lo, ln2 split so that
   * k·ln2_hi is exact), approximate exp(r) = 1 + r + r·c/(2 − c) with c = r − r²·P(r²), P of degree
   * 4, and scale by 2^k through the exponent bits.
   */
  public static double exp(double x) {
    long bits = Double.doubleToRawLongBits(x);
    int hx = (int) (bits >> 32);
    int xsb = (hx >>> 31) & 1; // sign bit of x
    hx &= 0x7fffffff; // high word of |x|
    if (hx >= 0x40862e42) { // |x| >= 709.78...
      if (hx >= 0x7ff00000) {
        if (((hx & 0xfffff) | (int) bits) != 0) {
          return x + x; // NaN
        }
        return xsb == 0 ? x : 0.0; // exp(+∞) = +∞, exp(−∞) = 0
      }
      if (x > O_THRESHOLD) {
        return HUGE * HUGE; // overflow
      }
      if (x < U_THRESHOLD) {
        return TWOM1000 * TWOM1000; // underflow
      }
    }
    double hi = 0;
    double lo = 0;
    int k;
    if (hx > 0x3fd62e42) { // |x| > ln2/2
      if (hx < 0x3ff0a2b2) { // and |x| < 1.5·ln2
        hi = x - (xsb == 0 ? LN2_HI : -LN2_HI);
        lo = xsb == 0 ? LN2_LO : -LN2_LO;
        k = 1 - xsb - xsb;
      } else {
        k = (int) (INV_LN2 * x + (xsb == 0 ? 0.5 : -0.5));
        double t = k;
        hi = x - t * LN2_HI; // t·ln2_hi is exact here
        lo = t * LN2_LO;
      }
      x = hi - lo;
    } else if (hx < 0x3e300000) { // |x| < 2^-28
      return 1.0 + x;
    } else {
      k = 0;
    }
    double t = x * x;
    double c = x - t * (P1 + t * (P2 + t * (P3 + t * (P4 + t * P5))));
    if (k == 0) {
      return 1.0 - ((x * c) / (c - 2.0) - x);
    }
    double y = 1.0 - ((lo - (x * c) / (2.0 - c)) - hi);
    long yBits = Double.doubleToRawLongBits(y);
    if (k >= -1021) {
      return Double.longBitsToDouble(yBits + ((long) k << 52)); // add k to y's exponent
    }
    return Double.longBitsToDouble(yBits + ((long) (k + 1000) << 52)) * TWOM1000;
  }
}
