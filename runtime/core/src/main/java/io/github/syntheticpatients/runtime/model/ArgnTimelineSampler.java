package io.github.syntheticpatients.runtime.model;

import io.github.syntheticpatients.runtime.ColumnKind;
import io.github.syntheticpatients.runtime.data.Table;
import io.github.syntheticpatients.runtime.data.Timelines;
import io.github.syntheticpatients.runtime.model.argn.ArgnColumn;
import io.github.syntheticpatients.runtime.model.argn.ArgnEncoding;
import io.github.syntheticpatients.runtime.model.argn.ChainSampler;
import io.github.syntheticpatients.runtime.model.argn.timeline.TimelineArgn;
import io.github.syntheticpatients.runtime.model.argn.timeline.VisitLayout;
import io.github.syntheticpatients.runtime.random.RandomStream;
import io.github.syntheticpatients.runtime.schema.ColumnSchema;
import io.github.syntheticpatients.runtime.schema.TableSchema;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Samples the visits of the timeline {@code argn} ({@link TimelineArgn}) in plain Java, patient
 * after patient, visit after visit: the history LSTM reads the previous visit's symbols, the visit
 * chain draws the stop symbol, the gap and the time-varying columns given that history and the
 * patient's static symbols. The static table comes first, from its own chain ({@link
 * #staticSampler}), through {@link TimelineModel}'s block and condition handling.
 *
 * <p>The rules of real timelines hold by construction: the first visit's time is the static row's,
 * each later one adds a positive gap on the time's grid (times strictly increase), a gap never
 * passes the patient's end of follow-up (the schema's {@code endTime}) or the time column's
 * value-protected upper bound (the timeline stops where no gap fits), static attributes are copied
 * from the patient row, and values decode inside their value-protected bins.
 *
 * <p>Immutable and thread-safe: every call works in its own arrays.
 */
final class ArgnTimelineSampler {
  private static final int GAP_BIN = 1;
  private static final int GAP_SHARE = 2;

  private final TimelineArgn model;
  private final VisitLayout layout;
  private final ArgnRowSampler staticSampler;
  private final ArgnEncoding staticEncoding;
  private final ArgnEncoding visitEncoding;
  private final ChainSampler chain;
  private final LstmKernel history;
  private final int heads;
  private final int perHead;
  private final int historyHidden;
  private final int[] symbolOffsets;
  private final int[] staticOffsets;
  private final int elapsedRow;
  private final int remainingRow;
  private final int previousRow;
  private final int[] order;
  private final ArgnColumn gap;
  private final double timeUnit;

  ArgnTimelineSampler(TimelineArgn model) {
    this.model = model;
    this.layout = model.layout();
    this.staticSampler = new ArgnRowSampler(model.statics());
    this.staticEncoding = model.statics().encoding();
    this.visitEncoding = model.visitEncoding();
    this.chain = new ChainSampler(model.visits());
    this.historyHidden = model.historyHidden();
    int[] vocabulary = model.visits().vocabulary();
    this.history =
        new LstmKernel(
            new LstmLayer(
                TimelineArgn.historyInputs(vocabulary),
                historyHidden,
                model.historyInput(),
                model.historyRecurrent(),
                model.historyBias()));
    this.heads = vocabulary.length;
    this.perHead = heads * model.visits().hidden();
    this.symbolOffsets = TimelineArgn.symbolOffsets(vocabulary);
    this.staticOffsets = TimelineArgn.symbolOffsets(staticEncoding.vocabulary());
    this.elapsedRow = historyHidden + TimelineArgn.symbols(staticEncoding.vocabulary());
    this.remainingRow = elapsedRow + TimelineArgn.elapsedBins(model.elapsedEdges());
    this.previousRow = remainingRow + TimelineArgn.remainingBins(layout, model.remainingEdges());
    this.order = new int[heads];
    for (int j = 0; j < heads; j++) {
      order[j] = j;
    }
    ArgnColumn first = visitEncoding.columns().get(0);
    // A gap column withheld by value protection (too few repeat visits) leaves one visit each.
    this.gap = first.kind() == ArgnColumn.Kind.NUMERIC ? first : null;
    ColumnSchema time = layout.schema().column(layout.schema().time()).orElseThrow();
    this.timeUnit =
        time.kind() == ColumnKind.NUMERIC ? Math.pow(10, -Math.max(0, time.decimals())) : 1;
  }

  TableSchema schema() {
    return layout.schema();
  }

