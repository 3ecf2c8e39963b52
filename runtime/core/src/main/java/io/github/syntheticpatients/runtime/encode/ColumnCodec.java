package io.github.syntheticpatients.runtime.encode;

import io.github.syntheticpatients.runtime.schema.ColumnSchema;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** Encodes and decodes the cells of one learned column into its span of the encoded row. */
public interface ColumnCodec {

  ColumnSchema column();

  /** The column's blocks when its span starts at {@code offset}. */
  List<OutputBlock> blocks(int offset);

  /** Total width of the column's blocks. */
  int width();

  /**
   * Writes every cell (NaN = missing) of the column: row {@code r} fills all {@link #width()}
   * positions from {@code out[offset + r * stride]}.
   */
  void encode(double[] values, float[] out, int offset, int stride, SplittableRandom random);

  /** The cell that {@code in[offset ...]} decodes to (NaN = missing). */
  double decode(float[] in, int offset);

  /** JDK-typed state. */
  Map<String, Object> state();
}
