package io.github.syntheticpatients.runtime.eval.stats;

import io.github.syntheticpatients.runtime.data.Table;
import io.github.syntheticpatients.runtime.schema.ColumnSchema;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns table rows into classifier features, fitted on a reference table: a continuous column
 * becomes its z-score (missing → 0, the mean) plus a missing indicator when the reference has
 * missing values; a discrete column becomes one-hot indicators over its categories plus one for
 * missing.
 */
public final class FeatureEncoder {
  private final int[] columns;
  private final boolean[] continuous;
  private final double[] mean;
  private final double[] scale;
  private final boolean[] missingIndicator;
  private final int[] categories;
  private final String[] names;

  private FeatureEncoder(Table reference, int[] columns) {
    this.columns = columns.clone();
    int k = columns.length;
    continuous = new boolean[k];
    mean = new double[k];
    scale = new double[k];
    missingIndicator = new boolean[k];
    categories = new int[k];
    List<String> featureNames = new ArrayList<>();
    for (int i = 0; i < k; i++) {
      ColumnSchema column = TableColumns.column(reference, columns[i]);
      double[] values = reference.column(columns[i]);
      if (column.kind().isContinuous()) {
        continuous[i] = true;
        double sum = 0;
        int n = 0;
        for (double v : values) {
          if (!Double.isNaN(v)) {
            sum += v;
            n++;
          }
        }
        mean[i] = n == 0 ? 0 : sum / n;
        double ss = 0;
        for (double v : values) {
          if (!Double.isNaN(v)) {
            ss += (v - mean[i]) * (v - mean[i]);
          }
        }
        double sd = n < 2 ? 0 : Math.sqrt(ss / (n - 1));
        scale[i] = sd > 0 ? sd : 1.0;
        missingIndicator[i] = n < values.length;
        featureNames.add(column.name());
        if (missingIndicator[i]) {
          featureNames.add(column.name() + "#missing");
        }
      } else {
        categories[i] = column.categories().size();
        for (String category : column.categories()) {
          featureNames.add(column.name() + "=" + category);
        }
        featureNames.add(column.name() + "#missing");
      }
    }
    names = featureNames.toArray(String[]::new);
  }

  /** An encoder for the given table columns, fitted on {@code reference}. */
  public static FeatureEncoder fit(Table reference, int[] columns) {
    return new FeatureEncoder(reference, columns);
  }

  public String[] names() {
    return names.clone();
  }

  /** The feature values of one row, in {@link #names()} order. */
  public double[] encode(Table table, int row) {
    double[] out = new double[names.length];
    int f = 0;
    for (int i = 0; i < columns.length; i++) {
      double v = table.value(row, columns[i]);
      if (continuous[i]) {
        out[f++] = Double.isNaN(v) ? 0 : (v - mean[i]) / scale[i];
        if (missingIndicator[i]) {
          out[f++] = Double.isNaN(v) ? 1 : 0;
        }
      } else {
        if (!Double.isNaN(v) && v >= 0 && v < categories[i]) {
          out[f + (int) v] = 1;
        } else {
          out[f + categories[i]] = 1;
        }
        f += categories[i] + 1;
      }
    }
    return out;
  }
}
