package io.github.syntheticpatients.runtime.fit.argn;

import io.github.syntheticpatients.runtime.ColumnKind;
import io.github.syntheticpatients.runtime.InvalidInputException;
import io.github.syntheticpatients.runtime.data.Table;
import io.github.syntheticpatients.runtime.dp.DpSettings;
import io.github.syntheticpatients.runtime.encode.ArgnColumn;
import io.github.syntheticpatients.runtime.model.argn.ArgnEncoding;
import io.github.syntheticpatients.runtime.schema.ColumnSchema;
import io.github.syntheticpatients.runtime.schema.ProtectedValues;
import io.github.syntheticpatients.runtime.schema.TableSchema;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Fits the sub-column encoding of every learned column. Numeric columns: the grid is the column's
 * precision (10^−decimals for numbers, 1 for integers, days and seconds), coarsened to the greatest
 * common step of the values (whole fives, minutes), so that every generated value sits where real
 * values sit; the bounds are value protection's (the k-th smallest and largest value) and the bin
 * edges are quantiles of the protected values. No training value is stored.
 */
public final class ArgnEncodingFitter {
  /** Value bins per numeric column by default (fewer when the grid has fewer points). */
  public static final int DEFAULT_BINS = 24;

  /** Shares of each bin a value's position is learned at, by default. */
  public static final int DEFAULT_SUB_BINS = 12;

  private ArgnEncodingFitter() {}

  /** Fits every learned column of {@code table}'s schema. */
  public static ArgnEncoding fit(Table table, int k, int bins, int subBins) {
    List<ArgnColumn> columns = new ArrayList<>();
    for (ColumnSchema column : table.schema().learnedColumns()) {
      double[] values = table.column(column.name());
      // A nullable column gets a missing symbol even when this part has no missing value: the
      // validation part may have one.
      boolean missing = column.nullable();
      for (double v : values) {
        missing |= Double.isNaN(v);
      }
      if (column.kind().isDiscrete()) {
        columns.add(ArgnColumn.categorical(column.name(), column.categories().size(), missing));
      } else {
        columns.add(numeric(column, values, missing, k, bins, subBins));
      }
    }
    return new ArgnEncoding(table.schema(), columns);
  }

  /**
   * Fits every learned column of {@code schema} without reading any record, for DP training:
   * categories and missingness from the schema, numeric bounds from {@code bounds} (public ranges
   * the user declares), equal-width bins between them on the column's precision. Values outside the
   * bounds are clipped to them when encoded.
   *
   * @param boundsOption the option prefix a missing bound is asked for under (named in the error)
   * @throws InvalidInputException naming {@code boundsOption + column} when a numeric or date
   *     column has no declared bounds
   */
  public static ArgnEncoding fitPublic(
      TableSchema schema,
      Map<String, double[]> bounds,
      String boundsOption,
      int bins,
      int subBins) {
    List<ArgnColumn> columns = new ArrayList<>();
    for (ColumnSchema column : schema.learnedColumns()) {
      if (column.kind().isDiscrete()) {
        columns.add(
            ArgnColumn.categorical(column.name(), column.categories().size(), column.nullable()));
        continue;
      }
      double[] range = bounds.get(column.name());
      if (range == null) {
        throw DpSettings.missingBound(column, boundsOption);
      }
      double step = baseStep(column);
      double low = range[0];
      long top = Math.max(1, Math.round((range[1] - low) / step));
      List<Long> edges = new ArrayList<>();
      edges.add(0L);
      for (int b = 1; b < bins; b++) {
        long edge = (long) Math.ceil((double) b * (top + 1) / bins);
        if (edge > edges.get(edges.size() - 1) && edge <= top) {
          edges.add(edge);
        }
      }
      edges.add(top + 1);
      columns.add(
          ArgnColumn.numeric(
              column.name(),
              column.nullable(),
              low,
              step,
              edges.stream().mapToLong(Long::longValue).toArray(),
              subBins,
              decimals(column)));
    }
    return new ArgnEncoding(schema, columns);
  }