  TableSchema staticSchema() {
    return layout.staticSchema();
  }

  RowSampler staticSampler() {
    return staticSampler;
  }

  int maxVisits() {
    return model.maxVisits();
  }

  /**
   * The visits of {@code patients} (rows of {@link #staticSchema()}); ids are {@code 1..n}. Each
   * patient draws from its own stream, split from {@code random} in patient order, so the first
   * patients do not depend on how many follow.
   */
  Timelines sample(Table patients, RandomStream random) {
    int count = patients.rowCount();
    int staticWidth = staticEncoding.width();
    int[] staticCodes = staticEncoding.encode(patients);
    TableSchema schema = layout.schema();
    double[] firstTimes = patients.column(schema.time());
    double[] ends = schema.endTime() == null ? null : patients.column(schema.endTime());
    int visitWidth = visitEncoding.width();
    IntBuffer visitCodes = new IntBuffer(count * visitWidth * 4);
    DoubleBuffer times = new DoubleBuffer(count * 4);
    int[] starts = new int[count + 1];
    int[] codes = new int[heads];
    int[] previous = new int[heads];
    int[] ones = new int[heads];
    boolean[] fixed = new boolean[heads];
    float[] h = new float[historyHidden];
    float[] c = new float[historyHidden];
    float[] gates = new float[4 * historyHidden];
    float[] statics = new float[perHead];
    float[] context = new float[perHead];
    ChainSampler.Scratch scratch = chain.scratch();
    int visitCap = gap == null ? 1 : model.maxVisits();
    RandomStream[] streams = new RandomStream[count];
    for (int p = 0; p < count; p++) {
      streams[p] = random.split();
    }
    for (int p = 0; p < count; p++) {
      RandomStream stream = streams[p];
      starts[p] = times.size();
      Arrays.fill(h, 0f);
      Arrays.fill(c, 0f);
      Arrays.fill(statics, 0f);
      for (int s = 0; s < staticWidth; s++) {
        addRow(statics, historyHidden + staticOffsets[s] + staticCodes[p * staticWidth + s]);
      }
      double latest = model.latestTime();
      if (ends != null && !Double.isNaN(ends[p])) {
        latest = Math.min(latest, ends[p]);
      }
      double time = Math.min(firstTimes[p], latest);
      double first = time;
      for (int t = 0; t < visitCap; t++) {
        int active = 0;
        if (t == 0) {
          ones[active++] = 0;
        } else {
          for (int j = 0; j < heads; j++) {
            ones[active++] = 1 + symbolOffsets[j] + previous[j];
          }
        }
        history.stepMultiHot(ones, active, h, c, gates);
        System.arraycopy(statics, 0, context, 0, perHead);
        for (int k = 0; k < historyHidden; k++) {
          if (h[k] != 0f) {
            addScaledRow(context, k, h[k]);
          }
        }
        addRow(context, elapsedRow + TimelineArgn.bin(time - first, model.elapsedEdges()));
        if (ends != null) {
          addRow(context, remainingRow + TimelineArgn.bin(ends[p] - time, model.remainingEdges()));
        }
        for (int n = 0; n < active; n++) {
          addRow(context, previousRow + ones[n]);
        }
        Arrays.fill(codes, 0);
        Arrays.fill(fixed, false);
        ChainSampler.Admissible admissible = null;
        if (t == 0) {
          // Every patient has a first visit; its gap is the missing symbol, as in training.
          fixed[0] = true;
          if (gap != null) {
            fixed[GAP_BIN] = true;
            fixed[GAP_SHARE] = true;
            codes[GAP_BIN] = gap.missingSymbol();
          }
        } else {
          double room = latest - time;
          if (!fitsGap(room)) {
            break;
          }
          admissible = gapWithin(room);
        }
        chain.sampleRow(order, codes, 0, fixed, context, admissible, stream, scratch);
        if (codes[0] == TimelineArgn.STOP) {
          break;
        }
        if (t > 0) {
          time = onGrid(time + gap.decodeWithin(codes, GAP_BIN, 0, latest - time, stream));
        }
        times.add(time);
        visitCodes.add(codes, 1, visitWidth);
        System.arraycopy(codes, 0, previous, 0, heads);
      }
    }
    starts[count] = times.size();
    return assemble(patients, starts, times, visitCodes, streams);
  }

