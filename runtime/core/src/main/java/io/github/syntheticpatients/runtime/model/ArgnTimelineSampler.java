package io.github.syntheticpatients.runtime.model;

import io.github.syntheticpatients.runtime.ColumnKind;
import io.github.syntheticpatients.runtime.data.Table;
import io.github.syntheticpatients.runtime.data.Timelines;
import io.github.syntheticpatients.runtime.encode.ArgnColumn;
import io.github.syntheticpatients.runtime.model.argn.ArgnEncoding;
import io.github.syntheticpatients.runtime.model.argn.VisitChainSampler;
import io.github.syntheticpatients.runtime.model.argn.timeline.TimelineArgn;
import io.github.syntheticpatients.runtime.model.argn.timeline.VisitLayout;
import io.github.syntheticpatients.runtime.random.RandomStream;
import io.github.syntheticpatients.runtime.schema.ColumnSchema;
import io.github.syntheticpatients.runtime.schema.TableSchema;
import io.github.syntheticpatients.runtime.schema.VisitStructure;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Samples the visits of the timeline {@code argn} ({@link TimelineArgn}) in plain Java, a group of
 * patients at a time, visit after visit: the history LSTM reads the previous visit's symbols, the
 * context is projected once per visit, and the visit chain draws the stop symbol, the gap and the
 * time-varying columns given that history and the patient's static symbols. The static table comes
 * first, from its own chain ({@link #staticSampler}), through {@link TimelineModel}'s block and
 * condition handling.
 *
 * <p>The rules of real timelines hold by construction: the first visit's time is the static row's,
 * each later one adds a positive gap on the time's grid (times strictly increase), a gap never
 * passes the patient's end of follow-up (the schema's {@code endTime}) or the time column's
 * value-protected upper bound (the timeline stops where no gap fits), static attributes are copied
 * from the patient row, values decode inside their value-protected bins, and the schema's visit
 * counter and interval end ({@link VisitStructure}) are produced from the visits when a patient's
 * rows are assembled.
 *
 * <p>Immutable and thread-safe: every call works in its own arrays (a {@code Group}'s).
 */
final class ArgnTimelineSampler {
  private static final int GAP_BIN = 1;
  private static final int GAP_SHARE = 2;

  /**
   * Patients sampled together, visit by visit: a block's 256 ({@code Blocks.PATIENTS_PER_BLOCK}),
   * so that the loops over them stay long as patients end (ICU shape: 232 patients/s of CPU against
   * 184 with 64). Not a constant of the output.
   */
  private static final int GROUP = 256;

  private final TimelineArgn model;
  private final VisitLayout layout;
  private final ArgnRowSampler staticSampler;
  private final ArgnEncoding staticEncoding;
  private final ArgnEncoding visitEncoding;
  private final VisitChainSampler chain;
  private final LstmKernel history;
  private final int heads;
  private final int projectedWidth;

  /** Per context row, its row of the stored projection; null in a model without one. */
  private final float[][] projectionRows;

  /** Per entry of the projected vector (or of the whole context), what it adds to every head. */
  private final float[][] headRows;

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
    this.chain = new VisitChainSampler(model.visits());
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
    int perHead = heads * model.visits().hidden();
    int contextRows = model.contextRows();
    this.projectedWidth = model.projected() == 0 ? contextRows : model.projected();
    this.projectionRows =
        model.projected() == 0 ? null : rows(model.projection(), contextRows, projectedWidth);
    this.headRows = rows(model.context(), projectedWidth, perHead);
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
   * patients do not depend on how many follow. Patients are sampled {@link #GROUP} at a time, visit
   * by visit and head by head over the group's patients still going ({@link VisitChainSampler}); a
   * patient leaves its group at its stop symbol.
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
    RandomStream[] streams = new RandomStream[count];
    for (int p = 0; p < count; p++) {
      streams[p] = random.split();
    }
    Group group = new Group();
    for (int from = 0; from < count; from += GROUP) {
      int size = Math.min(GROUP, count - from);
      group.sample(from, size, staticCodes, staticWidth, firstTimes, ends, streams);
      for (int r = 0; r < size; r++) {
        starts[from + r] = times.size();
        int visits = group.times[r].size();
        for (int t = 0; t < visits; t++) {
          times.add(group.times[r].values[t]);
        }
        visitCodes.add(group.codes[r].values, 0, visits * visitWidth);
      }
    }
    starts[count] = times.size();
    return assemble(patients, starts, times, visitCodes, streams);
  }

  /** Patients sampled together: what each holds between visits, reused from group to group. */
  private final class Group {
    final float[][] h = new float[GROUP][historyHidden];
    final float[][] c = new float[GROUP][historyHidden];
    final float[][] staticProjected = new float[GROUP][projectedWidth];
    final float[] projected = new float[projectedWidth];
    final float[][] sums = new float[GROUP][chain.width()];
    final int[][] symbols = new int[GROUP][heads];
    final int[][] previous = new int[GROUP][heads];
    final double[] time = new double[GROUP];
    final double[] first = new double[GROUP];
    final double[] latest = new double[GROUP];
    final int[] rows = new int[GROUP];
    final boolean[][] allowed = new boolean[GROUP][];
    final int[] ones = new int[heads];
    final float[] gates = new float[4 * historyHidden];
    final DoubleBuffer[] times = new DoubleBuffer[GROUP];
    final IntBuffer[] codes = new IntBuffer[GROUP];
    final VisitChainSampler.Scratch scratch = chain.scratch(GROUP);

    Group() {
      for (int r = 0; r < GROUP; r++) {
        times[r] = new DoubleBuffer(16);
        codes[r] = new IntBuffer(16 * visitEncoding.width());
      }
    }

    /**
     * Patients {@code [from, from + size)}: their visit times and codes, row r for patient from+r.
     */
    void sample(
        int from,
        int size,
        int[] staticCodes,
        int staticWidth,
        double[] firstTimes,
        double[] ends,
        RandomStream[] streams) {
      RandomStream[] own = Arrays.copyOfRange(streams, from, from + size);
      for (int r = 0; r < size; r++) {
        int p = from + r;
        Arrays.fill(h[r], 0f);
        Arrays.fill(c[r], 0f);
        Arrays.fill(staticProjected[r], 0f);
        for (int s = 0; s < staticWidth; s++) {
          project(
              staticProjected[r],
              historyHidden + staticOffsets[s] + staticCodes[p * staticWidth + s],
              1f);
        }
        latest[r] = model.latestTime();
        if (ends != null && !Double.isNaN(ends[p])) {
          latest[r] = Math.min(latest[r], ends[p]);
        }
        time[r] = Math.min(firstTimes[p], latest[r]);
        first[r] = time[r];
        times[r].clear();
        codes[r].clear();
        rows[r] = r;
      }
      int active = size;
      int visitCap = gap == null ? 1 : model.maxVisits();
      for (int t = 0; t < visitCap && active > 0; t++) {
        if (t > 0) {
          // A patient with no gap left on the grid ends here.
          int kept = 0;
          for (int i = 0; i < active; i++) {
            if (fitsGap(latest[rows[i]] - time[rows[i]])) {
              rows[kept++] = rows[i];
            }
          }
          active = kept;
        }
        for (int i = 0; i < active; i++) {
          int r = rows[i];
          double end = ends == null ? Double.NaN : ends[from + r];
          context(r, t, end, ends != null);
        }
        if (t == 0) {
          // Every patient has a first visit; its gap is the missing symbol, as in training.
          for (int i = 0; i < active; i++) {
            Arrays.fill(symbols[rows[i]], 0);
          }
          chain.fix(0, rows, active, sums, symbols);
        } else {
          chain.draw(0, rows, active, sums, symbols, null, own, scratch);
          int kept = 0;
          for (int i = 0; i < active; i++) {
            if (symbols[rows[i]][0] != TimelineArgn.STOP) {
              rows[kept++] = rows[i];
            }
          }
          active = kept;
        }
        for (int j = 1; j < heads; j++) {
          if (t == 0 && gap != null && (j == GAP_BIN || j == GAP_SHARE)) {
            for (int i = 0; i < active; i++) {
              symbols[rows[i]][j] = j == GAP_BIN ? gap.missingSymbol() : 0;
            }
            chain.fix(j, rows, active, sums, symbols);
          } else if (t > 0 && (j == GAP_BIN || j == GAP_SHARE)) {
            for (int i = 0; i < active; i++) {
              int r = rows[i];
              allowed[i] = gapAllowed(j, symbols[r], latest[r] - time[r]);
            }
            chain.draw(j, rows, active, sums, symbols, allowed, own, scratch);
          } else {
            chain.draw(j, rows, active, sums, symbols, null, own, scratch);
          }
        }
        for (int i = 0; i < active; i++) {
          int r = rows[i];
          if (t > 0) {
            time[r] =
                onGrid(
                    time[r]
                        + gap.decodeWithin(symbols[r], GAP_BIN, 0, latest[r] - time[r], own[r]));
          }
          times[r].add(time[r]);
          codes[r].add(symbols[r], 1, visitEncoding.width());
          System.arraycopy(symbols[r], 0, previous[r], 0, heads);
        }
      }
    }

    /**
     * Row r's hidden sums before visit t's chain: the history takes its step on the previous
     * visit's symbols, the context ({@code [h, statics, elapsed, remaining, history input]}) is
     * projected, and the projection reaches every head.
     */
    private void context(int r, int t, double end, boolean hasEnd) {
      int active = 0;
      if (t == 0) {
        ones[active++] = 0;
      } else {
        for (int j = 0; j < heads; j++) {
          ones[active++] = 1 + symbolOffsets[j] + previous[r][j];
        }
      }
      float[] state = h[r];
      history.stepMultiHot(ones, active, state, c[r], gates);
      System.arraycopy(staticProjected[r], 0, projected, 0, projectedWidth);
      for (int k = 0; k < historyHidden; k++) {
        if (state[k] != 0f) {
          project(projected, k, state[k]);
        }
      }
      project(
          projected, elapsedRow + TimelineArgn.bin(time[r] - first[r], model.elapsedEdges()), 1f);
      if (hasEnd) {
        project(
            projected, remainingRow + TimelineArgn.bin(end - time[r], model.remainingEdges()), 1f);
      }
      for (int n = 0; n < active; n++) {
        project(projected, previousRow + ones[n], 1f);
      }
      float[] s = sums[r];
      chain.startRow(s);
      for (int k = 0; k < projectedWidth; k++) {
        float z = projected[k];
        if (z != 0f) {
          float[] w = headRows[k];
          for (int x = 0; x < s.length; x++) {
            s[x] += z * w[x];
          }
        }
      }
    }
  }

  /**
   * Adds {@code scale} times context row {@code row} to a projected vector: the row of the stored
   * projection, or, in a model without one, the context's own entry.
   */
  private void project(float[] projected, int row, float scale) {
    if (projectionRows == null) {
      projected[row] += scale;
      return;
    }
    float[] w = projectionRows[row];
    for (int k = 0; k < w.length; k++) {
      projected[k] += scale * w[k];
    }
  }

  /** Gap bins (or shares of the drawn bin) with a grid point in {@code (0, room]}. */
  private boolean[] gapAllowed(int subColumn, int[] codes, double room) {
    if (subColumn == GAP_BIN) {
      boolean[] allowed = new boolean[gap.vocabulary(0)];
      for (int b = 0; b < gap.bins(); b++) {
        allowed[b] = gap.reaches(b, -1, 0, room);
      }
      return allowed;
    }
    boolean[] allowed = new boolean[gap.vocabulary(1)];
    for (int s = 0; s < allowed.length; s++) {
      allowed[s] = gap.reaches(codes[GAP_BIN], s, 0, room);
    }
    return allowed;
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

  private static float[][] rows(float[] weight, int count, int width) {
    float[][] rows = new float[count][];
    for (int r = 0; r < count; r++) {
      rows[r] = Arrays.copyOfRange(weight, r * width, (r + 1) * width);
    }
    return rows;
  }

  /** A sum of grid values, rounded back to the time column's precision. */
  private double onGrid(double time) {
    return Math.round(time / timeUnit) * timeUnit;
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
    for (ColumnSchema column : schema.learnedVisitColumns()) {
      System.arraycopy(
          decoded[visitSchema.indexOf(column.name())],
          0,
          cells[schema.indexOf(column.name())],
          0,
          rows);
    }
    VisitStructure structure = schema.visitStructure();
    if (!structure.isEmpty()) {
      double[] tails = layout.tailColumn() == null ? null : patients.column(layout.tailColumn());
      structure.produce(schema, cells, starts, tails);
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

    void clear() {
      size = 0;
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

    void clear() {
      size = 0;
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
