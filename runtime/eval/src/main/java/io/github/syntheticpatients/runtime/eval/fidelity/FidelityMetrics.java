package io.github.syntheticpatients.runtime.eval.fidelity;

import io.github.syntheticpatients.runtime.internal.Pearson;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Single-column and column-pair fidelity metrics, defined as SDMetrics defines them so that scores
 * are comparable with {@code sdmetrics.reports.single_table.QualityReport}:
 *
 * <ul>
 *   <li>{@link #ksComplement}: SDMetrics {@code KSComplement}, 1 − the two-sample
 *       Kolmogorov–Smirnov statistic on the non-missing values.
 *   <li>{@link #tvComplement}: SDMetrics {@code TVComplement}, 1 − ½ Σ |p − q| over the non-missing
 *       categories.
 *   <li>{@link #correlationSimilarity}: SDMetrics {@code CorrelationSimilarity} with Pearson, 1 −
 *       |ρ_real − ρ_syn| / 2 on rows where both values are present; NaN when either table has a
 *       constant column.
 *   <li>{@link #contingencySimilarity}: SDMetrics {@code ContingencySimilarity}, 1 − ½ Σ |p − q|
 *       over the joint distribution, with a missing value as its own category.
 *   <li>{@link #missingValueSimilarity}: SDMetrics {@code MissingValueSimilarity}, 1 − |m_real −
 *       m_syn|.
 * </ul>
 *
 * <p>The {@code …WithMissing} variants compare a missing value as its own category (for KS: a value
 * above every number), so a generator that gets the missing rate wrong is penalised in the column
 * score itself.
 *
 * <p>Discrete columns are passed as category indexes (as stored in {@code Table}); NaN is missing.
 * A score that cannot be computed (no values) is NaN, and the Quality Report leaves NaN scores out
 * of its means as pandas does.
 */
public final class FidelityMetrics {
  /**
   * SDMetrics' Quality Report bins continuous columns into this many equal-width bins for
   * contingency tables.
   */
  public static final int QUALITY_REPORT_BINS = 10;

  private FidelityMetrics() {}

  /** 1 − KS statistic of the non-missing values; NaN when either side has none. */
  public static double ksComplement(double[] real, double[] synthetic) {
    double[] r = sortedPresent(real);
    double[] s = sortedPresent(synthetic);
    if (r.length == 0 || s.length == 0) {
      return Double.NaN;
    }
    return 1.0 - ksStatistic(r, s, 1.0, 1.0);
  }

  /**
   * 1 − KS statistic with missing values as a category above every number: the empirical CDFs run
   * over all rows, so the statistic is at least the difference of the missing rates.
   */
  public static double ksComplementWithMissing(double[] real, double[] synthetic) {
    if (real.length == 0 || synthetic.length == 0) {
      return Double.NaN;
    }
    double[] r = sortedPresent(real);
    double[] s = sortedPresent(synthetic);
    double presentR = (double) r.length / real.length;
    double presentS = (double) s.length / synthetic.length;
    double d = r.length == 0 || s.length == 0 ? 0 : ksStatistic(r, s, presentR, presentS);
    // at +infinity, before the missing category: F = share present
    d = Math.max(d, Math.abs(presentR - presentS));
    return 1.0 - d;
  }

  /**
   * 1 − total variation distance of the non-missing category frequencies; NaN when either side has
   * none.
   */
  public static double tvComplement(double[] real, double[] synthetic) {
    Map<Double, double[]> counts = new HashMap<>();
    int nR = countInto(counts, real, 0, false);
    int nS = countInto(counts, synthetic, 1, false);
    if (nR == 0 || nS == 0) {
      return Double.NaN;
    }
    return 1.0 - totalVariation(counts, nR, nS);
  }

  /** 1 − total variation distance with a missing value as its own category. */
  public static double tvComplementWithMissing(double[] real, double[] synthetic) {
    Map<Double, double[]> counts = new HashMap<>();
    int nR = countInto(counts, real, 0, true);
    int nS = countInto(counts, synthetic, 1, true);
    if (nR == 0 || nS == 0) {
      return Double.NaN;
    }
    return 1.0 - totalVariation(counts, nR, nS);
  }

  /** 1 − |missing rate real − missing rate synthetic| (SDMetrics MissingValueSimilarity). */
  public static double missingValueSimilarity(double[] real, double[] synthetic) {
    if (real.length == 0 || synthetic.length == 0) {
      return Double.NaN;
    }
    return 1.0 - Math.abs(missingRate(real) - missingRate(synthetic));
  }

  /** Share of NaN cells. */
  public static double missingRate(double[] values) {
    int missing = 0;
    for (double v : values) {
      if (Double.isNaN(v)) {
        missing++;
      }
    }
    return values.length == 0 ? 0 : (double) missing / values.length;
  }

  /**
   * 1 − |ρ_real − ρ_syn| / 2 with Pearson's ρ over rows where both columns are present. NaN when a
   * column is constant (SDMetrics raises, and the report records NaN) or fewer than two complete
   * rows remain.
   */
  public static double correlationSimilarity(
      double[] realA, double[] realB, double[] synA, double[] synB) {
    double rho = pearson(realA, realB);
    double rhoS = pearson(synA, synB);
    if (Double.isNaN(rho) || Double.isNaN(rhoS)) {
      return Double.NaN;
    }
    return 1.0 - Math.abs(rho - rhoS) / 2.0;
  }

  /**
   * Pearson correlation over the rows where both values are present; NaN when either column is
   * constant among its own present values, or the complete rows have no variance.
   */
  public static double pearson(double[] a, double[] b) {
    // A column constant among its own values can still show a tiny variance over the complete rows
    // through
    // rounding of its mean, hence the distinct-value check before the shared computation.
    if (distinctPresent(a) < 2 || distinctPresent(b) < 2) {
      return Double.NaN;
    }
    return Pearson.of(a, b, 2);
  }

  /**
   * 1 − ½ Σ |p − q| over the joint frequencies of two discrete columns (codes; NaN is its own
   * category). Continuous columns must be binned first, e.g. with {@link #qualityReportBins}.
   */
  public static double contingencySimilarity(
      double[] realA, double[] realB, double[] synA, double[] synB) {
    if (realA.length == 0 || synA.length == 0) {
      return Double.NaN;
    }
    Map<Long, double[]> counts = new HashMap<>();
    for (int i = 0; i < realA.length; i++) {
      counts.computeIfAbsent(pairKey(realA[i], realB[i]), k -> new double[2])[0]++;
    }
    for (int i = 0; i < synA.length; i++) {
      counts.computeIfAbsent(pairKey(synA[i], synB[i]), k -> new double[2])[1]++;
    }
    double tv = 0;
    for (double[] c : counts.values()) {
      tv += Math.abs(c[0] / realA.length - c[1] / synA.length);
    }
    return 1.0 - tv / 2.0;
  }

  /**
   * Bins a continuous column as SDMetrics' Quality Report does for a continuous×discrete pair: ten
   * equal-width bins over the column's own non-missing range ({@code numpy.histogram_bin_edges}),
   * then {@code numpy.digitize}, which codes a value by the number of edges at or below it (0…11),
   * so the maximum and NaN both get code 11. Note the Quality Report bins the real and the
   * synthetic column each with its own edges; we do the same for comparable numbers.
   */
  public static double[] qualityReportBins(double[] values) {
    double[] edges = histogramBinEdges(values, QUALITY_REPORT_BINS);
    double[] codes = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      double v = values[i];
      if (Double.isNaN(v)) {
        codes[i] = edges.length;
        continue;
      }
      int k = 0;
      while (k < edges.length && edges[k] <= v) {
        k++;
      }
      codes[i] = k;
    }
    return codes;
  }

  /**
   * {@code numpy.histogram_bin_edges(values[~isnan], bins)}: equal-width edges; ±0.5 around a
   * constant.
   */
  static double[] histogramBinEdges(double[] values, int bins) {
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (double v : values) {
      if (!Double.isNaN(v)) {
        min = Math.min(min, v);
        max = Math.max(max, v);
      }
    }
    if (min > max) {
      min = 0;
      max = 1;
    } else if (min == max) {
      min -= 0.5;
      max += 0.5;
    }
    double[] edges = new double[bins + 1];
    double step = (max - min) / bins;
    for (int i = 0; i < bins; i++) {
      edges[i] = min + i * step;
    }
    edges[bins] = max;
    return edges;
  }

  private static double ksStatistic(double[] r, double[] s, double scaleR, double scaleS) {
    int i = 0;
    int j = 0;
    double d = 0;
    while (i < r.length && j < s.length) {
      double x = Math.min(r[i], s[j]);
      while (i < r.length && r[i] <= x) {
        i++;
      }
      while (j < s.length && s[j] <= x) {
        j++;
      }
      d = Math.max(d, Math.abs(scaleR * i / r.length - scaleS * j / s.length));
    }
    // the remaining side's CDF climbs to its end while the other is already complete
    d = Math.max(d, Math.abs(scaleR * i / r.length - scaleS * j / s.length));
    return d;
  }

  private static double[] sortedPresent(double[] values) {
    double[] present = Arrays.stream(values).filter(v -> !Double.isNaN(v)).toArray();
    Arrays.sort(present);
    return present;
  }

  private static int distinctPresent(double[] values) {
    double first = Double.NaN;
    for (double v : values) {
      if (Double.isNaN(v)) {
        continue;
      }
      if (Double.isNaN(first)) {
        first = v;
      } else if (v != first) {
        return 2;
      }
    }
    return Double.isNaN(first) ? 0 : 1;
  }

  private static int countInto(
      Map<Double, double[]> counts, double[] values, int side, boolean withMissing) {
    int n = 0;
    for (double v : values) {
      if (Double.isNaN(v) && !withMissing) {
        continue;
      }
      // Double.NaN boxes to one canonical key, so missing is one category
      counts.computeIfAbsent(Double.isNaN(v) ? Double.NaN : v, k -> new double[2])[side]++;
      n++;
    }
    return n;
  }

  private static double totalVariation(Map<Double, double[]> counts, int nR, int nS) {
    double tv = 0;
    for (double[] c : counts.values()) {
      tv += Math.abs(c[0] / nR - c[1] / nS);
    }
    return tv / 2.0;
  }

  private static long pairKey(double a, double b) {
    long ka = Double.isNaN(a) ? Integer.MIN_VALUE : (long) a;
    long kb = Double.isNaN(b) ? Integer.MIN_VALUE : (long) b;
    return (ka << 32) ^ (kb & 0xffffffffL);
  }
}
