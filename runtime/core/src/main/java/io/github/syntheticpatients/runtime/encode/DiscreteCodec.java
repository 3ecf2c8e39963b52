package io.github.syntheticpatients.runtime.encode;

import io.github.syntheticpatients.runtime.schema.ColumnSchema;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * One-hot categories of a BINARY or CATEGORICAL column; a nullable column has an extra last
 * category for missing, so missingness is learned like any other category.
 */
public final class DiscreteCodec implements ColumnCodec {
  static final String TYPE = "onehot";

  private final ColumnSchema column;
  private final int categories;
  private final int width;

  /** Internal: public for runtime/train's fitting. */
  public DiscreteCodec(ColumnSchema column) {
    this.column = column;
    this.categories = column.categories().size();
    this.width = categories + (column.nullable() ? 1 : 0);
  }

  @Override
  public ColumnSchema column() {
    return column;
  }

  @Override
  public List<OutputBlock> blocks(int offset) {
    return List.of(
        new OutputBlock(
            OutputBlock.Kind.SOFTMAX, OutputBlock.Role.CATEGORY, offset, width, column.name()));
  }

  @Override
  public int width() {
    return width;
  }

  @Override
  public void encode(
      double[] values, float[] out, int offset, int stride, SplittableRandom random) {
    for (int row = 0, position = offset; row < values.length; row++, position += stride) {
      // Values were validated by TableEncoder, so NaN means a nullable column.
      int hot = Double.isNaN(values[row]) ? categories : (int) values[row];
      for (int i = 0; i < width; i++) {
        out[position + i] = i == hot ? 1f : 0f;
      }
    }
  }

  @Override
  public double decode(float[] in, int offset) {
    int best = 0;
    for (int i = 1; i < width; i++) {
      if (in[offset + i] > in[offset + best]) {
        best = i;
      }
    }
    return best == categories ? Double.NaN : best;
  }

  @Override
  public Map<String, Object> state() {
    Map<String, Object> state = new LinkedHashMap<>();
    state.put("type", TYPE);
    state.put("categories", categories);
    return state;
  }
}
