package io.github.syntheticpatients.runtime.model;

import io.github.syntheticpatients.runtime.InvalidInputException;
import io.github.syntheticpatients.runtime.data.Table;
import io.github.syntheticpatients.runtime.data.ValueRange;
import io.github.syntheticpatients.runtime.encode.ArgnColumn;
import io.github.syntheticpatients.runtime.model.argn.ArgnEncoding;
import io.github.syntheticpatients.runtime.model.argn.ArgnModel;
import io.github.syntheticpatients.runtime.model.argn.ChainSampler;
import io.github.syntheticpatients.runtime.random.RandomStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * Samples the autoregressive generator ({@code argn}) in plain Java: sub-columns in schema order,
 * each symbol drawn from its head given the ones before, then decoded to values.
 *
 * <p>A network trained on random column orders can take any columns first, so fixed categories are
 * set first and the rest follow from them: conditions without rejection. A network trained on one
 * order cannot (its earlier columns would not depend on a later fixed one), so it fixes none and
 * leaves conditions to rejection. Numeric ranges work the same way on a network trained on random
 * orders: the ranged column comes first, drawn only among the bins inside its range.
 *
 * <p>Rows come in fixed-size chunks, each with its own stream split off in order before any work
 * starts, so the output is the same whatever the number of threads.
 */
final class ArgnRowSampler implements RowSampler {
  private static final int CHUNK_ROWS = 512;

  private final ArgnEncoding encoding;
  private final ChainSampler chain;

  ArgnRowSampler(ArgnModel model) {
    this.encoding = model.encoding();
    this.chain = new ChainSampler(model.network());
  }

  @Override
  public Map<String, Integer> conditionable(Map<String, Integer> requested) {
    Map<String, Integer> chosen = new LinkedHashMap<>();
    if (!chain.network().anyOrder()) {
      return chosen;
    }
    requested.forEach(
        (name, category) -> {
          int c = encoding.columnNamed(name);
          if (c >= 0 && encoding.columns().get(c).kind() == ArgnColumn.Kind.CATEGORICAL) {
            chosen.put(name, category);
          }
        });
    return chosen;
  }

  /** A numeric column's ranges, where the network can draw it before any other. */
  @Override
  public Set<String> rangeConditionable(Map<String, Conditions.Range> requested) {
    Set<String> chosen = new LinkedHashSet<>();
    if (!chain.network().anyOrder()) {
      return chosen;
    }
    for (String name : requested.keySet()) {
      int c = encoding.columnNamed(name);
      if (c >= 0 && encoding.columns().get(c).kind() == ArgnColumn.Kind.NUMERIC) {
        chosen.add(name);
      }
    }
    return chosen;
  }

  @Override
  public Optional<ValueRange> valueRange(String column) {
    int c = encoding.columnNamed(column);
    if (c < 0 || encoding.columns().get(c).kind() != ArgnColumn.Kind.NUMERIC) {
      return Optional.empty();
    }
    return Optional.of(encoding.columns().get(c).valueRange());
  }

  @Override
  public Table sample(int rows, Map<String, Integer> fixed, RandomStream random) {
    return sample(rows, fixed, Map.of(), random);
  }

