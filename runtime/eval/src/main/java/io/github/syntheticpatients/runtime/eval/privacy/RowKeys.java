package io.github.syntheticpatients.runtime.eval.privacy;

import io.github.syntheticpatients.runtime.data.Table;
import io.github.syntheticpatients.runtime.eval.stats.EqualWidthBins;
import io.github.syntheticpatients.runtime.eval.stats.TableColumns;
import java.util.Arrays;

/**
 * Discrete row keys used by the exact-copy, attribute-disclosure and rare-combination checks,
 * fitted on the training table.
 *
 * <p>Binned keys code a continuous column into {@value #BINS} equal-width bins over the training
 * range with open outer bins ({@code pandas.cut} with −∞/+∞ ends, as SDMetrics'
 * DisclosureProtection does), a discrete column by its category, and a missing value as its own
 * code. Exact keys quantise a continuous value to 10⁻⁶ of the training range, so "equal" means
 * "within the tolerance of SDMetrics' DCR ≤ 1e-6".
 */
public final class RowKeys {
  static final int BINS = 10;
  static final long MISSING = Long.MIN_VALUE;

  private final int[] columns;
  private final boolean[] continuous;
  private final double[] min;
  private final EqualWidthBins[] bins;
  private final double[] quantum;

  private RowKeys(Table reference, int[] columns) {
    this.columns = columns.clone();
    int k = columns.length;
    continuous = new boolean[k];
    min = new double[k];
    bins = new EqualWidthBins[k];
    quantum = new double[k];
    for (int i = 0; i < k; i++) {
      if (TableColumns.column(reference, columns[i]).kind().isContinuous()) {
        continuous[i] = true;
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double v : reference.column(columns[i])) {
          if (!Double.isNaN(v)) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
          }
        }
        if (lo > hi) {
          lo = 0;
          hi = 0;
        }
        min[i] = lo;
        bins[i] = EqualWidthBins.over(lo, hi, BINS);
        quantum[i] = hi > lo ? (hi - lo) * 1e-6 : 0;
      }
    }
  }

  static RowKeys fittedOn(Table reference, int[] columns) {
    return new RowKeys(reference, columns);
  }

  int size() {
    return columns.length;
  }

  /** Binned codes of one row. */
  long[] binned(Table table, int row) {
    long[] key = new long[columns.length];
    for (int i = 0; i < columns.length; i++) {
      double v = table.value(row, columns[i]);
      if (Double.isNaN(v)) {
        key[i] = MISSING;
      } else if (continuous[i]) {
        key[i] = bins[i].of(v);
      } else {
        key[i] = (long) v;
      }
    }
    return key;
  }

  /** Exact (quantised) codes of one row. */
  Key exact(Table table, int row) {
    return new Key(exactCodes(table, row));
  }

  /**
   * The codes behind {@link #exact}, for keys that span several rows (a patient's whole timeline).
   */
  long[] exactCodes(Table table, int row) {
    long[] key = new long[columns.length];
    for (int i = 0; i < columns.length; i++) {
      double v = table.value(row, columns[i]);
      if (Double.isNaN(v)) {
        key[i] = MISSING;
      } else if (continuous[i] && quantum[i] > 0) {
        key[i] = Math.round((v - min[i]) / quantum[i]);
      } else {
        key[i] = Double.doubleToLongBits(v);
      }
    }
    return key;
  }

  /** A hashable row key. */
  static final class Key {
    private final long[] codes;

    Key(long[] codes) {
      this.codes = codes;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Key k && Arrays.equals(codes, k.codes);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(codes);
    }
  }
}
