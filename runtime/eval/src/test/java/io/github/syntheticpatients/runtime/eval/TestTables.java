package io.github.syntheticpatients.runtime.eval;

import io.github.syntheticpatients.runtime.ColumnKind;
import io.github.syntheticpatients.runtime.data.Table;
import io.github.syntheticpatients.runtime.schema.ColumnSchema;
import io.github.syntheticpatients.runtime.schema.TableSchema;
import java.util.List;
import java.util.Random;

/** Small seeded tables for the evaluation tests. */
public final class TestTables {
  private TestTables() {}

  public static final TableSchema SCHEMA =
      new TableSchema(
          List.of(
              new ColumnSchema("id", ColumnKind.IDENTIFIER, false, 0, List.of(), 0, false),
              new ColumnSchema("age", ColumnKind.NUMERIC, false, 0, List.of(), 1, false),
              new ColumnSchema("bmi", ColumnKind.NUMERIC, true, 0.05, List.of(), 1, false),
              new ColumnSchema("sex", ColumnKind.BINARY, false, 0, List.of("f", "m"), 0, false),
              new ColumnSchema(
                  "stage", ColumnKind.CATEGORICAL, false, 0, List.of("1", "2", "3", "4"), 0, false),
              new ColumnSchema("visit", ColumnKind.DATE, false, 0, List.of(), 0, false),
              new ColumnSchema(
                  "outcome", ColumnKind.BINARY, false, 0, List.of("0", "1"), 0, false)),
          "outcome",
          null,
          null);

  /**
   * Rows from one fixed joint distribution: age drives bmi, stage and outcome; 5 % of bmi missing.
   */
  public static Table patients(int n, long seed) {
    Random random = new Random(seed);
    double[][] c = new double[SCHEMA.columns().size()][n];
    for (int i = 0; i < n; i++) {
      double age = Math.round((50 + 12 * random.nextGaussian()) * 10) / 10.0;
      c[0][i] = Double.NaN;
      c[1][i] = age;
      c[2][i] =
          random.nextDouble() < 0.05
              ? Double.NaN
              : Math.round((18 + 0.2 * age + 3 * random.nextGaussian()) * 10) / 10.0;
      c[3][i] = random.nextDouble() < 0.45 ? 1 : 0;
      int stage =
          (int) Math.max(0, Math.min(3, Math.floor((age - 20) / 15 + random.nextGaussian() * 0.7)));
      c[4][i] = stage;
      c[5][i] = 18000 + random.nextInt(2000);
      double logit = -6 + 0.08 * age + 0.5 * stage + 0.4 * c[3][i];
      c[6][i] = random.nextDouble() < 1 / (1 + Math.exp(-logit)) ? 1 : 0;
    }
    return new Table(SCHEMA, c);
  }

  /**
   * Uniform noise over each column's range (continuous) or categories (discrete), no missing
   * values.
   */
  public static Table noise(Table like, int n, long seed) {
    Random random = new Random(seed);
    double[][] c = new double[like.columnCount()][n];
    for (int col = 0; col < like.columnCount(); col++) {
      ColumnSchema column = like.schema().columns().get(col);
      double min = Double.POSITIVE_INFINITY;
      double max = Double.NEGATIVE_INFINITY;
      for (double v : like.column(col)) {
        if (!Double.isNaN(v)) {
          min = Math.min(min, v);
          max = Math.max(max, v);
        }
      }
      for (int i = 0; i < n; i++) {
        if (!column.isLearned()) {
          c[col][i] = Double.NaN;
        } else if (column.kind().isDiscrete()) {
          c[col][i] = random.nextInt(column.categories().size());
        } else {
          c[col][i] = min + (max - min) * random.nextDouble();
        }
      }
    }
    return new Table(like.schema(), c);
  }

  /** {@code base} with its first {@code k} rows replaced by random rows of {@code source}. */
  public static Table withCopiedRows(Table base, Table source, int k, long seed) {
    Random random = new Random(seed);
    double[][] c = new double[base.columnCount()][];
    for (int col = 0; col < base.columnCount(); col++) {
      c[col] = base.column(col).clone();
    }
    for (int i = 0; i < k; i++) {
      int from = random.nextInt(source.rowCount());
      for (int col = 0; col < base.columnCount(); col++) {
        c[col][i] = source.value(from, col);
      }
    }
    return new Table(base.schema(), c);
  }

  /** A table of the given schema from columns. */
  public static Table of(TableSchema schema, double[]... columns) {
    return new Table(schema, columns);
  }
}