  /**
   * Fixed categories come first in the order, then the ranged columns (bin, then share), each drawn
   * only among the bins and shares that hold a grid point in its range (the head's softmax
   * renormalised over them) and decoded to a grid point inside the range; then the rest, which so
   * follow the model's conditional given the range.
   */
  @Override
  public Table sample(
      int rows,
      Map<String, Integer> fixed,
      Map<String, Conditions.Range> ranges,
      RandomStream random) {
    int width = encoding.width();
    boolean[] isFixed = new boolean[width];
    int[] fixedCodes = new int[width];
    int[] order = new int[width];
    boolean[] placed = new boolean[width];
    int next = 0;
    for (Map.Entry<String, Integer> entry : fixed.entrySet()) {
      int sub = encoding.firstSubColumn(orderable(entry.getKey()));
      isFixed[sub] = true;
      fixedCodes[sub] = entry.getValue();
      placed[sub] = true;
      order[next++] = sub;
    }
    long[][] within = new long[encoding.columns().size()][];
    RangeRestriction restriction = ranges.isEmpty() ? null : new RangeRestriction(width);
    for (Map.Entry<String, Conditions.Range> entry : ranges.entrySet()) {
      int c = orderable(entry.getKey());
      ArgnColumn column = encoding.columns().get(c);
      Conditions.Range range = entry.getValue();
      within[c] =
          column.gridPointsIn(
              range.low(), range.lowInclusive(), range.high(), range.highInclusive());
      if (within[c] == null) {
        throw InvalidInputException.inParameter(
            "conditions",
            "No value this model generates for '"
                + entry.getKey()
                + "' lies in the range asked for; widen it.");
      }
      int sub = encoding.firstSubColumn(c);
      restriction.restrict(sub, column, within[c]);
      for (int part = sub; part < sub + column.subColumns(); part++) {
        placed[part] = true;
        order[next++] = part;
      }
    }
    for (int j = 0; j < width; j++) {
      if (!placed[j]) {
        order[next++] = j;
      }
    }
    int chunks = (rows + CHUNK_ROWS - 1) / CHUNK_ROWS;
    RandomStream[] streams = new RandomStream[chunks];
    for (int c = 0; c < chunks; c++) {
      streams[c] = random.split();
    }
    double[][] table = new double[encoding.schema().columns().size()][];
    for (int i = 0; i < table.length; i++) {
      table[i] = new double[rows];
      Arrays.fill(table[i], Double.NaN);
    }
    IntStream.range(0, chunks)
        .parallel()
        .forEach(
            c -> {
              int first = c * CHUNK_ROWS;
              int count = Math.min(CHUNK_ROWS, rows - first);
              int[] codes = new int[count * width];
              for (int r = 0; r < count; r++) {
                System.arraycopy(fixedCodes, 0, codes, r * width, width);
              }
              ChainSampler.BlockScratch scratch = chain.blockScratch();
              for (int r = 0; r < count; r += ChainSampler.BLOCK_ROWS) {
                int block = Math.min(ChainSampler.BLOCK_ROWS, count - r);
                chain.sampleBlock(
                    order, codes, r * width, block, isFixed, restriction, streams[c], scratch);
              }
              encoding.decodeInto(codes, count, streams[c], table, first, within);
            });
    return new Table(encoding.schema(), table);
  }

  /** The column named {@code name}, which this network can draw before the others. */
  private int orderable(String name) {
    int c = encoding.columnNamed(name);
    if (c < 0 || !chain.network().anyOrder()) {
      throw new IllegalArgumentException("column '" + name + "' cannot be fixed by this model");
    }
    return c;
  }

  /**
   * The bins and shares of ranged numeric columns that hold a grid point in their range: a bin
   * sub-column's allowed symbols are fixed, a share's depend on the bin drawn just before.
   */
  private static final class RangeRestriction implements ChainSampler.Admissible {
    private final boolean[][] bins;
    private final boolean[][][] shares;

    RangeRestriction(int width) {
      bins = new boolean[width][];
      shares = new boolean[width][][];
    }

    void restrict(int binSub, ArgnColumn column, long[] gridPoints) {
      bins[binSub] = column.binsMeeting(gridPoints[0], gridPoints[1]);
      boolean[][] byBin = new boolean[column.bins()][];
      for (int b = 0; b < byBin.length; b++) {
        byBin[b] = column.sharesMeeting(b, gridPoints[0], gridPoints[1]);
      }
      shares[binSub + 1] = byBin;
    }

    @Override
    public boolean[] allowed(int subColumn, int[] codes, int offset) {
      if (bins[subColumn] != null) {
        return bins[subColumn];
      }
      boolean[][] byBin = shares[subColumn];
      return byBin == null ? null : byBin[codes[offset + subColumn - 1]];
    }
  }
}