  /**
   * Fits one numeric (number, integer, date or date-time) column: its grid, value-protected bounds
   * and quantile bins; a withheld column when fewer than k records hold a value.
   *
   * @param missing whether the column gets a missing symbol
   */
  public static ArgnColumn numeric(
      ColumnSchema column, double[] values, boolean missing, int k, int bins, int subBins) {
    return numeric(column, values, missing, k, bins, subBins, false);
  }

  /**
   * As {@link #numeric(ColumnSchema, double[], boolean, int, int, int)}; with {@code isolateMasses}
   * a value held by at least a bin's share of the protected values (a point mass such as 0 nodes)
   * gets a bin of its own grid point, so a generator that picks the bin writes exactly that value
   * (the GAN's binned encoding, {@code numericEncoding=bins}). Such a value is a quantile of the
   * protected values, which the bin edges hold anyway.
   */
  public static ArgnColumn numeric(
      ColumnSchema column,
      double[] values,
      boolean missing,
      int k,
      int bins,
      int subBins,
      boolean isolateMasses) {
    ProtectedValues protectedValues = ProtectedValues.of(values, k);
    if (protectedValues.withheld() || protectedValues.count() == 0) {
      return ArgnColumn.withheld(column.name());
    }
    double low = protectedValues.low();
    double high = protectedValues.high();
    double step = step(column, values, low, high);
    long top = Math.round((high - low) / step);
    double[] sorted = protectedValues.values();
    // Quantiles do not decrease, so a sorted set keeps the same edges as a list that skips repeats.
    TreeSet<Long> edges = new TreeSet<>();
    edges.add(0L);
    for (int b = 1; b < bins; b++) {
      double quantile = sorted[(int) Math.min(sorted.length - 1, (long) b * sorted.length / bins)];
      long edge = (long) Math.ceil((quantile - low) / step - 1e-9);
      if (edge <= top) {
        edges.add(edge);
      }
      if (isolateMasses && count(sorted, quantile) * (long) bins >= sorted.length) {
        long point = Math.round((quantile - low) / step);
        edges.add(point);
        if (point + 1 <= top) {
          edges.add(point + 1);
        }
      }
    }
    if (isolateMasses && count(sorted, sorted[0]) * (long) bins >= sorted.length && top >= 1) {
      edges.add(1L);
    }
    edges.add(top + 1);
    long[] edgeArray = edges.stream().mapToLong(Long::longValue).toArray();
    return ArgnColumn.numeric(
        column.name(), missing, low, step, edgeArray, subBins, decimals(column));
  }

  /** How many entries of the sorted array equal {@code value}. */
  private static int count(double[] sorted, double value) {
    int from = Arrays.binarySearch(sorted, value);
    int to = from;
    while (from > 0 && sorted[from - 1] == value) {
      from--;
    }
    while (to < sorted.length - 1 && sorted[to + 1] == value) {
      to++;
    }
    return to - from + 1;
  }

  /**
   * The column's grid step: its precision times the greatest common divisor of the values' grid
   * offsets from {@code low} (within the protected bounds).
   */
  static double step(ColumnSchema column, double[] values, double low, double high) {
    double base = baseStep(column);
    BigInteger gcd = BigInteger.ZERO;
    for (double v : values) {
      if (Double.isNaN(v) || v <= low || v > high) {
        continue;
      }
      long units = Math.round((v - low) / base);
      if (units > 0) {
        gcd = gcd.gcd(BigInteger.valueOf(units));
        if (gcd.equals(BigInteger.ONE)) {
          break;
        }
      }
    }
    return gcd.signum() == 0 ? base : base * gcd.longValue();
  }

  /**
   * The decimals decoded values are rounded to: a number column's (its grid is decimal, which
   * binary floating point misses by an ulp); −1 for integers, days and seconds, whose grid is
   * exact.
   */
  private static int decimals(ColumnSchema column) {
    return column.kind() == ColumnKind.NUMERIC ? Math.min(15, Math.max(0, column.decimals())) : -1;
  }

  /** The column's precision: 10^−decimals for numbers, 1 for integers, days and seconds. */
  private static double baseStep(ColumnSchema column) {
    return column.kind() == ColumnKind.NUMERIC ? Math.pow(10, -Math.max(0, column.decimals())) : 1;
  }
}
