package io.github.syntheticpatients.runtime.encode;

import io.github.syntheticpatients.runtime.data.ValueRange;
import io.github.syntheticpatients.runtime.schema.ColumnSchema;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A NUMERIC, INTEGER, DATE or DATETIME column as the autoregressive generator sees it: a BIN
 * one-hot over the column's value-protected quantile bins (plus a last "missing" symbol when the
 * column is nullable), then a VALUE scalar in [-1, 1] for the position inside the bin. The grid and
 * the bins are an {@link ArgnColumn}'s (fitted by {@code runtime.fit.argn.ArgnEncodingFitter}), so
 * a point mass (a bin of one grid point), the bounds and the column's precision become categories,
 * and every decoded value is a grid point inside the protected bounds.
 *
 * <p>Encoding: a value's grid point g in bin b (points {@code [start, end)}) is stored as the
 * position {@code p = (g − start + u) / (end − start)}, u uniform in [0, 1), written as {@code 2p −
 * 1}; decoding takes the bin and {@code g = start + floor(p · (end − start))}, clipped to the bin.
 * A missing value sets the missing symbol and position −1.
 */
public final class BinnedCodec implements ColumnCodec {
  /** State type of this codec. */
  static final String TYPE = "bins";

  private final ColumnSchema column;
  private final ArgnColumn grid;
  private final int bins;
  private final int symbols;

  /**
   * Internal: public for runtime/train's fitting.
   *
   * @param grid a numeric {@link ArgnColumn} of the same column, with a missing symbol exactly when
   *     the column is nullable
   */
  public BinnedCodec(ColumnSchema column, ArgnColumn grid) {
    if (grid.kind() != ArgnColumn.Kind.NUMERIC || !grid.name().equals(column.name())) {
      throw new IllegalArgumentException(
          "Column '" + column.name() + "' needs a numeric grid of the same name");
    }
    if ((grid.missingSymbol() >= 0) != column.nullable()) {
      throw new IllegalArgumentException(
          "Column '"
              + column.name()
              + "' has a missing symbol "
              + (column.nullable() ? "only when" : "although")
              + " it is nullable");
    }
    this.column = column;
    this.grid = grid;
    this.bins = grid.bins();
    this.symbols = grid.vocabulary(0);
  }

  static BinnedCodec fromState(ColumnSchema column, Map<String, Object> state, StateMaps read) {
    return new BinnedCodec(column, ArgnColumn.fromState(read.map(state, "grid")));
  }

  @Override
  public ColumnSchema column() {
    return column;
  }

  @Override
  public List<OutputBlock> blocks(int offset) {
    String name = column.name();
    return List.of(
        new OutputBlock(OutputBlock.Kind.SOFTMAX, OutputBlock.Role.BIN, offset, symbols, name),
        new OutputBlock(
            OutputBlock.Kind.SCALAR, OutputBlock.Role.VALUE, offset + symbols, 1, name));
  }

  @Override
  public int width() {
    return symbols + 1;
  }

  @Override
  public void encode(
      double[] values, float[] out, int offset, int stride, SplittableRandom random) {
    for (int row = 0, position = offset; row < values.length; row++, position += stride) {
      double value = values[row];
      int hot;
      float scalar;
      if (Double.isNaN(value)) {
        // Values were validated by TableEncoder, so NaN means a nullable column.
        hot = bins;
        scalar = -1f;
      } else {
        long g = grid.gridIndex(value);
        hot = grid.binOf(g);
        long start = grid.edge(hot);
        double count = grid.edge(hot + 1) - start;
        double share = (g - start + random.nextDouble()) / count;
        scalar = (float) (2 * share - 1);
      }
      for (int i = 0; i < symbols; i++) {
        out[position + i] = i == hot ? 1f : 0f;
      }
      out[position + symbols] = scalar;
    }
  }

  @Override
  public double decode(float[] in, int offset) {
    int best = 0;
    for (int i = 1; i < symbols; i++) {
      if (in[offset + i] > in[offset + best]) {
        best = i;
      }
    }
    if (best == bins) {
      return Double.NaN;
    }
    long start = grid.edge(best);
    long count = grid.edge(best + 1) - start;
    double share = (Math.max(-1.0, Math.min(1.0, in[offset + symbols])) + 1) / 2;
    long g = start + Math.min(count - 1, (long) Math.floor(share * count));
    return grid.gridValue(g);
  }

  /** The range decoded values lie in: the grid's first and last point. */
  public ValueRange valueRange() {
    return grid.valueRange();
  }

  @Override
  public Map<String, Object> state() {
    Map<String, Object> state = new LinkedHashMap<>();
    state.put("type", TYPE);
    state.put("grid", grid.state());
    return state;
  }
}
