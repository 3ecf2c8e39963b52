package io.github.syntheticpatients.runtime.eval.privacy;

import io.github.syntheticpatients.runtime.data.Table;
import io.github.syntheticpatients.runtime.eval.stats.TableColumns;

/**
 * The project's one mixed-type, scale-free row distance (SDMetrics {@code dcr_utils}, a Gower
 * distance): the mean over the learned columns of a per-column cost in [0, 1]:
 *
 * <ul>
 *   <li>continuous (numeric, integer, date, datetime): min(|a − b| / range, 1), where range = max −
 *       min of the reference (training) table; a column with zero range costs 1 when the values
 *       differ;
 *   <li>discrete (binary, categorical): 0 when equal, 1 otherwise;
 *   <li>one value missing: 1; both missing: 0.
 * </ul>
 *
 * <p>Rows are copied into one row-major array per table so nearest-neighbour scans touch contiguous
 * memory and allocate nothing per pair.
 */
public final class MixedDistance {
  private final int[] columns;
  private final boolean[] continuous;
  private final double[] inverseRange;

  private MixedDistance(Table reference) {
    columns = TableColumns.learned(reference.schema());
    continuous = new boolean[columns.length];
    inverseRange = new double[columns.length];
    for (int i = 0; i < columns.length; i++) {
      if (TableColumns.column(reference, columns[i]).kind().isContinuous()) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : reference.column(columns[i])) {
          if (!Double.isNaN(v)) {
            min = Math.min(min, v);
            max = Math.max(max, v);
          }
        }
        double range = max - min;
        // zero range: any difference costs 1, which is what a categorical comparison gives
        continuous[i] = range > 0;
        inverseRange[i] = range > 0 ? 1.0 / range : 0;
      }
    }
  }

  /** A distance whose numeric ranges come from {@code reference} (the training table). */
  public static MixedDistance fittedOn(Table reference) {
    return new MixedDistance(reference);
  }

  /** Number of columns the distance averages over. */
  public int dimensions() {
    return columns.length;
  }

  /**
   * The distance between row {@code i} of {@code a} and row {@code j} of {@code b}. A convenience
   * for single pairs: it copies both tables, so scans should use {@link #rows} and the
   * nearest-neighbour methods instead.
   */
  public double between(Table a, int i, Table b, int j) {
    Rows ra = rows(a);
    Rows rb = rows(b);
    return ra.distance(i, rb, j, Double.POSITIVE_INFINITY);
  }

  /** The rows of a table prepared for fast distance scans. */
  Rows rows(Table table) {
    int d = columns.length;
    double[] data = new double[table.rowCount() * d];
    for (int k = 0; k < d; k++) {
      double[] column = table.column(columns[k]);
      double factor = continuous[k] ? inverseRange[k] : 1.0;
      for (int r = 0; r < table.rowCount(); r++) {
        data[r * d + k] = column[r] * factor;
      }
    }
    return new Rows(data, table.rowCount(), d, continuous);
  }

  /** Row-major prepared rows: continuous values divided by their reference range. */
  static final class Rows {
    final double[] data;
    final int count;
    final int d;
    private final boolean[] continuous;

    boolean[] continuousFlags() {
      return continuous;
    }

    Rows(double[] data, int count, int d, boolean[] continuous) {
      this.data = data;
      this.count = count;
      this.d = d;
      this.continuous = continuous;
    }

    /**
     * Distance between row i here and row j of {@code other}; stops early and returns a value ≥
     * {@code bound} once the partial sum shows the distance cannot be below {@code bound}.
     */
    double distance(int i, Rows other, int j, double bound) {
      double limit = bound * d;
      double sum = 0;
      int oi = i * d;
      int oj = j * d;
      double[] b = other.data;
      for (int k = 0; k < d; k++) {
        double x = data[oi + k];
        double y = b[oj + k];
        double cost;
        if (x == y) {
          cost = 0;
        } else if (Double.isNaN(x) || Double.isNaN(y)) {
          cost = Double.isNaN(x) && Double.isNaN(y) ? 0 : 1;
        } else if (continuous[k]) {
          cost = Math.min(Math.abs(x - y), 1.0);
        } else {
          cost = 1;
        }
        sum += cost;
        if (sum > limit) {
          return sum / d;
        }
      }
      return sum / d;
    }
  }

  /**
   * For every row of {@code queries}, the smallest and second-smallest distance to the rows of
   * {@code reference}.
   *
   * @param excludeSelf when queries and reference are the same rows, skip the pair (i, i)
   * @return {@code [0]} nearest distances, {@code [1]} second-nearest distances (NaN when the
   *     reference has fewer rows)
   */
  double[][] nearestTwo(Rows queries, Rows reference, boolean excludeSelf) {
    double[] first = new double[queries.count];
    double[] second = new double[queries.count];
    for (int i = 0; i < queries.count; i++) {
      double best = Double.POSITIVE_INFINITY;
      double next = Double.POSITIVE_INFINITY;
      for (int j = 0; j < reference.count; j++) {
        if (excludeSelf && i == j) {
          continue;
        }
        double dist = queries.distance(i, reference, j, next);
        if (dist < best) {
          next = best;
          best = dist;
        } else if (dist < next) {
          next = dist;
        }
      }
      first[i] = best == Double.POSITIVE_INFINITY ? Double.NaN : best;
      second[i] = next == Double.POSITIVE_INFINITY ? Double.NaN : next;
    }
    return new double[][] {first, second};
  }

  /** Distance to the closest reference row for each query row. */
  double[] nearest(Rows queries, Rows reference, boolean excludeSelf) {
    double[] best = new double[queries.count];
    for (int i = 0; i < queries.count; i++) {
      double b = Double.POSITIVE_INFINITY;
      for (int j = 0; j < reference.count; j++) {
        if (excludeSelf && i == j) {
          continue;
        }
        double dist = queries.distance(i, reference, j, b);
        if (dist < b) {
          b = dist;
          if (b == 0) {
            break;
          }
        }
      }
      best[i] = b == Double.POSITIVE_INFINITY ? Double.NaN : b;
    }
    return best;
  }
}
