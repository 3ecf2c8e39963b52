package io.github.syntheticpatients.runtime.gan;

import io.github.syntheticpatients.runtime.ColumnKind;
import io.github.syntheticpatients.runtime.copula.Cholesky;
import io.github.syntheticpatients.runtime.copula.GaussianCopula;
import io.github.syntheticpatients.runtime.data.Table;
import io.github.syntheticpatients.runtime.encode.StateMaps;
import io.github.syntheticpatients.runtime.internal.StandardNormal;
import io.github.syntheticpatients.runtime.random.RandomStream;
import io.github.syntheticpatients.runtime.schema.ColumnSchema;
import io.github.syntheticpatients.runtime.schema.TableSchema;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealMatrix;

/**
 * A fitted Gaussian copula's latent normal space, for the residual GAN prototype: real rows mapped
 * to latent scores, the copula's own latent draw, and latent scores decoded back to rows exactly as
 * {@link GaussianCopula#sample} decodes them (quantile knots, rounding of whole-number kinds,
 * category intervals, missing indicators).
 *
 * <p>A real row fixes each latent score only to an interval: a category's interval, the values that
 * round to an integer, the whole line for a missing value. Inside the intervals the scores are
 * drawn by Gibbs sampling from the copula's own normal truncated to them, so that a table that
 * truly were the copula's would map to exactly N(0, R) and the GAN would have nothing to learn;
 * what it learns is only what the copula misses.
 */
final class CopulaLatent {
  /** Probabilities are kept this far inside (0, 1) so the scores stay finite (|z| ≤ 4.4). */
  private static final double EDGE = 5e-6;

  private static final int GIBBS_SWEEPS = 20;

  private final TableSchema schema;
  private final List<ColumnSchema> learned;
  private final double[][] knots;
  private final double[][] upper;
  private final double[][] missingUpper;
  private final int[] dimension;
  private final int width;
  private final double[][] cholesky;
  private final double[][] precision;

  CopulaLatent(GaussianCopula copula) {
    this.schema = copula.schema();
    this.learned = schema.learnedColumns();
    Map<String, Object> state = copula.state();
    StateMaps read = new StateMaps("copula state");
    List<Map<String, Object>> columns = read.maps(state, "columns");
    knots = new double[learned.size()][];
    upper = new double[learned.size()][];
    missingUpper = new double[learned.size()][];
    dimension = new int[learned.size()];
    int d = 0;
    for (int i = 0; i < learned.size(); i++) {
      Map<String, Object> c = columns.get(i);
      dimension[i] = d;
      d += learned.get(i).nullable() ? 2 : 1;
      if (learned.get(i).kind().isContinuous()) {
        knots[i] = read.doubles(c, "quantiles");
      } else {
        upper[i] = cumulative(read.doubles(c, "probabilities"));
      }
      if (learned.get(i).nullable()) {
        missingUpper[i] = cumulative(read.doubles(c, "missing"));
      }
    }
    width = d;
    double[][] correlation = copula.correlation();
    cholesky = Cholesky.lower(correlation).orElseThrow();
    RealMatrix inverse =
        new LUDecomposition(new Array2DRowRealMatrix(correlation)).getSolver().getInverse();
    precision = inverse.getData();
  }

  int width() {
    return width;
  }

  /** The latent dimension of a learned column's value. */
  int dimensionOf(String column) {
    for (int i = 0; i < learned.size(); i++) {
      if (learned.get(i).name().equals(column)) {
        return dimension[i];
      }
    }
    throw new IllegalArgumentException("No learned column '" + column + "'");
  }

  double[][] cholesky() {
    return cholesky;
  }

  /**
   * By latent dimension: the inner thresholds (normal scale) of a discrete dimension (a category
   * column or a missing indicator), null for a continuous column's value.
   */
  double[][] thresholds() {
    double[][] thresholds = new double[width][];
    for (int i = 0; i < learned.size(); i++) {
      if (upper[i] != null) {
        thresholds[dimension[i]] = inner(upper[i]);
      }
      if (missingUpper[i] != null) {
        thresholds[dimension[i] + 1] = inner(missingUpper[i]);
      }
    }
    return thresholds;
  }

  private static double[] inner(double[] upper) {
    double[] t = new double[upper.length - 1];
    for (int c = 0; c < t.length; c++) {
      t[c] = StandardNormal.inverse(clampP(upper[c]));
    }
    return t;
  }

  private static double[] cumulative(double[] probabilities) {
    double total = Arrays.stream(probabilities).sum();
    double[] cumulative = new double[probabilities.length];
    double sum = 0;
    for (int i = 0; i < probabilities.length; i++) {
      sum += probabilities[i] / total;
      cumulative[i] = sum;
    }
    cumulative[cumulative.length - 1] = 1.0;
    return cumulative;
  }

  /** One correlated latent row of the copula, drawn as {@link GaussianCopula#sample} draws it. */
  void draw(RandomStream random, double[] independent, double[] out) {
    for (int j = 0; j < width; j++) {
      independent[j] = StandardNormal.inverse(random.nextDouble());
    }
    for (int a = 0; a < width; a++) {
      double z = 0;
      double[] l = cholesky[a];
      for (int b = 0; b <= a; b++) {
        z += l[b] * independent[b];
      }
      out[a] = z;
    }
  }

