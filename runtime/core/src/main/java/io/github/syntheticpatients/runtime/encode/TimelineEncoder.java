package io.github.syntheticpatients.runtime.encode;

import io.github.syntheticpatients.runtime.ColumnKind;
import io.github.syntheticpatients.runtime.ModelFormatException;
import io.github.syntheticpatients.runtime.data.Table;
import io.github.syntheticpatients.runtime.data.Timelines;
import io.github.syntheticpatients.runtime.data.ValueRange;
import io.github.syntheticpatients.runtime.schema.ColumnSchema;
import io.github.syntheticpatients.runtime.schema.TableSchema;
import io.github.syntheticpatients.runtime.schema.VisitStructure;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns patient timelines into what the sequence generator learns, and generated values back into
 * timelines. A timeline is split in two tables:
 *
 * <ul>
 *   <li>the <b>patient table</b>, one row per patient: the static attributes, the number of visits
 *       and the first visit's time. A tabular generator learns it (static attributes are generated
 *       first), and its min–max encoding is the condition the sequence generator sees at every
 *       step;
 *   <li>the <b>step table</b>, one row per visit: the gap since the previous visit (so irregular
 *       visit times are learned as gaps; a first visit, whose gap is never decoded, repeats its
 *       next gap) and the time-varying values, encoded as Health Gym does (Box–Cox, then min–max
 *       onto [-1, 1]; one-hot categories; a missingness indicator per nullable column).
 * </ul>
 *
 * Sequences longer than {@link #maxVisits()} are cut to their first {@code maxVisits} visits.
 */
public final class TimelineEncoder {
  private static final int FORMAT = 1;
  private static final String SOURCE = "timeline encoder state";

  private final TableSchema schema;
  private final String visitsColumn;
  private final String gapColumn;
  private final int maxVisits;
  private final TableEncoder staticEncoder;
  private final TableEncoder stepEncoder;

  /**
   * An encoder from its parts. Internal: public for runtime/train's fitting ({@code
   * runtime.fit.encode.TimelineEncoderFitter}) and for loading.
   *
   * @param schema the longitudinal schema
   * @param visitsColumn the patient table's visit-count column ({@link TrainingTables})
   * @param gapColumn the step table's gap column ({@link TrainingTables})
   * @param maxVisits the longest sequence learned and generated
   * @param staticEncoder the patient table's encoder
   * @param stepEncoder the step table's encoder
   */
  public TimelineEncoder(
      TableSchema schema,
      String visitsColumn,
      String gapColumn,
      int maxVisits,
      TableEncoder staticEncoder,
      TableEncoder stepEncoder) {
    this.schema = schema;
    this.visitsColumn = visitsColumn;
    this.gapColumn = gapColumn;
    this.maxVisits = maxVisits;
    this.staticEncoder = staticEncoder;
    this.stepEncoder = stepEncoder;
  }

  /**
   * The two tables the encoders of training timelines are fitted on, and the names of their added
   * columns.
   *
   * @param visitsColumn the patient table's visit-count column, a name the schema does not use
   * @param gapColumn the step table's gap column, a name the schema does not use
   * @param patients one row per patient: static attributes, visit count, first time
   * @param steps one row per kept visit: the gap and the time-varying values
   */
  public record TrainingTables(
      String visitsColumn, String gapColumn, Table patients, Table steps) {}

  /**
   * Splits training timelines into the patient table and the step table.
   *
   * @param maxVisits the longest sequence learned; longer ones are cut
   */
  public static TrainingTables trainingTables(Timelines train, int maxVisits) {
    TableSchema schema = train.schema();
    String visits = freeName(schema, "visits");
    String gap = freeName(schema, "gap");
    TableSchema patientSchema = patientSchema(schema, visits);
    TableSchema stepSchema = stepSchema(schema, gap);
    Table patients = patientTable(train, patientSchema, visits, maxVisits);
    Table steps = stepTable(train, stepSchema, gap, maxVisits);
    return new TrainingTables(visits, gap, patients, steps);
  }

  /** The longitudinal schema of the timelines. */
  public TableSchema schema() {
    return schema;
  }

  /** The patient table's schema: static attributes, the visit count, the first visit's time. */
  public TableSchema patientSchema() {
    return staticEncoder.schema();
  }

  /** The column of the patient table that holds the number of visits. */
  public String visitsColumn() {
    return visitsColumn;
  }

  /** The longest sequence learned and generated. */
  public int maxVisits() {
    return maxVisits;
  }

  /** The layout of one encoded step, which the generator's output heads follow. */
  public EncodedLayout stepLayout() {
    return stepEncoder.layout();
  }

  /** The width of an encoded patient row (the generator's condition). */
  public int staticWidth() {
    return staticEncoder.layout().width();
  }

  /** The layout of an encoded patient row, for a generator that produces it itself. */
  public EncodedLayout staticLayout() {
    return staticEncoder.layout();
  }

  /**
   * The range decoded values of a continuous column of the patient table lie in ({@link
   * TableEncoder#valueRange}); empty for other columns.
   */
  public Optional<ValueRange> staticValueRange(String column) {
    return staticEncoder.valueRange(column);
  }

  /**
   * Decodes generated patient rows ({@code rows × staticWidth()} activated floats: SCALAR spans in
   * [-1, 1], SOFTMAX spans one-hot) into the patient table {@link #decode} takes.
   */
  public Table decodeStatics(float[] activated, int rows) {
    return staticEncoder.decode(activated, rows);
  }

  /**
   * One row per patient: static attributes, visit count (cut to {@link #maxVisits()}) and first
   * time.
   */
  public Table patientTable(Timelines timelines) {
    return patientTable(timelines, patientSchema(), visitsColumn, maxVisits);
  }

  /**
   * The patient rows encoded for the generator's condition, {@code rows × staticWidth()} floats.
   */
  public float[] encodeStatics(Table patients) {
    return staticEncoder.encode(patients, 0);
  }

  /**
   * The steps of every patient, encoded and zero-padded to {@link #maxVisits()}: {@code patients ×
   * maxVisits × stepLayout().width()} floats, row-major.
   */
  public float[] encodeSteps(Timelines timelines, long seed) {
    Table steps = stepTable(timelines, stepEncoder.schema(), gapColumn, maxVisits);
    float[] compact = stepEncoder.encode(steps, seed);
    int width = stepLayout().width();
    float[] padded = new float[Math.multiplyExact(timelines.patientCount(), maxVisits * width)];
    int source = 0;
    for (int p = 0; p < timelines.patientCount(); p++) {
      int length = lengthOf(timelines, p);
      System.arraycopy(compact, source, padded, p * maxVisits * width, length * width);
      source += length * width;
    }
    return padded;
  }

  /** The number of visits of each patient as learned (cut to {@link #maxVisits()}). */
  public int[] lengths(Timelines timelines) {
    int[] lengths = new int[timelines.patientCount()];
    for (int p = 0; p < lengths.length; p++) {
      lengths[p] = lengthOf(timelines, p);
    }
    return lengths;
  }

  /**
   * Builds timelines from generated patients.
   *
   * @param patients the patient table rows (static attributes, visit count, first time)
   * @param lengths the number of visits generated for each patient
   * @param activatedSteps the activated step rows of all patients one after another ({@code
   *     sum(lengths) × stepLayout().width()}), SCALAR spans in [-1, 1], SOFTMAX spans one-hot
   * @return timelines over {@link #schema()} with ids {@code 1..n}; time is the first time plus the
   *     summed gaps; an end of follow-up ({@link TableSchema#endTime()}) before the last visit is
   *     raised to it
   */
  public Timelines decode(Table patients, int[] lengths, float[] activatedSteps) {
    int total = 0;
    for (int length : lengths) {
      total += length;
    }
    Table steps = stepEncoder.decode(activatedSteps, total);
    List<ColumnSchema> columns = schema.columns();
    double[][] cells = new double[columns.size()][total];
    for (double[] column : cells) {
      Arrays.fill(column, Double.NaN);
    }
    int[] starts = new int[lengths.length + 1];
    List<String> ids = new ArrayList<>(lengths.length);
    double[] gaps = steps.column(gapColumn);
    double[] firstTimes = patients.column(schema.time());
    int timeIndex = schema.indexOf(schema.time());
    int row = 0;
    for (int p = 0; p < lengths.length; p++) {
      starts[p] = row;
      ids.add(Integer.toString(p + 1));
      double time = firstTimes[p];
      for (int v = 0; v < lengths[p]; v++, row++) {
        if (v > 0) {
          time += gaps[row];
        }
        cells[timeIndex][row] = time;
      }
    }
    starts[lengths.length] = row;
    for (ColumnSchema column : schema.staticColumns()) {
      double[] source = patients.column(column.name());
      double[] target = cells[schema.indexOf(column.name())];
      for (int p = 0; p < lengths.length; p++) {
        Arrays.fill(target, starts[p], starts[p + 1], source[p]);
      }
    }
    for (ColumnSchema column : schema.timeVaryingColumns()) {
      System.arraycopy(
          steps.column(column.name()), 0, cells[schema.indexOf(column.name())], 0, total);
    }
    VisitStructure structure = schema.visitStructure();
    if (!structure.isEmpty()) {
      // The network still learns both columns; the rule replaces them, its last interval end
      // kept as the learned length of the last interval.
      double[] lastIntervals = new double[lengths.length];
      if (structure.intervalEnd() != null) {
        double[] ends = cells[schema.indexOf(structure.intervalEnd())];
        for (int p = 0; p < lengths.length; p++) {
          int last = starts[p + 1] - 1;
          lastIntervals[p] = last < starts[p] ? Double.NaN : ends[last] - cells[timeIndex][last];
        }
      }
      structure.produce(schema, cells, starts, lastIntervals);
    }
    if (schema.endTime() != null) {
      raiseEndsToLastVisits(cells[schema.indexOf(schema.endTime())], cells[timeIndex], starts);
    }
    return new Timelines(new Table(schema, cells), starts, ids);
  }

  /**
   * Raises each patient's end of follow-up that lies before its last decoded visit to that visit's
   * time, in every row: real follow-up never ends before a visit, these networks draw the end and
   * the visits apart, and a fixed-length series cannot drop its late visits instead. The raised end
   * stays within the end column's range: every real end is at or after its patient's last visit, so
   * the end's protected maximum is at least the time's.
   */
  private static void raiseEndsToLastVisits(double[] ends, double[] times, int[] starts) {
    for (int p = 0; p + 1 < starts.length; p++) {
      int last = starts[p + 1] - 1;
      if (last >= starts[p] && ends[starts[p]] < times[last]) {
        Arrays.fill(ends, starts[p], starts[p + 1], times[last]);
      }
    }
  }

  /** The fitted state as plain JDK values for {@code model.json}. */
  public Map<String, Object> state() {
    Map<String, Object> state = new LinkedHashMap<>();
    state.put("format", FORMAT);
    state.put("maxVisits", maxVisits);
    state.put("visitsColumn", visitsColumn);
    state.put("gapColumn", gapColumn);
    state.put("static", staticEncoder.state());
    state.put("steps", stepEncoder.state());
    return state;
  }

  /**
   * Rebuilds an encoder from {@link #state()}.
   *
   * @throws ModelFormatException when the state is malformed or does not match the schema
   */
  public static TimelineEncoder fromState(TableSchema schema, Map<String, Object> state) {
    StateMaps read = new StateMaps(SOURCE);
    read.requireFormat(state, FORMAT);
    if (!schema.isLongitudinal()) {
      throw new ModelFormatException(SOURCE, "the model's schema names no entityId and time");
    }
    int maxVisits = read.integer(state, "maxVisits");
    if (maxVisits < 1) {
      throw new ModelFormatException(SOURCE, "maxVisits is " + maxVisits);
    }
    String visits = read.string(state, "visitsColumn");
    String gap = read.string(state, "gapColumn");
    TableEncoder staticEncoder =
        TableEncoder.fromState(patientSchema(schema, visits), read.map(state, "static"));
    TableEncoder stepEncoder =
        TableEncoder.fromState(stepSchema(schema, gap), read.map(state, "steps"));
    return new TimelineEncoder(schema, visits, gap, maxVisits, staticEncoder, stepEncoder);
  }

  private int lengthOf(Timelines timelines, int patient) {
    return Math.min(timelines.visitCount(patient), maxVisits);
  }

  private static TableSchema patientSchema(TableSchema schema, String visits) {
    List<ColumnSchema> columns = new ArrayList<>();
    for (ColumnSchema column : schema.staticColumns()) {
      columns.add(column.withStaticAttribute(false));
    }
    columns.add(new ColumnSchema(visits, ColumnKind.INTEGER, false, 0, List.of(), 0, false));
    ColumnSchema time = schema.column(schema.time()).orElseThrow();
    columns.add(
        new ColumnSchema(time.name(), time.kind(), false, 0, List.of(), time.decimals(), false));
    return TableSchema.of(columns);
  }

  private static TableSchema stepSchema(TableSchema schema, String gap) {
    ColumnSchema time = schema.column(schema.time()).orElseThrow();
    // Dates and date-times are held as whole days and seconds, so their gaps are whole numbers too.
    ColumnKind gapKind =
        time.kind() == ColumnKind.NUMERIC ? ColumnKind.NUMERIC : ColumnKind.INTEGER;
    List<ColumnSchema> columns = new ArrayList<>();
    columns.add(new ColumnSchema(gap, gapKind, false, 0, List.of(), time.decimals(), false));
    for (ColumnSchema column : schema.timeVaryingColumns()) {
      columns.add(column.withStaticAttribute(false));
    }
    return TableSchema.of(columns);
  }

  private static Table patientTable(
      Timelines timelines, TableSchema patientSchema, String visits, int maxVisits) {
    TableSchema schema = timelines.schema();
    int patients = timelines.patientCount();
    Table first = timelines.firstVisits();
    double[][] cells = new double[patientSchema.columns().size()][];
    for (int c = 0; c < cells.length; c++) {
      String name = patientSchema.columns().get(c).name();
      if (name.equals(visits)) {
        cells[c] = new double[patients];
        for (int p = 0; p < patients; p++) {
          cells[c][p] = Math.min(timelines.visitCount(p), maxVisits);
        }
      } else {
        cells[c] = first.column(schema.indexOf(name)).clone();
      }
    }
    return new Table(patientSchema, cells);
  }

  private static Table stepTable(
      Timelines timelines, TableSchema stepSchema, String gap, int maxVisits) {
    TableSchema schema = timelines.schema();
    int[] rows = keptRows(timelines, maxVisits);
    Table kept = timelines.visits().selectRows(rows);
    double[] times = kept.column(schema.time());
    double[][] cells = new double[stepSchema.columns().size()][];
    for (int c = 0; c < cells.length; c++) {
      String name = stepSchema.columns().get(c).name();
      if (name.equals(gap)) {
        cells[c] = gaps(timelines, times, maxVisits);
      } else {
        cells[c] = kept.column(schema.indexOf(name));
      }
    }
    return new Table(stepSchema, cells);
  }

  /**
   * The gap column: the time since the previous visit. A first visit has no previous one and its
   * gap is never decoded (the patient's first time places it), but it must hold some value: it gets
   * the patient's next gap, or the median gap for a one-visit patient. A 0 there (one spike per
   * patient, far below the real gaps) bent the Box–Cox fit and squeezed the real gaps into a small
   * part of [-1, 1], where the generator matched them badly.
   */
  private static double[] gaps(Timelines timelines, double[] times, int maxVisits) {
    double[] gaps = new double[times.length];
    List<Double> between = new ArrayList<>();
    int row = 0;
    for (int p = 0; p < timelines.patientCount(); p++) {
      int length = Math.min(timelines.visitCount(p), maxVisits);
      for (int v = 1; v < length; v++) {
        gaps[row + v] = times[row + v] - times[row + v - 1];
        between.add(gaps[row + v]);
      }
      row += length;
    }
    double median = 0;
    if (!between.isEmpty()) {
      double[] sorted =
          between.stream()
              .mapToDouble(Double::doubleValue)
              .filter(Double::isFinite)
              .sorted()
              .toArray();
      median = sorted.length == 0 ? 0 : sorted[sorted.length / 2];
    }
    row = 0;
    for (int p = 0; p < timelines.patientCount(); p++) {
      int length = Math.min(timelines.visitCount(p), maxVisits);
      if (length > 0) {
        gaps[row] = length > 1 && Double.isFinite(gaps[row + 1]) ? gaps[row + 1] : median;
      }
      row += length;
    }
    return gaps;
  }

  private static int[] keptRows(Timelines timelines, int maxVisits) {
    int total = 0;
    for (int p = 0; p < timelines.patientCount(); p++) {
      total += Math.min(timelines.visitCount(p), maxVisits);
    }
    int[] rows = new int[total];
    int next = 0;
    for (int p = 0; p < timelines.patientCount(); p++) {
      int length = Math.min(timelines.visitCount(p), maxVisits);
      for (int v = 0; v < length; v++) {
        rows[next++] = timelines.firstRow(p) + v;
      }
    }
    return rows;
  }

  /** A column name the schema does not use, for the generated helper columns. */
  private static String freeName(TableSchema schema, String base) {
    String name = "_" + base;
    while (schema.indexOf(name) >= 0) {
      name = "_" + name;
    }
    return name;
  }
}
