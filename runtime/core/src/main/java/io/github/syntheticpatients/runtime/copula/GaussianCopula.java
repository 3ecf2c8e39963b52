package io.github.syntheticpatients.runtime.copula;

import io.github.syntheticpatients.runtime.ColumnKind;
import io.github.syntheticpatients.runtime.ModelFormatException;
import io.github.syntheticpatients.runtime.data.Table;
import io.github.syntheticpatients.runtime.encode.ColumnValues;
import io.github.syntheticpatients.runtime.encode.StateMaps;
import io.github.syntheticpatients.runtime.internal.Pearson;
import io.github.syntheticpatients.runtime.random.RandomStream;
import io.github.syntheticpatients.runtime.schema.ColumnSchema;
import io.github.syntheticpatients.runtime.schema.ProtectedValues;
import io.github.syntheticpatients.runtime.schema.TableSchema;
import io.github.syntheticpatients.runtime.schema.ValueProtection;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Gaussian copula over a table's learned columns: per-column marginals joined by the correlation
 * of their normal scores. Fitting and sampling are plain Java and fast, which makes it a baseline
 * for the GANs and a choice for tables too small to train one.
 *
 * <p>Continuous columns keep a 200-knot quantile function of their value-protected values (never
 * raw rows, never a value fewer than k records hold; see {@link ProtectedValues}) and score values
 * by their mid-rank empirical distribution; discrete columns keep the probabilities of their
 * categories. Every nullable column gets a second dimension, its [present, missing] indicator, so
 * missingness is modelled and correlated with the other columns (pbc's non-trial patients miss a
 * dozen columns together; one dimension with missing as an extra category reproduced only 60% of
 * that co-missingness). Correlations of value scores use the rows where both values are present,
 * and the matrix is shrunk toward the identity until it is positive definite.
 */
public final class GaussianCopula {
  private static final int FORMAT = 1;
  private static final String SOURCE = "copula state";
  private static final double INITIAL_SHRINKAGE = 0.01;

  private final TableSchema schema;
  private final List<ColumnSchema> learned;

  /** By learned column: the quantile function of a continuous column, else null. */
  private final ContinuousMarginal[] values;

  /** By learned column: the present categories of a discrete column, else null. */
  private final DiscreteMarginal[] categories;

  /** By learned column: the [present, missing] split of a nullable column, else null. */
  private final DiscreteMarginal[] missing;

  /**
   * By learned column: its value dimension; a nullable column's missing indicator is the next one.
   */
  private final int[] dimension;

  private final double[][] correlation;
  private final double[][] cholesky;

  private GaussianCopula(
      TableSchema schema,
      ContinuousMarginal[] values,
      DiscreteMarginal[] categories,
      DiscreteMarginal[] missing,
      double[][] correlation) {
    this.schema = schema;
    this.learned = schema.learnedColumns();
    this.values = values;
    this.categories = categories;
    this.missing = missing;
    this.dimension = dimensions(learned);
    int d = dimensionCount(learned);
    for (double[] row : correlation) {
      if (correlation.length != d || row.length != d) {
        throw new ModelFormatException(SOURCE, "correlation is not " + d + " by " + d);
      }
    }
    if (correlation.length != d) {
      throw new ModelFormatException(
          SOURCE, "correlation has " + correlation.length + " rows, expected " + d);
    }
    this.correlation = correlation;
    this.cholesky = d == 0 ? new double[0][0] : choleskyFactor(correlation);
  }

  private static int[] dimensions(List<ColumnSchema> learned) {
    int[] dimension = new int[learned.size()];
    int d = 0;
    for (int i = 0; i < learned.size(); i++) {
      dimension[i] = d;
      d += learned.get(i).nullable() ? 2 : 1;
    }
    return dimension;
  }

