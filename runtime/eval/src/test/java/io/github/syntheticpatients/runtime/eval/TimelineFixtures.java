package io.github.syntheticpatients.runtime.eval;

import io.github.syntheticpatients.runtime.ColumnKind;
import io.github.syntheticpatients.runtime.PatientRecord;
import io.github.syntheticpatients.runtime.data.Table;
import io.github.syntheticpatients.runtime.data.Timelines;
import io.github.syntheticpatients.runtime.data.ValueFormat;
import io.github.syntheticpatients.runtime.eval.stats.TableColumns;
import io.github.syntheticpatients.runtime.io.csv.CsvRecordWriter;
import io.github.syntheticpatients.runtime.io.csv.CsvTableReader;
import io.github.syntheticpatients.runtime.sampling.Schemas;
import io.github.syntheticpatients.runtime.schema.ColumnSchema;
import io.github.syntheticpatients.runtime.schema.TableSchema;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Timelines for the evaluation tests and the benchmark: a long-format CSV from the test resources
 * grouped by patient (a column is static when it is constant within every patient), and seeded
 * patient splits. Test code only; the production reader is {@code Schemas}'.
 */
public final class TimelineFixtures {
  private TimelineFixtures() {}

  /**
   * {@code /data/<name>.csv} grouped by the id column and ordered by the time column within each
   * patient.
   */
  public static Timelines load(String name, String entityId, String time) {
    try {
      Path csv = Path.of(TimelineFixtures.class.getResource("/data/" + name + ".csv").toURI());
      return group(csv, TableSchema.of(Schemas.infer(csv)), entityId, time);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Groups a CSV read with a tabular schema whose id column is not an identifier (so the ids are
   * read).
   */
  static Timelines group(Path csv, TableSchema tabular, String entityId, String time) {
    TableSchema readable =
        tabular.withColumns(
            tabular.columns().stream()
                .map(
                    c ->
                        c.name().equals(entityId) && c.kind() == ColumnKind.IDENTIFIER
                            ? c.withKind(ColumnKind.NUMERIC)
                            : c)
                .toList());
    Table flat = CsvTableReader.read(csv, readable, null);
    double[] ids = flat.column(entityId).clone();
    double[] times = flat.column(time);
    Map<Double, List<Integer>> byPatient = new LinkedHashMap<>();
    for (int r = 0; r < flat.rowCount(); r++) {
      byPatient.computeIfAbsent(ids[r], k -> new ArrayList<>()).add(r);
    }
    int[] order = new int[flat.rowCount()];
    int[] starts = new int[byPatient.size() + 1];
    List<String> names = new ArrayList<>();
    int next = 0;
    int p = 0;
    for (Map.Entry<Double, List<Integer>> e : byPatient.entrySet()) {
      List<Integer> rows = new ArrayList<>(e.getValue());
      rows.sort(Comparator.comparingDouble(r -> times[r]));
      starts[p++] = next;
      for (int r : rows) {
        order[next++] = r;
      }
      names.add(String.valueOf(e.getKey().longValue()));
    }
    starts[p] = next;
    Table sorted = flat.selectRows(order);
    List<ColumnSchema> columns = new ArrayList<>();
    for (ColumnSchema c : readable.columns()) {
      boolean constant =
          c.isLearned()
              && !c.name().equals(entityId)
              && !c.name().equals(time)
              && constantWithin(sorted.column(c.name()), starts);
      columns.add(c.withStaticAttribute(constant));
    }
    TableSchema schema = readable.withColumns(columns).withLongitudinal(entityId, time);
    double[][] arrays = new double[schema.columns().size()][];
    for (int c = 0; c < arrays.length; c++) {
      arrays[c] =
          schema.columns().get(c).kind() == ColumnKind.IDENTIFIER
              ? nan(sorted.rowCount())
              : sorted.column(c);
    }
    return new Timelines(new Table(schema, arrays), starts, names);
  }

  /** A seeded split of the patients: the first {@code share} of a permutation, and the rest. */
  public static Timelines[] split(Timelines all, double share, long seed) {
    int[] order = TableColumns.permutation(all.patientCount(), seed);
    int cut = (int) Math.round(all.patientCount() * share);
    return new Timelines[] {
      all.selectPatients(Arrays.copyOfRange(order, 0, cut)),
      all.selectPatients(Arrays.copyOfRange(order, cut, order.length))
    };
  }

  private static boolean constantWithin(double[] values, int[] starts) {
    for (int p = 0; p + 1 < starts.length; p++) {
      for (int r = starts[p] + 1; r < starts[p + 1]; r++) {
        if (Double.compare(values[r], values[starts[p]]) != 0) {
          return false;
        }
      }
    }
    return true;
  }

  private static double[] nan(int n) {
    double[] a = new double[n];
    Arrays.fill(a, Double.NaN);
    return a;
  }

  /**
   * Writes timelines as a long-format CSV (one row per visit, with the patient id), as a user would
   * hand them in.
   */
  static void writeLongFormat(Timelines timelines, Path csv) {
    TableSchema schema = timelines.schema();
    List<PatientRecord> rows = new ArrayList<>(ValueFormat.toRecords(timelines.visits()));
    for (int p = 0; p < timelines.patientCount(); p++) {
      for (int r = timelines.firstRow(p);
          r < timelines.firstRow(p) + timelines.visitCount(p);
          r++) {
        Map<String, Object> values = new LinkedHashMap<>(rows.get(r).asMap());
        values.put(schema.entityId(), timelines.id(p));
        rows.set(r, new PatientRecord(values));
      }
    }
    CsvRecordWriter.write(
        csv, schema.outputColumns().stream().map(ColumnSchema::name).toList(), rows);
  }
}
