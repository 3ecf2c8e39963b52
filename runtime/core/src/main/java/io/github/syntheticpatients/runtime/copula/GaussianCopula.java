package io.github.syntheticpatients.runtime.copula;

import io.github.syntheticpatients.runtime.ColumnKind;
import io.github.syntheticpatients.runtime.ModelFormatException;
import io.github.syntheticpatients.runtime.data.Table;
import io.github.syntheticpatients.runtime.data.ValueRange;
import io.github.syntheticpatients.runtime.encode.StateMaps;
import io.github.syntheticpatients.runtime.internal.StandardNormal;
import io.github.syntheticpatients.runtime.random.RandomStream;
import io.github.syntheticpatients.runtime.schema.ColumnSchema;
import io.github.syntheticpatients.runtime.schema.ProtectedValues;
import io.github.syntheticpatients.runtime.schema.TableSchema;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

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
 * that co-missingness). Correlations of value scores use the rows where both values are present;
 * where a side is discrete (a category or a missing indicator) they are estimated on the latent
 * normal scale, and the matrix is repaired and shrunk toward the identity until it is positive
 * definite. Fitting lives in runtime/train ({@code runtime.fit.copula.GaussianCopulaFitter}); this
 * class loads and samples.
 */
public final class GaussianCopula {
  private static final int FORMAT = 1;
  private static final String SOURCE = "copula state";

  /** Draws of a fixed nullable column before its missing indicator is deemed stuck on "missing". */
  private static final int MAX_PRESENT_ATTEMPTS = 10_000;

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

  /**
   * A copula from its marginals and correlation, each array by learned column. Internal: public for
   * runtime/train's fitting ({@code runtime.fit.copula.GaussianCopulaFitter}) and for loading.
   *
   * @param schema the schema sampled tables use
   * @param values the quantile function of each continuous column, else null
   * @param categories the category probabilities of each discrete column, else null
   * @param missing the [present, missing] split of each nullable column, else null
   * @param correlation the positive-definite correlation of the {@link #dimensionCount} normal
   *     scores
   * @throws ModelFormatException when the correlation has the wrong size or is not positive
   *     definite
   */
  public GaussianCopula(
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

  /** The copula's dimensions: one per learned column, two for a nullable one. */
  public static int dimensionCount(List<ColumnSchema> learned) {
    int d = 0;
    for (ColumnSchema column : learned) {
      d += column.nullable() ? 2 : 1;
    }
    return d;
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
    double[][] out = emptyColumns(rows);
    int[] target = targets();
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
      write(p, out, target, row);
    }
    return new Table(schema, out);
  }

  /**
   * Samples rows whose discrete column {@code column} holds {@code category}, without rejection:
   * the column's normal score is drawn from the standard normal truncated to the category's
   * interval (by inversion), the other scores from the normal conditional on it ({@code
   * ConditionalNormal}), so the other columns keep their dependence on the category. For a nullable
   * column a row whose missing indicator comes out "missing" is drawn again, which keeps the draw
   * exact given both "present" and the category.
   *
   * @param rows how many rows
   * @param column a learned discrete column
   * @param category the index of one of its categories
   * @param random the source of randomness; the same seed gives the same table
   * @throws IllegalArgumentException when the column is not a learned discrete column or the
   *     category is out of range
   */
  public Table sample(int rows, String column, int category, RandomStream random) {
    int i = discreteColumn(column);
    if (category < 0 || category >= learned.get(i).categories().size()) {
      throw new IllegalArgumentException("Column '" + column + "' has no category " + category);
    }
    int k = dimension[i];
    ConditionalNormal given = ConditionalNormal.given(correlation, k);
    double low = categories[i].lowerBound(category);
    double high = categories[i].upperBound(category);
    double[][] out = emptyColumns(rows);
    int[] target = targets();
    double[] independent = new double[given.width()];
    double[] z = new double[correlation.length];
    double[] p = new double[correlation.length];
    for (int row = 0; row < rows; row++) {
      for (int attempt = 0; ; attempt++) {
        if (attempt == MAX_PRESENT_ATTEMPTS) {
          throw new IllegalStateException(
              "Column '" + column + "' came out missing in " + attempt + " draws in a row");
        }
        double score = StandardNormal.inverse(low + random.nextDouble() * (high - low));
        given.draw(score, random, independent, z);
        for (int a = 0; a < z.length; a++) {
          p[a] = StandardNormal.cdf(z[a]);
        }
        if (missing[i] == null || missing[i].category(p[k + 1]) == 0) {
          break;
        }
      }
      write(p, out, target, row);
      // The score's probability may round onto a neighbour's boundary; the category is given.
      out[target[i]][row] = category;
    }
    return new Table(schema, out);
  }

  /**
   * The share of present values in {@code column} that hold {@code category}, or empty when the
   * column is not a learned discrete column.
   */
  public OptionalDouble probability(String column, int category) {
    for (int i = 0; i < learned.size(); i++) {
      if (learned.get(i).name().equals(column) && categories[i] != null) {
        double[] probabilities = categories[i].probabilities();
        if (category < 0 || category >= probabilities.length) {
          return OptionalDouble.empty();
        }
        double total = 0;
        for (double q : probabilities) {
          total += q;
        }
        return OptionalDouble.of(probabilities[category] / total);
      }
    }
    return OptionalDouble.empty();
  }

  /**
   * The range a continuous column's sampled values lie in: its first and last quantile knot (the
   * protected minimum and maximum), rounded as whole-number kinds are sampled; empty when the
   * column is not a learned continuous column.
   */
  public Optional<ValueRange> valueRange(String column) {
    for (int i = 0; i < learned.size(); i++) {
      if (learned.get(i).name().equals(column) && values[i] != null) {
        double[] knots = values[i].knots();
        double min = knots[0];
        double max = knots[knots.length - 1];
        if (learned.get(i).kind() != ColumnKind.NUMERIC) {
          min = Math.rint(min);
          max = Math.rint(max);
        }
        return Optional.of(new ValueRange(min, max));
      }
    }
    return Optional.empty();
  }

  private int discreteColumn(String column) {
    for (int i = 0; i < learned.size(); i++) {
      if (learned.get(i).name().equals(column) && categories[i] != null) {
        return i;
      }
    }
    throw new IllegalArgumentException("'" + column + "' is not a learned discrete column");
  }

  /** The output arrays: learned columns zero, identifier and dropped columns NaN. */
  private double[][] emptyColumns(int rows) {
    double[][] out = new double[schema.columns().size()][];
    for (ColumnSchema column : learned) {
      out[schema.indexOf(column.name())] = new double[rows];
    }
    for (int c = 0; c < out.length; c++) {
      if (out[c] == null) {
        out[c] = new double[rows];
        Arrays.fill(out[c], Double.NaN);
      }
    }
    return out;
  }

  /** By learned column: its index in the schema. */
  private int[] targets() {
    int[] target = new int[learned.size()];
    for (int i = 0; i < learned.size(); i++) {
      target[i] = schema.indexOf(learned.get(i).name());
    }
    return target;
  }

  /** Maps one row's probabilities through the marginals into {@code out}. */
  private void write(double[] p, double[][] out, int[] target, int row) {
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
        read.requireColumn(i, c, column);
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
