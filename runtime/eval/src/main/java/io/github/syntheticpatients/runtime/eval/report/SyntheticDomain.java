package io.github.syntheticpatients.runtime.eval.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Synthetic values outside the real data's domain, per learned column: a finding of the evaluation,
 * not a reason to refuse the file. Counts only; the report never shows the real range or categories
 * they were judged against.
 *
 * @param rows synthetic rows (visits for longitudinal data)
 * @param columns one entry per learned column, in schema order
 */
public record SyntheticDomain(int rows, List<Column> columns) {
  public SyntheticDomain {
    columns = List.copyOf(columns);
  }

  /**
   * One column's findings.
   *
   * @param column the column name
   * @param outOfRange continuous values below the smallest or above the largest real value
   * @param unseenCategory discrete values that no real record holds (evaluated as missing)
   * @param unexpectedMissing missing values in a column that the real data never leaves missing
   */
  public record Column(String column, int outOfRange, int unseenCategory, int unexpectedMissing) {}

  /** Synthetic values outside the domain, all columns together. */
  public int total() {
    return columns.stream()
        .mapToInt(c -> c.outOfRange() + c.unseenCategory() + c.unexpectedMissing())
        .sum();
  }

  /** The findings as report.json holds them: rates over the synthetic rows, per column. */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new TreeMap<>();
    m.put("rows", rows);
    m.put("valuesOutsideDomain", total());
    List<Object> list = new ArrayList<>();
    for (Column c : columns) {
      Map<String, Object> entry = new TreeMap<>();
      entry.put("column", c.column());
      entry.put("outOfRange", c.outOfRange());
      entry.put("outOfRangeRate", rate(c.outOfRange()));
      entry.put("unseenCategory", c.unseenCategory());
      entry.put("unseenCategoryRate", rate(c.unseenCategory()));
      entry.put("unexpectedMissing", c.unexpectedMissing());
      entry.put("unexpectedMissingRate", rate(c.unexpectedMissing()));
      list.add(entry);
    }
    m.put("columns", list);
    return m;
  }

  /** A count as a share of the synthetic rows. */
  public double rate(int count) {
    return rows == 0 ? 0 : (double) count / rows;
  }
}
