package io.github.syntheticpatients.runtime.fit.copula;

import io.github.syntheticpatients.runtime.copula.ContinuousMarginal;
import io.github.syntheticpatients.runtime.copula.DiscreteMarginal;
import io.github.syntheticpatients.runtime.internal.StandardNormal;
import java.util.Arrays;

/**
 * One column's marginal as {@link DpCopulaFitter} estimates it from the column's noisy histogram:
 * the cells over public bins or categories, then a missing cell for a nullable column. Everything
 * here is post-processing of that release: the copula's marginals and the normal score a value gets
 * under them.
 */
final class ColumnMarginal {
  private final double[] cells;
  private final int present;
  private final double[] edges;
  private final double total;
  private final double presentMass;
  private final double presentShare;
  private final DiscreteMarginal discrete;
  private final double[] discreteMeans;
  private final DiscreteMarginal indicator;
  private final double[] indicatorMeans;

  private ColumnMarginal(double[] cells, int present, double[] edges, double total) {
    this.cells = cells;
    this.present = present;
    this.edges = edges;
    this.total = total;
    double mass = 0;
    for (int c = 0; c < present; c++) {
      mass += cells[c];
    }
    double missingMass = cells.length > present ? cells[present] : 0;
    if (!(mass > 0)) {
      // Nothing survived the noise: uniform over the public cells.
      for (int c = 0; c < present; c++) {
        cells[c] = 1;
      }
      mass = present;
      missingMass = 0;
    }
    this.presentMass = mass;
    this.discrete = edges == null ? new DiscreteMarginal(Arrays.copyOf(cells, present)) : null;
    this.discreteMeans = discrete == null ? null : DpCopulaFitter.Scores.means(discrete);
    this.presentShare = mass / (mass + missingMass);
    this.indicator =
        cells.length > present
            ? new DiscreteMarginal(new double[] {presentShare, 1 - presentShare})
            : null;
    this.indicatorMeans = indicator == null ? null : DpCopulaFitter.Scores.means(indicator);
  }

  /**
   * The marginal from a column's noisy cells: cells at or below {@link
   * DpCopulaFitter#CELL_THRESHOLD} noise deviations become 0.
   *
   * @param noisy the released cells: the bins or categories, then the missing cell if nullable
   * @param present how many of them hold present values
   * @param edges a continuous column's bin edges, else null
   * @param cellNoise the noise deviation of each cell
   */
  static ColumnMarginal of(double[] noisy, int present, double[] edges, double cellNoise) {
    double threshold = DpCopulaFitter.CELL_THRESHOLD * cellNoise;
    double[] cells = new double[noisy.length];
    double total = 0;
    for (int c = 0; c < noisy.length; c++) {
      total += noisy[c];
      cells[c] = noisy[c] > threshold ? noisy[c] : 0;
    }
    return new ColumnMarginal(cells, present, edges, total);
  }

  /** The noisy record count: the sum of the released cells. */
  double total() {
    return total;
  }

  /** The share of records with a value present (1 for a column that is not nullable). */
  double presentShare() {
    return presentShare;
  }

  /** A discrete column's category probabilities; null for a continuous column. */
  DiscreteMarginal discrete() {
    return discrete;
  }

  /** The [present, missing] split of a nullable column; null otherwise. */
  DiscreteMarginal indicator() {
    return indicator;
  }

  /** The normal score of a present value. */
  double score(double v) {
    if (discrete != null) {
      return discreteMeans[(int) v];
    }
    int bin = DpCopulaFitter.cell(edges, v);
    double clamped = Math.max(edges[0], Math.min(edges[edges.length - 1], v));
    double below = 0;
    for (int c = 0; c < bin; c++) {
      below += cells[c];
    }
    double width = edges[bin + 1] - edges[bin];
    double within = width > 0 ? (clamped - edges[bin]) / width : 0.5;
    double p = (below + cells[bin] * within) / presentMass;
    double floor = 0.5 / Math.max(total, 1);
    return StandardNormal.inverse(Math.max(floor, Math.min(1 - floor, p)));
  }

  /** The score of a nullable column's missing indicator. */
  double indicatorScore(boolean missing) {
    return indicatorMeans[missing ? 1 : 0];
  }

  /**
   * A continuous column's quantile function: the inverse of the piecewise-linear distribution
   * function over the bins, at {@link MarginalFitter#KNOTS} evenly spaced probabilities, kept
   * within the declared bounds.
   */
  ContinuousMarginal quantiles(double low, double high) {
    int count = MarginalFitter.KNOTS;
    double[] knots = new double[count];
    for (int k = 0; k < count; k++) {
      double target = (double) k / (count - 1) * presentMass;
      double below = 0;
      double value = Double.NaN;
      int last = -1;
      for (int c = 0; c < present; c++) {
        if (cells[c] <= 0) {
          continue;
        }
        last = c;
        if (below + cells[c] >= target) {
          value = edges[c] + Math.max(0, target - below) / cells[c] * (edges[c + 1] - edges[c]);
          break;
        }
        below += cells[c];
      }
      if (Double.isNaN(value)) {
        value = edges[last + 1];
      }
      knots[k] = Math.max(low, Math.min(high, value));
    }
    for (int k = 1; k < count; k++) {
      knots[k] = Math.max(knots[k], knots[k - 1]);
    }
    return new ContinuousMarginal(knots);
  }
}
