package io.github.syntheticpatients.runtime.io.csv;

import io.github.syntheticpatients.runtime.InvalidInputException;
import io.github.syntheticpatients.runtime.data.Table;
import io.github.syntheticpatients.runtime.data.Timelines;
import io.github.syntheticpatients.runtime.data.ValueFormat;
import io.github.syntheticpatients.runtime.io.csv.CsvTableReader.ColumnParser;
import io.github.syntheticpatients.runtime.io.csv.CsvTableReader.GrowableDoubles;
import io.github.syntheticpatients.runtime.schema.ColumnSchema;
import io.github.syntheticpatients.runtime.schema.TableSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads longitudinal data (one row per patient visit) into {@link Timelines}, from a long-format
 * CSV or from a directory of per-patient files (see {@link LongitudinalInput}).
 *
 * <p>Values are parsed and checked exactly as {@link CsvTableReader} does (same parser, same
 * messages) and stored by the {@link Table} conventions; the patient id column is kept only as
 * {@link Timelines#id(int)}. Rows of one patient need not be adjacent: patients keep the order in
 * which they first appear (for a directory, file order), and each patient's visits are sorted by
 * time, stably (visits at the same time keep their file order). Every visit needs a patient id and
 * a time, and the columns the schema marks static must not change within a patient.
 */
public final class TimelineReader {
  private TimelineReader() {}

  /**
   * Reads every visit.
   *
   * @param input a long-format CSV, or a directory of per-patient {@code .psv} / {@code .csv} files
   * @param schema a longitudinal schema (patient id and time set)
   * @param options delimiter and missing-value tokens; null for the defaults ({@code .psv} files
   *     are read as pipe-separated unless a delimiter is given)
   * @throws InvalidInputException naming the file, line and column of a value or layout that does
   *     not fit the schema, a visit without id or time, or a static column that changes within a
   *     patient, with the fix
   */
  public static Timelines read(Path input, TableSchema schema, CsvOptions options) {
    if (!schema.isLongitudinal()) {
      throw InvalidInputException.inParameter(
          LongitudinalInput.ENTITY_ID_PARAMETER,
          "the schema names no patient id and time column, so the data cannot be read as timelines; set "
              + LongitudinalInput.ENTITY_ID_PARAMETER
              + " and "
              + LongitudinalInput.TIME_PARAMETER
              + " (or \"entityId\" and \"time\" in the schema file)");
    }
    CsvOptions withSchemaTokens =
        (options == null ? CsvOptions.defaults() : options).withSchema(schema);
    boolean directory = Files.isDirectory(input);
    List<Path> files = LongitudinalInput.files(input);
    Visits visits = new Visits(schema, files);
    List<String> firstHeader = null;
    List<String> fileIds = null;
    for (int f = 0; f < files.size(); f++) {
      Path file = files.get(f);
      try (CsvRowReader reader =
          CsvRowReader.open(file, LongitudinalInput.optionsFor(file, withSchemaTokens))) {
        List<String> header = reader.header();
        if (firstHeader == null) {
          firstHeader = header;
          if (!directory || header.contains(schema.entityId())) {
            LongitudinalInput.requireColumn(
                file,
                header,
                schema.entityId(),
                "patient id",
                LongitudinalInput.ENTITY_ID_PARAMETER);
          } else {
            fileIds = LongitudinalInput.fileIds(files, schema.entityId());
          }
          LongitudinalInput.requireColumn(
              file, header, schema.time(), "time", LongitudinalInput.TIME_PARAMETER);
        } else {
          LongitudinalInput.requireSameHeader(files.get(0), firstHeader, file, header);
        }
        visits.readFile(f, reader, fileIds == null ? null : fileIds.get(f));
      }
    }
    visits.strays.warn(input);
    return visits.toTimelines();
  }

  /** The visit rows read so far, with where each came from. */
  private static final class Visits {
    private final TableSchema schema;
    private final List<Path> files;
    private final List<ColumnSchema> columns;
    private final GrowableDoubles[] values;
    private final int timeIndex;
    private final Map<String, Integer> patientIndex = new HashMap<>();
    private final List<String> ids = new ArrayList<>();
    private final StrayValues strays = new StrayValues();
    private int[] patientOfRow = new int[1024];
    private int[] fileOfRow = new int[1024];
    private long[] lineOfRow = new long[1024];
    private int rows;

    Visits(TableSchema schema, List<Path> files) {
      this.schema = schema;
      this.files = files;
      this.columns = schema.columns();
      this.values = new GrowableDoubles[columns.size()];
      for (int c = 0; c < columns.size(); c++) {
        if (columns.get(c).isLearned()) {
          values[c] = new GrowableDoubles();
        }
      }
      this.timeIndex = schema.indexOf(schema.time());
    }

    /**
     * Reads the rows of one file; {@code fileId} is the patient of every row, or null to read the
     * id column.
     */
    void readFile(int fileIndex, CsvRowReader reader, String fileId) {
      Path file = reader.file();
      int[] positions =
          CsvTableReader.matchHeader(
              file, reader.header(), schema, fileId == null ? Set.of() : Set.of(schema.entityId()));
      int idPosition = positions[schema.indexOf(schema.entityId())];
      int timePosition = positions[timeIndex];
      ColumnParser[] parsers = new ColumnParser[columns.size()];
      for (int c = 0; c < parsers.length; c++) {
        if (values[c] != null) {
          parsers[c] = new ColumnParser(file, columns.get(c), strays);
        }
      }
      while (reader.next()) {
        String id = fileId;
        if (id == null) {
          id = reader.field(idPosition);
          if (id == null) {
            throw LongitudinalInput.missingId(
                file, reader.line(), schema.entityId(), reader.rawField(idPosition));
          }
        }
        if (reader.isMissing(timePosition)) {
          throw InvalidInputException.inFile(
              file,
              reader.line(),
              schema.time(),
              "the visit time is missing ('"
                  + reader.rawField(timePosition)
                  + "'); every visit needs its time:"
                  + " fill it in or remove the row");
        }
        for (int c = 0; c < parsers.length; c++) {
          if (parsers[c] != null) {
            values[c].add(
                parsers[c].parse(
                    reader.field(positions[c]), reader.rawField(positions[c]), reader.line()));
          }
        }
        addRow(id, fileIndex, reader.line());
      }
    }

    private void addRow(String id, int fileIndex, long line) {
      Integer patient = patientIndex.get(id);
      if (patient == null) {
        patient = ids.size();
        patientIndex.put(id, patient);
        ids.add(id);
      }
      if (rows == patientOfRow.length) {
        int capacity = rows + (rows >> 1);
        patientOfRow = Arrays.copyOf(patientOfRow, capacity);
        fileOfRow = Arrays.copyOf(fileOfRow, capacity);
        lineOfRow = Arrays.copyOf(lineOfRow, capacity);
      }
      patientOfRow[rows] = patient;
      fileOfRow[rows] = fileIndex;
      lineOfRow[rows] = line;
      rows++;
    }

    Timelines toTimelines() {
      double[][] arrays = new double[columns.size()][];
      double[] notStored = null;
      for (int c = 0; c < arrays.length; c++) {
        if (values[c] != null) {
          arrays[c] = values[c].toArray();
          values[c] = null;
        } else {
          if (notStored == null) {
            notStored = new double[rows];
            Arrays.fill(notStored, Double.NaN);
          }
          arrays[c] = notStored;
        }
      }
      // Group rows by patient (a counting sort, so each patient's rows stay in read order).
      int patients = ids.size();
      int[] starts = new int[patients + 1];
      for (int r = 0; r < rows; r++) {
        starts[patientOfRow[r] + 1]++;
      }
      for (int p = 0; p < patients; p++) {
        starts[p + 1] += starts[p];
      }
      int[] next = Arrays.copyOf(starts, patients);
      int[] order = new int[rows];
      for (int r = 0; r < rows; r++) {
        order[next[patientOfRow[r]]++] = r;
      }
      checkStaticColumns(arrays, order, starts);
      double[] time = arrays[timeIndex];
      for (int p = 0; p < patients; p++) {
        sortByTime(order, starts[p], starts[p + 1], time);
      }
      Table table = new Table(schema, arrays).selectRows(order);
      return new Timelines(table, starts, ids);
    }

    /**
     * Fails at the first visit (in read order) where a static column differs from the patient's
     * first visit.
     */
    private void checkStaticColumns(double[][] arrays, int[] order, int[] starts) {
      for (ColumnSchema column : schema.staticColumns()) {
        double[] cells = arrays[schema.indexOf(column.name())];
        for (int p = 0; p < ids.size(); p++) {
          int first = order[starts[p]];
          for (int i = starts[p] + 1; i < starts[p + 1]; i++) {
            int row = order[i];
            if (!sameValue(cells[first], cells[row])) {
              throw InvalidInputException.inFile(
                  files.get(fileOfRow[row]),
                  lineOfRow[row],
                  column.name(),
                  "patient '"
                      + ids.get(p)
                      + "' has "
                      + text(column, cells[row])
                      + " here but "
                      + text(column, cells[first])
                      + " on line "
                      + lineOfRow[first]
                      + (fileOfRow[first] == fileOfRow[row]
                          ? ""
                          : " of " + files.get(fileOfRow[first]))
                      + ", and the schema marks '"
                      + column.name()
                      + "' static (constant within a patient); mark it"
                      + " time-varying with \"static\": false in the schema file, or correct the value");
            }
          }
        }
      }
    }

    private static boolean sameValue(double a, double b) {
      return a == b || (Double.isNaN(a) && Double.isNaN(b));
    }

    /**
     * A value for the error about a static column that changes: it fails the read, and the user
     * must see both values to choose between correcting one and making the column time-varying.
     */
    private static String text(ColumnSchema column, double value) {
      return Double.isNaN(value)
          ? "a missing value"
          : "'" + ValueFormat.format(ValueFormat.toValue(column, value)) + "'";
    }

    /** Sorts {@code order[from, to)} by time, keeping read order among equal times. */
    private static void sortByTime(int[] order, int from, int to, double[] time) {
      boolean sorted = true;
      for (int i = from + 1; i < to && sorted; i++) {
        sorted = time[order[i - 1]] <= time[order[i]];
      }
      if (sorted) {
        return; // the usual case: visits are written in time order
      }
      Integer[] segment = new Integer[to - from];
      for (int i = from; i < to; i++) {
        segment[i - from] = order[i];
      }
      Arrays.sort(
          segment, (a, b) -> Double.compare(time[a], time[b])); // stable: a merge sort on objects
      for (int i = from; i < to; i++) {
        order[i] = segment[i - from];
      }
    }
  }
}