  /** Whether some gap in {@code (0, room]} exists on the gap's grid. */
  private boolean fitsGap(double room) {
    for (int b = 0; b < gap.bins(); b++) {
      if (gap.reaches(b, -1, 0, room)) {
        return true;
      }
    }
    return false;
  }

  /** Gap bins and shares with a grid point in {@code (0, room]}; the missing symbol never. */
  private ChainSampler.Admissible gapWithin(double room) {
    return (subColumn, codes, offset) -> {
      if (subColumn == GAP_BIN) {
        boolean[] allowed = new boolean[gap.vocabulary(0)];
        for (int b = 0; b < gap.bins(); b++) {
          allowed[b] = gap.reaches(b, -1, 0, room);
        }
        return allowed;
      }
      if (subColumn == GAP_SHARE) {
        boolean[] allowed = new boolean[gap.vocabulary(1)];
        for (int s = 0; s < allowed.length; s++) {
          allowed[s] = gap.reaches(codes[offset + GAP_BIN], s, 0, room);
        }
        return allowed;
      }
      return null;
    };
  }

  /** A sum of grid values, rounded back to the time column's precision. */
  private double onGrid(double time) {
    return Math.round(time / timeUnit) * timeUnit;
  }

  private void addRow(float[] target, int row) {
    float[] weight = model.context();
    int base = row * perHead;
    for (int x = 0; x < perHead; x++) {
      target[x] += weight[base + x];
    }
  }

  private void addScaledRow(float[] target, int row, float scale) {
    float[] weight = model.context();
    int base = row * perHead;
    for (int x = 0; x < perHead; x++) {
      target[x] += scale * weight[base + x];
    }
  }

  private Timelines assemble(
      Table patients,
      int[] starts,
      DoubleBuffer times,
      IntBuffer visitCodes,
      RandomStream[] streams) {
    TableSchema schema = layout.schema();
    int rows = times.size();
    // Values are placed inside their bins with each patient's stream, after its chain's draws.
    int width = visitEncoding.width();
    int[] codes = visitCodes.values();
    double[][] decoded = new double[layout.visitSchema().columns().size()][rows];
    for (int p = 0; p < streams.length; p++) {
      int from = starts[p];
      int length = starts[p + 1] - from;
      visitEncoding.decodeInto(
          Arrays.copyOfRange(codes, from * width, (from + length) * width),
          length,
          streams[p],
          decoded,
          from);
    }
    TableSchema visitSchema = layout.visitSchema();
    List<ColumnSchema> columns = schema.columns();
    double[][] cells = new double[columns.size()][rows];
    for (double[] column : cells) {
      Arrays.fill(column, Double.NaN);
    }
    System.arraycopy(times.values(), 0, cells[schema.indexOf(schema.time())], 0, rows);
    for (ColumnSchema column : schema.staticColumns()) {
      double[] source = patients.column(column.name());
      double[] target = cells[schema.indexOf(column.name())];
      for (int p = 0; p + 1 < starts.length; p++) {
        Arrays.fill(target, starts[p], starts[p + 1], source[p]);
      }
    }
    for (ColumnSchema column : schema.timeVaryingColumns()) {
      System.arraycopy(
          decoded[visitSchema.indexOf(column.name())],
          0,
          cells[schema.indexOf(column.name())],
          0,
          rows);
    }
    List<String> ids = new ArrayList<>(starts.length - 1);
    for (int p = 1; p < starts.length; p++) {
      ids.add(Integer.toString(p));
    }
    return new Timelines(new Table(schema, cells), starts, ids);
  }

  /** A growing array of doubles. */
  private static final class DoubleBuffer {
    private double[] values;
    private int size;

    DoubleBuffer(int capacity) {
      values = new double[Math.max(16, capacity)];
    }

    void add(double value) {
      if (size == values.length) {
        values = Arrays.copyOf(values, values.length * 2);
      }
      values[size++] = value;
    }

    int size() {
      return size;
    }

    double[] values() {
      return Arrays.copyOf(values, size);
    }
  }

  /** A growing array of ints. */
  private static final class IntBuffer {
    private int[] values;
    private int size;

    IntBuffer(int capacity) {
      values = new int[Math.max(16, capacity)];
    }

    void add(int[] source, int from, int length) {
      if (size + length > values.length) {
        values = Arrays.copyOf(values, Math.max(size + length, values.length * 2));
      }
      System.arraycopy(source, from, values, size, length);
      size += length;
    }

    int[] values() {
      return Arrays.copyOf(values, size);
    }
  }
}