  /** The real table's latent scores, {@code rows × width} row-major. */
  float[] encode(Table table, RandomStream random) {
    int rows = table.rowCount();
    float[] out = new float[rows * width];
    double[] low = new double[width];
    double[] high = new double[width];
    double[] u = new double[width];
    double[][] cells = new double[learned.size()][];
    for (int i = 0; i < learned.size(); i++) {
      cells[i] = table.column(table.schema().indexOf(learned.get(i).name()));
    }
    for (int r = 0; r < rows; r++) {
      for (int i = 0; i < learned.size(); i++) {
        double v = cells[i][r];
        int dim = dimension[i];
        boolean isMissing = Double.isNaN(v);
        if (missingUpper[i] != null) {
          setInterval(
              low,
              high,
              dim + 1,
              isMissing ? missingUpper[i][0] : 0,
              isMissing ? 1 : missingUpper[i][0]);
        }
        if (isMissing) {
          setInterval(low, high, dim, 0, 1);
        } else if (knots[i] != null) {
          double[] k = knots[i];
          double x = Math.max(k[0], Math.min(k[k.length - 1], v));
          boolean whole = learned.get(i).kind() != ColumnKind.NUMERIC;
          double lo = whole ? Math.rint(x) - 0.5 : x;
          double hi = whole ? Math.rint(x) + 0.5 : x;
          setInterval(low, high, dim, firstAtLeast(k, lo), lastAtMost(k, hi));
        } else {
          int code = (int) v;
          setInterval(low, high, dim, code == 0 ? 0 : upper[i][code - 1], upper[i][code]);
        }
      }
      for (int j = 0; j < width; j++) {
        u[j] = truncated(0, 1, low[j], high[j], random);
      }
      for (int sweep = 0; sweep < GIBBS_SWEEPS; sweep++) {
        for (int j = 0; j < width; j++) {
          if (low[j] == high[j]) {
            continue;
          }
          double[] q = precision[j];
          double s = 0;
          for (int k = 0; k < width; k++) {
            if (k != j) {
              s += q[k] * u[k];
            }
          }
          double sd = 1 / Math.sqrt(q[j]);
          u[j] = truncated(-s / q[j], sd, low[j], high[j], random);
        }
      }
      for (int j = 0; j < width; j++) {
        out[r * width + j] = (float) u[j];
      }
    }
    return out;
  }

  /** Stores the latent interval of probabilities {@code [pLow, pHigh]} as normal scores. */
  private static void setInterval(double[] low, double[] high, int dim, double pLow, double pHigh) {
    double a = clampP(pLow);
    double b = clampP(Math.max(pLow, pHigh));
    low[dim] = StandardNormal.inverse(a);
    high[dim] = a == b ? low[dim] : StandardNormal.inverse(b);
  }

  private static double clampP(double p) {
    return Math.max(EDGE, Math.min(1 - EDGE, p));
  }

  /** A draw of N(mean, sd²) truncated to [low, high], by inversion. */
  private static double truncated(
      double mean, double sd, double low, double high, RandomStream random) {
    if (low == high) {
      random.nextDouble();
      return low;
    }
    double a = StandardNormal.cdf((low - mean) / sd);
    double b = StandardNormal.cdf((high - mean) / sd);
    double p = clampP(a + random.nextDouble() * (b - a));
    double z = mean + sd * StandardNormal.inverse(p);
    return Math.max(low, Math.min(high, z));
  }

  /** The smallest probability whose quantile is at least {@code v}. */
  private static double firstAtLeast(double[] k, double v) {
    int m = k.length;
    for (int j = 0; j < m; j++) {
      if (k[j] >= v) {
        return j == 0 ? 0 : (j - 1 + (v - k[j - 1]) / (k[j] - k[j - 1])) / (m - 1);
      }
    }
    return 1;
  }

  /** The largest probability whose quantile is at most {@code v}. */
  private static double lastAtMost(double[] k, double v) {
    int m = k.length;
    for (int j = m - 1; j >= 0; j--) {
      if (k[j] <= v) {
        return j == m - 1 ? 1 : (j + (v - k[j]) / (k[j + 1] - k[j])) / (m - 1);
      }
    }
    return 0;
  }

  /** Latent rows ({@code rows × width}, row-major) decoded as the copula decodes its draws. */
  Table decode(double[] latent, int rows) {
    double[][] out = new double[schema.columns().size()][];
    for (int c = 0; c < out.length; c++) {
      out[c] = new double[rows];
      Arrays.fill(out[c], Double.NaN);
    }
    for (int i = 0; i < learned.size(); i++) {
      ColumnSchema column = learned.get(i);
      double[] target = out[schema.indexOf(column.name())];
      int dim = dimension[i];
      for (int r = 0; r < rows; r++) {
        if (missingUpper[i] != null
            && category(missingUpper[i], StandardNormal.cdf(latent[r * width + dim + 1])) == 1) {
          continue;
        }
        double p = StandardNormal.cdf(latent[r * width + dim]);
        if (knots[i] != null) {
          double value = quantile(knots[i], p);
          target[r] = column.kind() != ColumnKind.NUMERIC ? Math.rint(value) : value;
        } else {
          target[r] = category(upper[i], p);
        }
      }
    }
    return new Table(schema, out);
  }

  private static double quantile(double[] knots, double p) {
    double position = Math.max(0, Math.min(1, p)) * (knots.length - 1);
    int lower = Math.min((int) position, knots.length - 2);
    double fraction = position - lower;
    return knots[lower] + fraction * (knots[lower + 1] - knots[lower]);
  }

  private static int category(double[] upper, double p) {
    for (int i = 0; i < upper.length - 1; i++) {
      if (p < upper[i]) {
        return i;
      }
    }
    return upper.length - 1;
  }
}
