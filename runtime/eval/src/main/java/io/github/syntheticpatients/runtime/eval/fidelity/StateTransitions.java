package io.github.syntheticpatients.runtime.eval.fidelity;

import io.github.syntheticpatients.runtime.data.Timelines;
import io.github.syntheticpatients.runtime.eval.stats.TreeValues;
import io.github.syntheticpatients.runtime.schema.ColumnSchema;
import io.github.syntheticpatients.runtime.schema.TableSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How categorical and binary states move from one visit to the next: for each discrete time-varying
 * column, the transition matrix over consecutive visit pairs of a patient (both present),
 * row-normalised, real against synthetic. A row's distance is the total variation between its real
 * and synthetic next-state distributions (1 when the synthetic data never leaves that state's row,
 * i.e. never holds it before another visit); the column's score is 1 minus the rows' distances
 * weighted by how often the real data starts a transition in each state. Where {@link
 * TimelineQuality}'s same-category share asks only how often a state persists, this also asks where
 * it goes.
 *
 * @param columns one entry per discrete time-varying column, in schema order
 * @param score the mean of the columns' scores that are not NaN; NaN when none is
 */
public record StateTransitions(List<Column> columns, double score) {
  public StateTransitions {
    columns = List.copyOf(columns);
  }

  /**
   * One column's comparison.
   *
   * @param column the column name
   * @param realPairs real consecutive visit pairs with both values present
   * @param syntheticPairs synthetic ones
   * @param score 1 − the real-frequency-weighted total variation of the rows; NaN without real
   *     pairs
   */
  public record Column(String column, int realPairs, int syntheticPairs, double score) {}

  /** Compares the transition matrices of every discrete time-varying column. */
  public static StateTransitions compute(Timelines real, Timelines synthetic) {
    TableSchema schema = real.schema();
    List<Column> columns = new ArrayList<>();
    for (ColumnSchema column : schema.timeVaryingColumns()) {
      if (!column.kind().isDiscrete()) {
        continue;
      }
      int c = schema.indexOf(column.name());
      Map<Double, Map<Double, Integer>> r = counts(real, c);
      Map<Double, Map<Double, Integer>> s = counts(synthetic, c);
      columns.add(new Column(column.name(), total(r), total(s), similarity(r, s)));
    }
    return new StateTransitions(
        columns, QualityReport.nanMean(columns.stream().mapToDouble(Column::score).toArray()));
  }

  /**
   * The transition counts {@code from → to → count} over consecutive visits of each patient whose
   * values are both present.
   */
  public static Map<Double, Map<Double, Integer>> counts(Timelines timelines, int column) {
    double[] x = timelines.visits().column(column);
    Map<Double, Map<Double, Integer>> counts = new TreeMap<>();
    for (int p = 0; p < timelines.patientCount(); p++) {
      int from = timelines.firstRow(p);
      int to = from + timelines.visitCount(p);
      for (int r = from; r + 1 < to; r++) {
        if (!Double.isNaN(x[r]) && !Double.isNaN(x[r + 1])) {
          counts.computeIfAbsent(x[r], k -> new TreeMap<>()).merge(x[r + 1], 1, Integer::sum);
        }
      }
    }
    return counts;
  }

  /**
   * 1 − Σ_i w_i·TV_i over the real matrix's rows i, with w_i the real share of transitions that
   * start in state i and TV_i the total variation between the real and synthetic row i (1 when the
   * synthetic row is empty). NaN when the real matrix is empty.
   */
  public static double similarity(
      Map<Double, Map<Double, Integer>> real, Map<Double, Map<Double, Integer>> synthetic) {
    int realTotal = total(real);
    if (realTotal == 0) {
      return Double.NaN;
    }
    double distance = 0;
    for (Map.Entry<Double, Map<Double, Integer>> row : real.entrySet()) {
      int realRow = rowTotal(row.getValue());
      Map<Double, Integer> other = synthetic.getOrDefault(row.getKey(), Map.of());
      int syntheticRow = rowTotal(other);
      double tv = 1;
      if (syntheticRow > 0) {
        Map<Double, double[]> both = new TreeMap<>();
        row.getValue().forEach((to, n) -> both.computeIfAbsent(to, k -> new double[2])[0] = n);
        other.forEach((to, n) -> both.computeIfAbsent(to, k -> new double[2])[1] = n);
        double sum = 0;
        for (double[] pair : both.values()) {
          sum += Math.abs(pair[0] / realRow - pair[1] / syntheticRow);
        }
        tv = sum / 2;
      }
      distance += (double) realRow / realTotal * tv;
    }
    return 1 - distance;
  }

  /** The scores for {@code report.json} (NaN becomes null). */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new TreeMap<>();
    m.put("score", TreeValues.num(score));
    List<Object> list = new ArrayList<>();
    for (Column c : columns) {
      Map<String, Object> e = new TreeMap<>();
      e.put("column", c.column());
      e.put("realPairs", c.realPairs());
      e.put("syntheticPairs", c.syntheticPairs());
      e.put("score", TreeValues.num(c.score()));
      list.add(e);
    }
    m.put("columns", list);
    return m;
  }

  private static int total(Map<Double, Map<Double, Integer>> counts) {
    return counts.values().stream().mapToInt(StateTransitions::rowTotal).sum();
  }

  private static int rowTotal(Map<Double, Integer> row) {
    return row.values().stream().mapToInt(Integer::intValue).sum();
  }
}
