package io.github.syntheticpatients.runtime.fit.copula;

import io.github.syntheticpatients.runtime.copula.Cholesky;
import io.github.syntheticpatients.runtime.copula.ContinuousMarginal;
import io.github.syntheticpatients.runtime.copula.DiscreteMarginal;
import io.github.syntheticpatients.runtime.copula.GaussianCopula;
import io.github.syntheticpatients.runtime.data.Table;
import io.github.syntheticpatients.runtime.encode.ColumnValues;
import io.github.syntheticpatients.runtime.internal.Pearson;
import io.github.syntheticpatients.runtime.schema.ColumnSchema;
import io.github.syntheticpatients.runtime.schema.ProtectedValues;
import io.github.syntheticpatients.runtime.schema.TableSchema;
import io.github.syntheticpatients.runtime.schema.ValueProtection;
import java.util.Arrays;
import java.util.List;

/**
 * Fits a {@link GaussianCopula}: marginals on protected values, normal scores, the pairwise
 * correlation of their latent normal scores (polyserial and polychoric where a side is discrete)
 * shrunk toward the identity until it is positive definite.
 */
public final class GaussianCopulaFitter {
  private static final double INITIAL_SHRINKAGE = 0.01;

  private GaussianCopulaFitter() {}

  /** Fits the copula with the default value protection ({@link ValueProtection#DEFAULT_K}). */
  public static GaussianCopula fit(Table table) {
    return fit(table, ValueProtection.DEFAULT_K);
  }

  /**
   * Fits the copula to a table's learned columns. A continuous column's quantile knots are fitted
   * on its {@link ProtectedValues}, so the model stores no value that fewer than k records hold; a
   * nullable column with fewer than k present values is withheld and always generated as missing.
   *
   * @param table the training data; its schema becomes the model's schema
   * @param k value protection: at least k records lie at or beyond each stored bound (1 turns it
   *     off)
   * @throws io.github.syntheticpatients.runtime.InvalidInputException when a value contradicts the
   *     schema, or a column that is not nullable has fewer than k values
   */
  public static GaussianCopula fit(Table table, int k) {
    TableSchema schema = table.schema();
    List<ColumnSchema> learned = schema.learnedColumns();
    int rows = table.rowCount();
    int d = GaussianCopula.dimensionCount(learned);
    ContinuousMarginal[] values = new ContinuousMarginal[learned.size()];
    DiscreteMarginal[] categories = new DiscreteMarginal[learned.size()];
    DiscreteMarginal[] missing = new DiscreteMarginal[learned.size()];
    // By dimension: a continuous column's normal scores, or a discrete dimension's category
    // codes (-1 where missing) and its thresholds on the normal scale.
    double[][] scores = new double[d][];
    int[][] codes = new int[d][];
    double[][] thresholds = new double[d][];
    int dim = 0;
    for (int i = 0; i < learned.size(); i++) {
      ColumnSchema column = learned.get(i);
      double[] cells = table.column(schema.indexOf(column.name()));
      ColumnValues.check(column, cells);
      if (column.kind().isContinuous()) {
        ProtectedValues protectedValues = ProtectedValues.of(cells, k);
        if (protectedValues.withheld()) {
          cells = ColumnValues.withheld(column, cells, k);
        }
        values[i] = MarginalFitter.continuous(protectedValues.values());
        scores[dim++] = MarginalFitter.scores(cells);
      } else {
        int[] present =
            Arrays.stream(cells).filter(v -> !Double.isNaN(v)).mapToInt(v -> (int) v).toArray();
        categories[i] = MarginalFitter.discrete(present, column.categories().size());
        codes[dim] = Arrays.stream(cells).mapToInt(v -> Double.isNaN(v) ? -1 : (int) v).toArray();
        thresholds[dim++] = categories[i].thresholds();
      }
      if (column.nullable()) {
        int[] indicator = new int[rows];
        for (int r = 0; r < rows; r++) {
          indicator[r] = Double.isNaN(cells[r]) ? 1 : 0;
        }
        missing[i] = MarginalFitter.discrete(indicator, 2);
        codes[dim] = indicator;
        thresholds[dim++] = missing[i].thresholds();
      }
    }
    return new GaussianCopula(
        schema,
        values,
        categories,
        missing,
        positiveDefinite(pairwiseCorrelation(scores, codes, thresholds)));
  }

  /**
   * Pairwise correlations of the latent normal scores over the rows where both columns are present
   * (at least 3); 0 where undefined. Two continuous columns: Pearson's correlation of their scores;
   * a discrete side: the polyserial or polychoric estimate ({@link LatentCorrelation}), since the
   * copula cuts that side's latent score into categories.
   */
  private static double[][] pairwiseCorrelation(
      double[][] scores, int[][] codes, double[][] thresholds) {
    int d = scores.length;
    double[][] r = new double[d][d];
    for (int a = 0; a < d; a++) {
      r[a][a] = 1;
      for (int b = a + 1; b < d; b++) {
        double rho;
        if (codes[a] == null && codes[b] == null) {
          rho = Pearson.of(scores[a], scores[b], 3);
        } else if (codes[a] == null) {
          rho = LatentCorrelation.polyserial(scores[a], codes[b], thresholds[b]);
        } else if (codes[b] == null) {
          rho = LatentCorrelation.polyserial(scores[b], codes[a], thresholds[a]);
        } else {
          rho = LatentCorrelation.polychoric(codes[a], thresholds[a], codes[b], thresholds[b]);
        }
        double value = Double.isNaN(rho) ? 0 : rho;
        r[a][b] = value;
        r[b][a] = value;
      }
    }
    return r;
  }

  /**
   * Shrinks toward the identity, doubling the shrinkage until the Cholesky factorisation succeeds.
   * A matrix that the first shrinkage leaves indefinite has its eigenvalues raised first ({@link
   * EigenvalueFloor}), so that a few inconsistent pairs do not weaken every correlation.
   */
  static double[][] positiveDefinite(double[][] estimate) {
    int d = estimate.length;
    double[][] r =
        Cholesky.lower(shrink(estimate, INITIAL_SHRINKAGE)).isPresent()
            ? estimate
            : EigenvalueFloor.apply(estimate);
    for (double shrinkage = INITIAL_SHRINKAGE; ; shrinkage = Math.min(1.0, shrinkage * 2)) {
      double[][] shrunk = shrink(r, shrinkage);
      if (shrinkage >= 1.0 || Cholesky.lower(shrunk).isPresent()) {
        return shrunk;
      }
    }
  }

  private static double[][] shrink(double[][] r, double shrinkage) {
    int d = r.length;
    double[][] shrunk = new double[d][d];
    for (int a = 0; a < d; a++) {
      for (int b = 0; b < d; b++) {
        shrunk[a][b] = a == b ? 1.0 : (1 - shrinkage) * r[a][b];
      }
    }
    return shrunk;
  }
}
