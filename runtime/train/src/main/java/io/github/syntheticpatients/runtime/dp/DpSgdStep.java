package io.github.syntheticpatients.runtime.dp;

import io.github.syntheticpatients.runtime.random.RandomStream;

/**
 * The privacy-relevant arithmetic of one DP-SGD step on gradients held as plain float arrays (one
 * array per parameter tensor): each record's gradient is clipped to norm C, taken jointly over all
 * parameters; the clipped gradients are summed; Gaussian noise of standard deviation σ·C is added
 * to every coordinate of the sum; and the result is divided by the expected batch size q·n, never
 * the realised one (privacy notes §1). An empty batch releases noise only. Noise comes from a
 * seeded {@link RandomStream}, so a run is reproducible on any machine; sums are kept in double so
 * their rounding does not depend on the order a vector unit would add them in.
 */
public final class DpSgdStep {
  /** Added to a gradient's norm before dividing, as Opacus does, so a zero gradient is no NaN. */
  private static final double NORM_GUARD = 1e-6;

  private final int[] sizes;
  private final double clipNorm;
  private final double noiseMultiplier;
  private final double expectedBatchSize;
  private final RandomStream noise;
  private final double[][] sum;
  private int records;
  private int clipped;

  /**
   * @param sizes the number of values of each parameter tensor
   * @param clipNorm C, the largest norm one record's gradient may have
   * @param noiseMultiplier σ: the noise's standard deviation is σ·C
   * @param expectedBatchSize q·n
   * @param noise the seeded stream the noise is drawn from
   */
  public DpSgdStep(
      int[] sizes,
      double clipNorm,
      double noiseMultiplier,
      double expectedBatchSize,
      RandomStream noise) {
    DpChecks.noiseMultiplier(noiseMultiplier);
    if (!(clipNorm > 0 && clipNorm < Double.POSITIVE_INFINITY)) {
      throw new IllegalArgumentException("clip norm must be positive and finite: " + clipNorm);
    }
    if (!(expectedBatchSize > 0)) {
      throw new IllegalArgumentException("expected batch size must be positive");
    }
    this.sizes = sizes.clone();
    this.clipNorm = clipNorm;
    this.noiseMultiplier = noiseMultiplier;
    this.expectedBatchSize = expectedBatchSize;
    this.noise = noise;
    this.sum = new double[sizes.length][];
    for (int p = 0; p < sizes.length; p++) {
      sum[p] = new double[sizes[p]];
    }
  }

  /**
   * Adds one record's gradient, clipped to norm C.
   *
   * @param gradient one array per parameter, of the sizes given at construction
   * @return the gradient's norm before clipping
   */
  public double add(float[][] gradient) {
    double squares = 0;
    for (int p = 0; p < sizes.length; p++) {
      if (gradient[p].length != sizes[p]) {
        throw new IllegalArgumentException(
            "parameter " + p + " has " + gradient[p].length + " values, expected " + sizes[p]);
      }
      for (float g : gradient[p]) {
        squares += (double) g * g;
      }
    }
    double norm = Math.sqrt(squares);
    double scale = Math.min(1, clipNorm / (norm + NORM_GUARD));
    if (scale < 1) {
      clipped++;
    }
    for (int p = 0; p < sizes.length; p++) {
      double[] s = sum[p];
      float[] g = gradient[p];
      for (int i = 0; i < g.length; i++) {
        s[i] += scale * g[i];
      }
    }
    records++;
    return norm;
  }

  /**
   * Adds the sum of {@code records} gradients that the caller already clipped to norm C each (e.g.
   * from per-record norms computed in one backward pass, djl.md); {@code clipped} of them were
   * longer than C. The caller owns the clipping; this step still adds the noise and divides.
   *
   * @param clippedSum one array per parameter, of the sizes given at construction
   */
  public void addClippedSum(float[][] clippedSum, int records, int clipped) {
    for (int p = 0; p < sizes.length; p++) {
      if (clippedSum[p].length != sizes[p]) {
        throw new IllegalArgumentException(
            "parameter " + p + " has " + clippedSum[p].length + " values, expected " + sizes[p]);
      }
      double[] s = sum[p];
      float[] g = clippedSum[p];
      for (int i = 0; i < g.length; i++) {
        s[i] += g[i];
      }
    }
    this.records += records;
    this.clipped += clipped;
  }

  /**
   * The noisy mean gradient of the records added since the last release: (Σ clipped + N(0, σ²C²)) /
   * (q·n). Resets the sum for the next step.
   */
  public float[][] release() {
    double deviation = noiseMultiplier * clipNorm;
    float[][] out = new float[sizes.length][];
    for (int p = 0; p < sizes.length; p++) {
      double[] s = sum[p];
      float[] o = new float[s.length];
      for (int i = 0; i < s.length; i++) {
        double noisy = deviation > 0 ? s[i] + deviation * noise.nextGaussian() : s[i];
        o[i] = (float) (noisy / expectedBatchSize);
        s[i] = 0;
      }
      out[p] = o;
    }
    records = 0;
    clipped = 0;
    return out;
  }

  /** Records added since the last release. */
  public int records() {
    return records;
  }

  /** Of those, how many had a gradient longer than C. */
  public int clipped() {
    return clipped;
  }
}
