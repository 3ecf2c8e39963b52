package io.github.syntheticpatients.runtime.eval.fidelity;

import io.github.syntheticpatients.runtime.ColumnKind;
import io.github.syntheticpatients.runtime.data.Table;
import io.github.syntheticpatients.runtime.eval.stats.TableColumns;
import io.github.syntheticpatients.runtime.internal.Pearson;
import io.github.syntheticpatients.runtime.schema.ColumnSchema;
import io.github.syntheticpatients.runtime.schema.ValueProtection;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Code co-occurrence fidelity as HALO (Theodorou et al., 2023) measures it: for every pair of
 * codes, the share of records holding both, in the real and in the synthetic table; the score is
 * R², the squared Pearson correlation of the two rates over every pair seen in either table. 1 when
 * synthetic records combine codes as real ones do.
 *
 * <p>Code columns are those the schema marks as codes (diagnosis, procedure or drug slots; see
 * {@link #codeColumns}); they share one vocabulary, so {@code 428} in {@code diag_1} and in {@code
 * diag_3} is one code. A record's codes are a set: a code in two slots counts once. {@link
 * ValueProtection#RARE_CATEGORY} and missing values are not codes. Only rates are computed: no code
 * is stored or reported.
 */
public final class CodeCooccurrence {
  /** A categorical column with more categories than this is a code column. */
  public static final int MIN_CODES = 50;

  /** Fewer code pairs than this give no R². */
  private static final int MIN_PAIRS = 3;

  private CodeCooccurrence() {}

  /**
   * The learned code columns of a table's schema, in schema order: those the schema marks as codes
   * ({@link ColumnSchema#isCodeColumn()}); in a schema that marks none (written before code columns
   * were marked), the categorical columns with more than {@value #MIN_CODES} categories.
   */
  public static List<String> codeColumns(Table table) {
    List<String> marked = new ArrayList<>();
    List<String> large = new ArrayList<>();
    for (ColumnSchema column : table.schema().columns()) {
      if (!column.isLearned()) {
        continue;
      }
      if (column.isCodeColumn()) {
        marked.add(column.name());
      }
      if (column.kind() == ColumnKind.CATEGORICAL && column.categories().size() > MIN_CODES) {
        large.add(column.name());
      }
    }
    return marked.isEmpty() ? large : marked;
  }

  /**
   * R² of the pairwise co-occurrence rates over the {@link #codeColumns} of the real table, or NaN
   * when there are fewer than two code columns or fewer than {@value #MIN_PAIRS} pairs.
   */
  public static double r2(Table real, Table synthetic) {
    List<String> columns = codeColumns(real);
    return columns.size() < 2 ? Double.NaN : r2(real, synthetic, columns);
  }

  /**
   * R² of the pairwise co-occurrence rates over the named columns (read with one schema).
   *
   * @throws IllegalArgumentException if a column is missing or not discrete
   */
  public static double r2(Table real, Table synthetic, List<String> columns) {
    TableColumns.requireSameColumns(real, synthetic, "synthetic table");
    Map<String, Double> realRates = pairRates(real, columns);
    Map<String, Double> syntheticRates = pairRates(synthetic, columns);
    Set<String> pairs = new TreeSet<>(realRates.keySet());
    pairs.addAll(syntheticRates.keySet());
    if (pairs.size() < MIN_PAIRS) {
      return Double.NaN;
    }
    double[] x = new double[pairs.size()];
    double[] y = new double[pairs.size()];
    int i = 0;
    for (String pair : pairs) {
      x[i] = realRates.getOrDefault(pair, 0.0);
      y[i] = syntheticRates.getOrDefault(pair, 0.0);
      i++;
    }
    double rho = Pearson.of(x, y, MIN_PAIRS);
    return Double.isNaN(rho) ? Double.NaN : rho * rho;
  }

  /**
   * For each unordered pair of codes held together by a record, the share of the table's records
   * holding it.
   */
  static Map<String, Double> pairRates(Table table, List<String> columns) {
    List<double[]> values = new ArrayList<>();
    List<List<String>> categories = new ArrayList<>();
    for (String name : columns) {
      ColumnSchema column =
          table
              .schema()
              .column(name)
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "No column '" + name + "' for code co-occurrence"));
      if (!column.kind().isDiscrete()) {
        throw new IllegalArgumentException(
            "Column '"
                + name
                + "' is "
                + column.kind()
                + ", not a code column; code co-occurrence needs categories");
      }
      values.add(table.column(name));
      categories.add(column.categories());
    }
    Map<String, Integer> counts = new HashMap<>();
    for (int r = 0; r < table.rowCount(); r++) {
      Set<String> codes = new HashSet<>();
      for (int c = 0; c < values.size(); c++) {
        double v = values.get(c)[r];
        if (!Double.isNaN(v)) {
          String code = categories.get(c).get((int) v);
          if (!code.equals(ValueProtection.RARE_CATEGORY)) {
            codes.add(code);
          }
        }
      }
      List<String> sorted = new ArrayList<>(new TreeSet<>(codes));
      for (int a = 0; a < sorted.size(); a++) {
        for (int b = a + 1; b < sorted.size(); b++) {
          counts.merge(sorted.get(a) + '\u0000' + sorted.get(b), 1, Integer::sum);
        }
      }
    }
    Map<String, Double> rates = new HashMap<>();
    double records = Math.max(1, table.rowCount());
    counts.forEach((pair, n) -> rates.put(pair, n / records));
    return rates;
  }
}