  private static int dimensionCount(List<ColumnSchema> learned) {
    int d = 0;
    for (ColumnSchema column : learned) {
      d += column.nullable() ? 2 : 1;
    }
    return d;
  }

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
    int d = dimensionCount(learned);
    ContinuousMarginal[] values = new ContinuousMarginal[learned.size()];
    DiscreteMarginal[] categories = new DiscreteMarginal[learned.size()];
    DiscreteMarginal[] missing = new DiscreteMarginal[learned.size()];
    double[][] scores = new double[d][];
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
        values[i] = ContinuousMarginal.fit(protectedValues.values());
        scores[dim++] = ContinuousMarginal.scores(cells);
      } else {
        int[] codes =
            Arrays.stream(cells).filter(v -> !Double.isNaN(v)).mapToInt(v -> (int) v).toArray();
        categories[i] = DiscreteMarginal.fit(codes, column.categories().size());
        double[] categoryScores = new double[rows];
        for (int r = 0; r < rows; r++) {
          categoryScores[r] =
              Double.isNaN(cells[r]) ? Double.NaN : categories[i].score((int) cells[r]);
        }
        scores[dim++] = categoryScores;
      }
      if (column.nullable()) {
        int[] codes = new int[rows];
        for (int r = 0; r < rows; r++) {
          codes[r] = Double.isNaN(cells[r]) ? 1 : 0;
        }
        missing[i] = DiscreteMarginal.fit(codes, 2);
        double[] indicatorScores = new double[rows];
        for (int r = 0; r < rows; r++) {
          indicatorScores[r] = missing[i].score(codes[r]);
        }
        scores[dim++] = indicatorScores;
      }
    }
    return new GaussianCopula(
        schema, values, categories, missing, positiveDefinite(pairwiseCorrelation(scores)));
  }

  /**
   * Pearson correlations over the rows where both scores are present (at least 3); 0 where
   * undefined.
   */
  private static double[][] pairwiseCorrelation(double[][] scores) {
    int d = scores.length;
    double[][] r = new double[d][d];
    for (int a = 0; a < d; a++) {
      r[a][a] = 1;
      for (int b = a + 1; b < d; b++) {
        double rho = Pearson.of(scores[a], scores[b], 3);
        double value = Double.isNaN(rho) ? 0 : rho;
        r[a][b] = value;
        r[b][a] = value;
      }
    }
    return r;
  }

  /**
   * Shrinks toward the identity, doubling the shrinkage until the Cholesky factorisation succeeds.
   */
  private static double[][] positiveDefinite(double[][] r) {
    int d = r.length;
    for (double shrinkage = INITIAL_SHRINKAGE; ; shrinkage = Math.min(1.0, shrinkage * 2)) {
      double[][] shrunk = new double[d][d];
      for (int a = 0; a < d; a++) {
        for (int b = 0; b < d; b++) {
          shrunk[a][b] = a == b ? 1.0 : (1 - shrinkage) * r[a][b];
        }
      }
      if (shrinkage >= 1.0 || Cholesky.lower(shrunk).isPresent()) {
        return shrunk;
      }
    }
  }

  private static double[][] choleskyFactor(double[][] matrix) {
    return Cholesky.lower(matrix)
        .orElseThrow(
            () ->
                new ModelFormatException(
                    SOURCE, "the correlation matrix is not symmetric positive definite"));
  }

  /** The schema sampled tables use. */
  public TableSchema schema() {
    return schema;
  }

  /**
   * The correlation of the normal scores: per learned column its values, then its missing indicator
   * if nullable.
   */
  public double[][] correlation() {
    double[][] copy = new double[correlation.length][];
    for (int i = 0; i < copy.length; i++) {
      copy[i] = correlation[i].clone();
    }
    return copy;
  }

  /**
   * Samples synthetic rows: correlated normals, mapped through each column's marginal. Values stay
   * in the protected range (the k-th smallest to the k-th largest training value); INTEGER, DATE
   * and DATETIME values are whole.
   *
   * @param rows how many rows
   * @param random the source of randomness; the same seed gives the same table
   * @return a table over the full schema, identifier and dropped columns NaN
   */
  public Table sample(int rows, RandomStream random) {
    if (rows < 0) {
      throw new IllegalArgumentException("rows must be 0 or more, was " + rows);
    }
    int d = correlation.length;
    double[][] out = new double[schema.columns().size()][];
    int[] target = new int[learned.size()];
    for (int i = 0; i < learned.size(); i++) {
      target[i] = schema.indexOf(learned.get(i).name());
      out[target[i]] = new double[rows];
    }
    for (int c = 0; c < out.length; c++) {
      if (out[c] == null) {
        out[c] = new double[rows];
        Arrays.fill(out[c], Double.NaN);
      }
    }
    double[] independent = new double[d];
    double[] p = new double[d];
    for (int row = 0; row < rows; row++) {
      for (int j = 0; j < d; j++) {
        independent[j] = StandardNormal.inverse(random.nextDouble());
      }
      for (int a = 0; a < d; a++) {
        double z = 0;
        double[] l = cholesky[a];
        for (int b = 0; b <= a; b++) {
          z += l[b] * independent[b];
        }
        p[a] = StandardNormal.cdf(z);
      }
      for (int i = 0; i < learned.size(); i++) {
        ColumnSchema column = learned.get(i);
        int dim = dimension[i];
        double value;
        if (missing[i] != null && missing[i].category(p[dim + 1]) == 1) {
          value = Double.NaN;
        } else if (values[i] != null) {
          value = values[i].quantile(p[dim]);
          if (column.kind() != ColumnKind.NUMERIC) {
            value = Math.rint(value);
          }
        } else {
          value = categories[i].category(p[dim]);
        }
        out[target[i]][row] = value;
      }
    }
    return new Table(schema, out);
  }

  /** The fitted state as plain JDK values for a JSON model file; doubles round-trip exactly. */
  public Map<String, Object> state() {
    Map<String, Object> state = new LinkedHashMap<>();
    state.put("format", FORMAT);
    List<Map<String, Object>> columns = new ArrayList<>();
    for (int i = 0; i < learned.size(); i++) {
      ColumnSchema column = learned.get(i);
      Map<String, Object> c = new LinkedHashMap<>();
      c.put("name", column.name());
      c.put("kind", column.kind().name());
      c.put("nullable", column.nullable());
      if (values[i] != null) {
        c.put("quantiles", StateMaps.list(values[i].knots()));
      }
      if (categories[i] != null) {
        c.put("probabilities", StateMaps.list(categories[i].probabilities()));
      }
      if (missing[i] != null) {
        c.put("missing", StateMaps.list(missing[i].probabilities()));
      }
      columns.add(c);
    }
    state.put("columns", columns);
    state.put("correlation", StateMaps.list(correlation));
    return state;
  }

  /**
   * Rebuilds a copula from {@link #state()}.
   *
   * @param schema the schema it was fitted on
   * @throws ModelFormatException when the state is malformed or does not match the schema
   */
  public static GaussianCopula fromState(TableSchema schema, Map<String, Object> state) {
    StateMaps read = new StateMaps(SOURCE);
    read.requireFormat(state, FORMAT);
    List<ColumnSchema> learned = schema.learnedColumns();
    List<Map<String, Object>> columns = read.maps(state, "columns");
    if (columns.size() != learned.size()) {
      throw new ModelFormatException(
          SOURCE,
          "it models " + columns.size() + " columns but the schema learns " + learned.size());
    }
    ContinuousMarginal[] values = new ContinuousMarginal[learned.size()];
    DiscreteMarginal[] categories = new DiscreteMarginal[learned.size()];
    DiscreteMarginal[] missing = new DiscreteMarginal[learned.size()];
    try {
      for (int i = 0; i < learned.size(); i++) {
        ColumnSchema column = learned.get(i);
        Map<String, Object> c = columns.get(i);
        if (!read.string(c, "name").equals(column.name())
            || !read.string(c, "kind").equals(column.kind().name())
            || read.bool(c, "nullable") != column.nullable()) {
          throw new ModelFormatException(
              SOURCE,
              "column "
                  + (i + 1)
                  + " is '"
                  + c.get("name")
                  + "' ("
                  + c.get("kind")
                  + ", nullable "
                  + c.get("nullable")
                  + ") but the schema has '"
                  + column.name()
                  + "' ("
                  + column.kind()
                  + ", nullable "
                  + column.nullable()
                  + ")");
        }
        if (column.kind().isContinuous()) {
          values[i] = new ContinuousMarginal(read.doubles(c, "quantiles"));
        } else {
          categories[i] =
              marginal(read.doubles(c, "probabilities"), column.categories().size(), column);
        }
        if (column.nullable()) {
          missing[i] = marginal(read.doubles(c, "missing"), 2, column);
        }
      }
      return new GaussianCopula(
          schema, values, categories, missing, read.matrix(state, "correlation"));
    } catch (IllegalArgumentException e) {
      throw new ModelFormatException(SOURCE, e.getMessage(), e);
    }
  }

  private static DiscreteMarginal marginal(
      double[] probabilities, int expected, ColumnSchema column) {
    if (probabilities.length != expected) {
      throw new ModelFormatException(
          SOURCE,
          "column '"
              + column.name()
              + "' has "
              + probabilities.length
              + " probabilities, expected "
              + expected);
    }
    return new DiscreteMarginal(probabilities);
  }
}
