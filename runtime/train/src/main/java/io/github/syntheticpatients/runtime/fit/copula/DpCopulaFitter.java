package io.github.syntheticpatients.runtime.fit.copula;

import io.github.syntheticpatients.runtime.ColumnKind;
import io.github.syntheticpatients.runtime.InvalidInputException;
import io.github.syntheticpatients.runtime.copula.ContinuousMarginal;
import io.github.syntheticpatients.runtime.copula.DiscreteMarginal;
import io.github.syntheticpatients.runtime.copula.GaussianCopula;
import io.github.syntheticpatients.runtime.data.Table;
import io.github.syntheticpatients.runtime.dp.DpSettings;
import io.github.syntheticpatients.runtime.encode.ColumnValues;
import io.github.syntheticpatients.runtime.internal.StandardNormal;
import io.github.syntheticpatients.runtime.random.RandomStream;
import io.github.syntheticpatients.runtime.schema.ColumnSchema;
import io.github.syntheticpatients.runtime.schema.TableSchema;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Fits the same {@link GaussianCopula} as {@link GaussianCopulaFitter} with differential privacy:
 * the records are read only through two Gaussian mechanisms, and everything else is public
 * (categories and nullability from the schema, numeric bins from declared bounds) or
 * post-processing of the two noisy releases.
 *
 * <ol>
 *   <li><b>Marginals</b>: one histogram per learned column over public cells (equal-width bins
 *       between the declared bounds, or the schema's categories; a nullable column's missing values
 *       in a cell of their own), all released together. A record adds one to one cell of each of
 *       the m columns, so the L2 sensitivity is √m and each cell gets noise of deviation σ₁√m.
 *       Post-processing: cells below {@link #CELL_THRESHOLD} noise deviations are zeroed (noise
 *       alone rarely reaches there, so empty tail bins stay empty), the rest normalised; a
 *       continuous column's quantile function is the inverse of its piecewise-linear distribution
 *       function (uniform within each bin).
 *   <li><b>Correlation</b>: each record's normal scores under the noisy marginals (a continuous
 *       value's Φ⁻¹ of the noisy distribution function; a category's, or a missing indicator's,
 *       latent mean inside its interval; 0 for a missing value), the score vector clipped to norm
 *       C, and the upper triangle of Σ zzᵀ released with noise of deviation σ₂C² (one record moves
 *       it by at most ‖zzᵀ‖_F = ‖z‖² ≤ C²). Post-processing: normalised by its diagonal, corrected
 *       for missing values (the joint presence of two nullable columns is read off their
 *       indicators' entry) and, where a side is discrete, from the scores' correlation to the
 *       latent one (the polyserial relation ρ·sd, and for two discrete sides the bivariate normal
 *       cell probabilities, inverted by bisection); a correlation within {@link
 *       #CORRELATION_THRESHOLD} of its noise deviations set to 0; then repaired to a
 *       positive-definite correlation like the non-DP fit.
 * </ol>
 *
 * <p>Under the add/remove-one neighbouring relation each release is one Gaussian mechanism with
 * noise multiplier σ₁ (σ₂): Rényi DP α/(2σ²) at order α, accounted by the caller. No value is
 * protected by k here and none needs to be: every number the model holds is a public bin edge, an
 * interpolation between edges by noisy counts, or a noisy share.
 */
public final class DpCopulaFitter {
  /**
   * Noisy cells at or below this many noise deviations are zeroed. Clipping at 0 alone would leave
   * an empty cell 0.40 deviations on average; over the many empty tail bins that declared bounds
   * leave, that put a tenth of a small table's mass where no record lies.
   */
  static final double CELL_THRESHOLD = 2.0;

  /**
   * Latent correlations at or below this many of their noise deviations are set to 0. The noise is
   * the same on every entry of Σ zzᵀ, but the latent correction divides a pair with a rare category
   * by its scores' small deviations (a 3 % binary's is 0.4), so its noise grows to ±0.2 or more; on
   * colon at ε = 3 such chance correlations of the target with rare binaries (±0.3–0.5) made the
   * repair to a positive-definite matrix shrink every pair, `time` ↔ `status` from −0.92 to −0.4
   * (docs/benchmarks/dp.md). Noise alone passes 3 deviations in 0.3 % of the pairs.
   */
  static final double CORRELATION_THRESHOLD = 3.0;

  /** Discrete pairs with more cells than this use the first-order latent correction. */
  private static final int EXACT_CELLS = 400;

  private DpCopulaFitter() {}

  /**
   * The settings of one fit.
   *
   * @param bins equal-width bins of a continuous column between its declared bounds
   * @param clip the score vector's clip norm C as a multiple of √d (d the copula's dimensions): a
   *     vector of d standard normal scores has norm about √d
   * @param marginalNoise σ₁, the marginals' noise multiplier (0 for none)
   * @param correlationNoise σ₂, the correlation's noise multiplier (0 for none)
   */
  public record Plan(int bins, double clip, double marginalNoise, double correlationNoise) {}

  /**
   * What was fitted.
   *
   * @param copula the model
   * @param clipNorm C, the score vectors' clip norm
   * @param clippedShare the share of records whose score vector was clipped (read from the records
   *     outside the mechanisms: for whoever trains, never for the model card)
   */
  public record Result(GaussianCopula copula, double clipNorm, double clippedShare) {}

  /**
   * Fits the copula to the table's learned columns.
   *
   * @param table the training records; its schema (public) becomes the model's
   * @param bounds declared {@code [low, high]} of each continuous column, by name
   * @param boundsOption the option prefix that declares a bound, named in the refusal
   * @param plan bins, clip and noise
   * @param noise the source of the Gaussian noise
   * @throws InvalidInputException naming {@code boundsOption + column} when a continuous column has
   *     no declared bounds, or when a value contradicts the schema
   */
  public static Result fit(
      Table table,
      Map<String, double[]> bounds,
      String boundsOption,
      Plan plan,
      RandomStream noise) {
    TableSchema schema = table.schema();
    List<ColumnSchema> learned = schema.learnedColumns();
    int m = learned.size();
    double[][] cells = new double[m][];
    double[][] edges = new double[m][];
    double[][] columns = new double[m][];
    for (int i = 0; i < m; i++) {
      ColumnSchema column = learned.get(i);
      columns[i] = table.column(schema.indexOf(column.name()));
      ColumnValues.check(column, columns[i]);
      if (column.kind().isContinuous()) {
        double[] range = bounds.get(column.name());
        if (range == null) {
          throw DpSettings.missingBound(column, boundsOption);
        }
        edges[i] = edges(column.kind(), range[0], range[1], plan.bins());
      }
    }
    // Release 1: every column's histogram, one Gaussian mechanism of sensitivity √m.
    double cellNoise = plan.marginalNoise() * Math.sqrt(m);
    ColumnMarginal[] marginals = new ColumnMarginal[m];
    for (int i = 0; i < m; i++) {
      ColumnSchema column = learned.get(i);
      int present = edges[i] != null ? edges[i].length - 1 : column.categories().size();
      cells[i] = new double[present + (column.nullable() ? 1 : 0)];
      for (double v : columns[i]) {
        cells[i][Double.isNaN(v) ? present : edges[i] == null ? (int) v : cell(edges[i], v)]++;
      }
      for (int c = 0; c < cells[i].length; c++) {
        cells[i][c] += cellNoise * noise.nextGaussian();
      }
      marginals[i] = ColumnMarginal.of(cells[i], present, edges[i], cellNoise);
    }
    // Release 2: the sum of the clipped score vectors' outer products.
    int d = GaussianCopula.dimensionCount(learned);
    double clipNorm = plan.clip() * Math.sqrt(Math.max(d, 1));
    double[][] sum = new double[d][d];
    double[] z = new double[d];
    int clipped = 0;
    int rows = table.rowCount();
    for (int r = 0; r < rows; r++) {
      int dim = 0;
      for (int i = 0; i < m; i++) {
        double v = columns[i][r];
        z[dim++] = Double.isNaN(v) ? 0 : marginals[i].score(v);
        if (learned.get(i).nullable()) {
          z[dim++] = marginals[i].indicatorScore(Double.isNaN(v));
        }
      }
      double norm = 0;
      for (double x : z) {
        norm += x * x;
      }
      norm = Math.sqrt(norm);
      double scale = 1;
      if (norm > clipNorm) {
        scale = clipNorm / norm;
        clipped++;
      }
      for (int a = 0; a < d; a++) {
        for (int b = a; b < d; b++) {
          sum[a][b] += scale * z[a] * scale * z[b];
        }
      }
    }
    double entryNoise = plan.correlationNoise() * clipNorm * clipNorm;
    for (int a = 0; a < d; a++) {
      for (int b = a; b < d; b++) {
        sum[a][b] += entryNoise * noise.nextGaussian();
        sum[b][a] = sum[a][b];
      }
    }
    double[][] correlation = latentCorrelation(sum, entryNoise, learned, marginals);
    ContinuousMarginal[] values = new ContinuousMarginal[m];
    DiscreteMarginal[] categories = new DiscreteMarginal[m];
    DiscreteMarginal[] missing = new DiscreteMarginal[m];
    for (int i = 0; i < m; i++) {
      ColumnSchema column = learned.get(i);
      if (column.kind().isContinuous()) {
        double[] range = bounds.get(column.name());
        values[i] = marginals[i].quantiles(range[0], range[1]);
      } else {
        categories[i] = marginals[i].discrete();
      }
      if (column.nullable()) {
        missing[i] = marginals[i].indicator();
      }
    }
    GaussianCopula copula =
        new GaussianCopula(
            schema,
            values,
            categories,
            missing,
            GaussianCopulaFitter.positiveDefinite(correlation));
    return new Result(copula, clipNorm, rows == 0 ? 0 : (double) clipped / rows);
  }

  /**
   * Equal-width bin edges on [low, high]. A whole-valued column (integer, date, date-time) gets
   * edges half a unit beside whole numbers, at most one bin per value, so that the sampler's
   * rounding keeps each value in its bin.
   */
  static double[] edges(ColumnKind kind, double low, double high, int bins) {
    if (kind == ColumnKind.NUMERIC) {
      double[] edges = new double[bins + 1];
      for (int b = 0; b <= bins; b++) {
        edges[b] = b == bins ? high : low + (high - low) * b / bins;
      }
      return edges;
    }
    double first = Math.ceil(low);
    double last = Math.floor(high);
    if (last < first) {
      return new double[] {low, high};
    }
    double values = last - first + 1;
    double width = Math.ceil(values / bins);
    int count = (int) Math.ceil(values / width);
    double[] edges = new double[count + 1];
    for (int b = 0; b <= count; b++) {
      edges[b] = Math.min(first - 0.5 + b * width, last + 0.5);
    }
    return edges;
  }

  /** The bin of {@code v}, values outside the edges clipped into the first or last bin. */
  static int cell(double[] edges, double v) {
    int bins = edges.length - 1;
    int lo = 0;
    int hi = bins - 1;
    while (lo < hi) {
      int mid = (lo + hi + 1) >>> 1;
      if (v >= edges[mid]) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    return lo;
  }

  /**
   * The latent correlation from the noisy second moments of the scores: normalised by the diagonal,
   * corrected for missing values and for discrete sides, 0 where noise alone could explain it, kept
   * inside ±{@link LatentCorrelation#LIMIT}.
   */
  private static double[][] latentCorrelation(
      double[][] sum, double entryNoise, List<ColumnSchema> learned, ColumnMarginal[] marginals) {
    int d = sum.length;
    int m = learned.size();
    // By dimension: its column, whether it is a missing indicator, and its presence share.
    int[] owner = new int[d];
    boolean[] indicator = new boolean[d];
    int dim = 0;
    for (int i = 0; i < m; i++) {
      owner[dim++] = i;
      if (learned.get(i).nullable()) {
        owner[dim] = i;
        indicator[dim++] = true;
      }
    }
    int[] indicatorOf = new int[m];
    Arrays.fill(indicatorOf, -1);
    for (int a = 0; a < d; a++) {
      if (indicator[a]) {
        indicatorOf[owner[a]] = a;
      }
    }
    double records = 0;
    for (ColumnMarginal marginal : marginals) {
      records += marginal.total() / m;
    }
    double[][] r = new double[d][d];
    for (int a = 0; a < d; a++) {
      r[a][a] = 1;
      for (int b = a + 1; b < d; b++) {
        double rho = 0;
        if (owner[a] != owner[b] && sum[a][a] > 0 && sum[b][b] > 0) {
          double raw = sum[a][b] / Math.sqrt(sum[a][a] * sum[b][b]);
          double presentA = indicator[a] ? 1 : marginals[owner[a]].presentShare();
          double presentB = indicator[b] ? 1 : marginals[owner[b]].presentShare();
          double both = Math.min(presentA, presentB);
          if (presentA < 1 && presentB < 1) {
            both =
                bothPresent(
                    sum[indicatorOf[owner[a]]][indicatorOf[owner[b]]] / Math.max(records, 1),
                    marginals[owner[a]],
                    marginals[owner[b]]);
          }
          double scale = both > 0 ? Math.sqrt(presentA * presentB) / both : 0;
          DiscreteMarginal sideA =
              indicator[a] ? marginals[owner[a]].indicator() : marginals[owner[a]].discrete();
          DiscreteMarginal sideB =
              indicator[b] ? marginals[owner[b]].indicator() : marginals[owner[b]].discrete();
          rho = latent(raw * scale, sideA, sideB);
          // The noise deviation of rho, to first order: the entry's noise through the same steps.
          double deviation =
              entryNoise / Math.sqrt(sum[a][a] * sum[b][b]) * scale / slope(sideA, sideB);
          if (Math.abs(rho) <= CORRELATION_THRESHOLD * deviation) {
            rho = 0;
          }
        }
        double value = Math.max(-LatentCorrelation.LIMIT, Math.min(LatentCorrelation.LIMIT, rho));
        r[a][b] = value;
        r[b][a] = value;
      }
    }
    return r;
  }

  /**
   * How fast the scores' correlation moves with the latent one near 0: 1 for two continuous sides,
   * else the product of the discrete sides' score deviations (as in {@link #latent}'s first order).
   */
  private static double slope(DiscreteMarginal a, DiscreteMarginal b) {
    double sdA = a == null ? 1 : Scores.deviation(a);
    double sdB = b == null ? 1 : Scores.deviation(b);
    return sdA > 0 && sdB > 0 ? sdA * sdB : 1;
  }

  /**
   * The share of records with both columns present, from the mean product of their missing
   * indicators' scores: that product is linear in the share of records missing both.
   */
  private static double bothPresent(double meanProduct, ColumnMarginal a, ColumnMarginal b) {
    double missingA = 1 - a.presentShare();
    double missingB = 1 - b.presentShare();
    double a0 = a.indicatorScore(false);
    double a1 = a.indicatorScore(true);
    double b0 = b.indicatorScore(false);
    double b1 = b.indicatorScore(true);
    double base = a0 * b0 * (1 - missingA - missingB) + a0 * b1 * missingB + a1 * b0 * missingA;
    double slope = (a1 - a0) * (b1 - b0);
    double bothMissing = slope != 0 ? (meanProduct - base) / slope : missingA * missingB;
    bothMissing =
        Math.max(
            Math.max(0, missingA + missingB - 1),
            Math.min(Math.min(missingA, missingB), bothMissing));
    return 1 - missingA - missingB + bothMissing;
  }

  /**
   * The latent correlation behind the correlation {@code r} of two scores; a side is a discrete
   * marginal (its score the latent mean inside the category's interval) or null (a continuous
   * column's normal score). With one discrete side the score's covariance with a standard normal is
   * ρ·Var(score), so ρ = r / sd; with two, r is the bivariate normal's expectation of the product
   * of the scores over the cells, inverted by bisection (or to first order, r / (sd·sd), when the
   * cells are many).
   */
  static double latent(double r, DiscreteMarginal a, DiscreteMarginal b) {
    if (a == null && b == null) {
      return r;
    }
    if (a == null || b == null) {
      double sd = Scores.deviation(a == null ? b : a);
      return sd > 0 ? r / sd : 0;
    }
    double sdA = Scores.deviation(a);
    double sdB = Scores.deviation(b);
    if (!(sdA > 0 && sdB > 0)) {
      return 0;
    }
    double[] cutsA = Scores.cuts(a);
    double[] cutsB = Scores.cuts(b);
    if ((cutsA.length - 1) * (cutsB.length - 1) > EXACT_CELLS) {
      return r / (sdA * sdB);
    }
    double[] meansA = Scores.means(a);
    double[] meansB = Scores.means(b);
    double target = r * sdA * sdB;
    double lo = -LatentCorrelation.LIMIT;
    double hi = LatentCorrelation.LIMIT;
    if (target <= Scores.product(meansA, cutsA, meansB, cutsB, lo)) {
      return lo;
    }
    if (target >= Scores.product(meansA, cutsA, meansB, cutsB, hi)) {
      return hi;
    }
    for (int it = 0; it < 40; it++) {
      double mid = (lo + hi) / 2;
      if (Scores.product(meansA, cutsA, meansB, cutsB, mid) < target) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    return (lo + hi) / 2;
  }

  /** The latent mean score of each category of a discrete marginal, and what follows from it. */
  static final class Scores {
    private Scores() {}

    /** −∞, the thresholds, +∞. */
    static double[] cuts(DiscreteMarginal marginal) {
      double[] thresholds = marginal.thresholds();
      double[] cuts = new double[thresholds.length + 2];
      cuts[0] = Double.NEGATIVE_INFINITY;
      System.arraycopy(thresholds, 0, cuts, 1, thresholds.length);
      cuts[cuts.length - 1] = Double.POSITIVE_INFINITY;
      return cuts;
    }

    /**
     * E[Z | Z in category c's interval] = (φ(lower) − φ(upper)) / (Φ(upper) − Φ(lower)); an empty
     * interval's score is its cut.
     */
    static double[] means(DiscreteMarginal marginal) {
      double[] cuts = cuts(marginal);
      double[] means = new double[cuts.length - 1];
      for (int c = 0; c < means.length; c++) {
        double mass = cdf(cuts[c + 1]) - cdf(cuts[c]);
        if (mass > 1e-12) {
          means[c] = (density(cuts[c]) - density(cuts[c + 1])) / mass;
        } else {
          means[c] = Double.isInfinite(cuts[c]) ? cuts[c + 1] : cuts[c];
          means[c] = Math.max(-8, Math.min(8, means[c]));
        }
      }
      return means;
    }

    /** The standard deviation of the score (its mean is 0). */
    static double deviation(DiscreteMarginal marginal) {
      double[] cuts = cuts(marginal);
      double[] means = means(marginal);
      double variance = 0;
      for (int c = 0; c < means.length; c++) {
        variance += (cdf(cuts[c + 1]) - cdf(cuts[c])) * means[c] * means[c];
      }
      return Math.sqrt(variance);
    }

    /** E[score_a · score_b] for latent normals with correlation {@code rho}. */
    static double product(
        double[] meansA, double[] cutsA, double[] meansB, double[] cutsB, double rho) {
      double[][] cdf = new double[cutsA.length][cutsB.length];
      for (int i = 0; i < cutsA.length; i++) {
        for (int j = 0; j < cutsB.length; j++) {
          cdf[i][j] = BivariateNormal.cdf(cutsA[i], cutsB[j], rho);
        }
      }
      double sum = 0;
      for (int i = 0; i < meansA.length; i++) {
        for (int j = 0; j < meansB.length; j++) {
          double p = cdf[i + 1][j + 1] - cdf[i][j + 1] - cdf[i + 1][j] + cdf[i][j];
          sum += p * meansA[i] * meansB[j];
        }
      }
      return sum;
    }

    private static double cdf(double x) {
      return Double.isInfinite(x) ? (x > 0 ? 1 : 0) : StandardNormal.cdf(x);
    }

    private static double density(double x) {
      return Double.isInfinite(x) ? 0 : StrictMath.exp(-x * x / 2) / Math.sqrt(2 * Math.PI);
    }
  }
}
