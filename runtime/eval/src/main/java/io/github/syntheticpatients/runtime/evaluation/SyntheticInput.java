package io.github.syntheticpatients.runtime.evaluation;

import io.github.syntheticpatients.runtime.ColumnKind;
import io.github.syntheticpatients.runtime.data.Table;
import io.github.syntheticpatients.runtime.data.Timelines;
import io.github.syntheticpatients.runtime.eval.report.SyntheticDomain;
import io.github.syntheticpatients.runtime.io.csv.CsvOptions;
import io.github.syntheticpatients.runtime.io.csv.CsvRowReader;
import io.github.syntheticpatients.runtime.io.csv.CsvTableReader;
import io.github.syntheticpatients.runtime.io.csv.CsvValues;
import io.github.syntheticpatients.runtime.io.csv.LongitudinalInput;
import io.github.syntheticpatients.runtime.io.csv.TimelineReader;
import io.github.syntheticpatients.runtime.schema.ColumnSchema;
import io.github.syntheticpatients.runtime.schema.TableSchema;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads the synthetic file of an evaluation leniently: a value outside the real data's domain
 * (beyond the real range, a category no real record holds, a missing value in a column the schema
 * never leaves missing) is counted as a {@link SyntheticDomain} finding instead of refusing the
 * file. A fraction in a whole-number column is read as it is (the shape metrics judge it). A header
 * that does not match, or text in a numeric column, is still an error naming the file, line and
 * column.
 */
final class SyntheticInput {
  /** A synthetic table read over the real schema, with what fell outside the real domain. */
  record Read<T>(T data, SyntheticDomain domain) {}

  private SyntheticInput() {}

  /**
   * Reads a synthetic CSV; {@code real} is every real table given (training, holdout), whose range
   * is the domain.
   */
  static Read<Table> table(Path file, TableSchema schema, List<Table> real) {
    Table wide = CsvTableReader.read(file, widened(file, schema), null);
    double[][] columns = new double[schema.columns().size()][];
    SyntheticDomain domain = narrow(wide, schema, real, columns);
    return new Read<>(new Table(schema, columns), domain);
  }

  /** Reads synthetic timelines (a long-format CSV or a directory of per-patient files) likewise. */
  static Read<Timelines> timelines(Path input, TableSchema schema, List<Table> realVisits) {
    Timelines wide = TimelineReader.read(input, widened(input, schema), CsvOptions.defaults());
    double[][] columns = new double[schema.columns().size()][];
    SyntheticDomain domain = narrow(wide.visits(), schema, realVisits, columns);
    int[] starts = new int[wide.patientCount() + 1];
    List<String> ids = new ArrayList<>(wide.patientCount());
    for (int p = 0; p < wide.patientCount(); p++) {
      starts[p] = wide.firstRow(p);
      ids.add(wide.id(p));
    }
    starts[wide.patientCount()] = wide.visits().rowCount();
    return new Read<>(new Timelines(new Table(schema, columns), starts, ids), domain);
  }

  /**
   * The schema the file is read with: every learned column may be missing, a whole-number column
   * takes fractions, and a discrete column also lists the values of the file that are none of its
   * categories (after them, so the real categories keep their codes).
   */
  private static TableSchema widened(Path input, TableSchema schema) {
    List<Set<String>> unseen = unseenCategories(input, schema);
    List<ColumnSchema> columns = new ArrayList<>();
    for (int c = 0; c < schema.columns().size(); c++) {
      ColumnSchema column = schema.columns().get(c);
      if (!column.isLearned()) {
        columns.add(column);
        continue;
      }
      ColumnKind kind = column.kind() == ColumnKind.INTEGER ? ColumnKind.NUMERIC : column.kind();
      List<String> categories = new ArrayList<>(column.categories());
      categories.addAll(unseen.get(c));
      if (kind == ColumnKind.BINARY && categories.size() > 2) {
        kind = ColumnKind.CATEGORICAL;
      }
      columns.add(
          new ColumnSchema(
              column.name(),
              kind,
              true,
              column.missingRate(),
              categories,
              column.decimals(),
              column.dropped(),
              column.staticAttribute()));
    }
    return schema.withColumns(columns);
  }

  /**
   * Per schema column, the distinct non-missing texts of a discrete column that match none of its
   * categories.
   */
  private static List<Set<String>> unseenCategories(Path input, TableSchema schema) {
    List<Set<String>> unseen = new ArrayList<>();
    for (int c = 0; c < schema.columns().size(); c++) {
      unseen.add(new LinkedHashSet<>());
    }
    for (Path file : LongitudinalInput.files(input)) {
      try (CsvRowReader reader =
          CsvRowReader.open(file, LongitudinalInput.optionsFor(file, CsvOptions.defaults()))) {
        List<String> header = reader.header();
        int[] positions = new int[schema.columns().size()];
        for (int c = 0; c < positions.length; c++) {
          ColumnSchema column = schema.columns().get(c);
          positions[c] =
              column.isLearned() && column.kind().isDiscrete() ? header.indexOf(column.name()) : -1;
        }
        while (reader.next()) {
          for (int c = 0; c < positions.length; c++) {
            String text = positions[c] < 0 ? null : reader.field(positions[c]);
            if (text != null && !isCategory(schema.columns().get(c), text)) {
              unseen.get(c).add(text);
            }
          }
        }
      }
    }
    return unseen;
  }

  /**
   * Whether the text is one of the column's categories, as written or as the same number ("1.0" for
   * "1").
   */
  private static boolean isCategory(ColumnSchema column, String text) {
    if (column.categoryIndex(text) >= 0) {
      return true;
    }
    double number = CsvValues.parseNumber(text);
    if (Double.isNaN(number)) {
      return false;
    }
    for (String category : column.categories()) {
      if (CsvValues.parseNumber(category) == number) {
        return true;
      }
    }
    return false;
  }

  /**
   * Fills {@code out} with the widened table's columns over the real schema (an unseen category
   * becomes missing) and counts what lies outside the real domain.
   */
  private static SyntheticDomain narrow(
      Table wide, TableSchema schema, List<Table> real, double[][] out) {
    List<SyntheticDomain.Column> findings = new ArrayList<>();
    for (int c = 0; c < out.length; c++) {
      ColumnSchema column = schema.columns().get(c);
      double[] values = wide.column(c);
      if (!column.isLearned()) {
        out[c] = values;
        continue;
      }
      double[] narrowed = values.clone();
      int outOfRange = 0;
      int unseen = 0;
      int missing = 0;
      double[] range = range(real, c);
      for (int i = 0; i < narrowed.length; i++) {
        double v = narrowed[i];
        if (Double.isNaN(v)) {
          missing += column.nullable() ? 0 : 1;
        } else if (column.kind().isDiscrete()) {
          if (v >= column.categories().size()) {
            unseen++;
            narrowed[i] = Double.NaN;
          }
        } else if (v < range[0] || v > range[1]) {
          outOfRange++;
        }
      }
      out[c] = narrowed;
      findings.add(new SyntheticDomain.Column(column.name(), outOfRange, unseen, missing));
    }
    return new SyntheticDomain(wide.rowCount(), findings);
  }

  /** The smallest and largest real value of a column (an empty range when it has none). */
  private static double[] range(List<Table> tables, int column) {
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (Table t : tables) {
      for (double v : t.column(column)) {
        if (!Double.isNaN(v)) {
          min = Math.min(min, v);
          max = Math.max(max, v);
        }
      }
    }
    return new double[] {min, max};
  }
}
