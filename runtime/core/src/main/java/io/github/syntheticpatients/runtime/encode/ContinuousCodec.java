package io.github.syntheticpatients.runtime.encode;

import io.github.syntheticpatients.runtime.ColumnKind;
import io.github.syntheticpatients.runtime.data.ValueRange;
import io.github.syntheticpatients.runtime.schema.ColumnSchema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * A NUMERIC, INTEGER, DATE or DATETIME column: a VALUE scalar, a MODE one-hot when the scaler has
 * modes, and a MISSING pair [present, missing] when the column is nullable. Decoding clips to the
 * protected range (if asked) and rounds whole-number kinds. A withheld column (fewer than k values,
 * see {@link io.github.syntheticpatients.runtime.schema.ProtectedValues}) encodes every value as
 * missing and decodes to missing.
 */
public final class ContinuousCodec implements ColumnCodec {
  /** State entry that marks a withheld column. */
  static final String WITHHELD = "withheld";

  private final ColumnSchema column;
  private final NumericScaler scaler;
  private final double min;
  private final double max;
  private final boolean clip;
  private final boolean withheld;
  private final boolean whole;
  private final int modes;
  private final int width;

  /** Internal: public for runtime/train's fitting. */
  public ContinuousCodec(
      ColumnSchema column,
      NumericScaler scaler,
      double min,
      double max,
      boolean clip,
      boolean withheld) {
    if (withheld && !column.nullable()) {
      throw new IllegalArgumentException(
          "Column '" + column.name() + "' is withheld but not nullable");
    }
    this.column = column;
    this.withheld = withheld;
    this.scaler = scaler;
    this.min = min;
    this.max = max;
    this.clip = clip;
    this.whole = column.kind() != ColumnKind.NUMERIC;
    this.modes = scaler.modeCount();
    this.width = 1 + modes + (column.nullable() ? 2 : 0);
  }

  @Override
  public ColumnSchema column() {
    return column;
  }

  @Override
  public List<OutputBlock> blocks(int offset) {
    List<OutputBlock> blocks = new ArrayList<>(3);
    String name = column.name();
    blocks.add(new OutputBlock(OutputBlock.Kind.SCALAR, OutputBlock.Role.VALUE, offset, 1, name));
    if (modes > 0) {
      blocks.add(
          new OutputBlock(
              OutputBlock.Kind.SOFTMAX, OutputBlock.Role.MODE, offset + 1, modes, name));
    }
    if (column.nullable()) {
      blocks.add(
          new OutputBlock(
              OutputBlock.Kind.SOFTMAX, OutputBlock.Role.MISSING, offset + 1 + modes, 2, name));
    }
    return blocks;
  }

  @Override
  public int width() {
    return width;
  }

  @Override
  public void encode(
      double[] values, float[] out, int offset, int stride, SplittableRandom random) {
    double[] scratch = new double[modes];
    for (int row = 0, position = offset; row < values.length; row++, position += stride) {
      double value = values[row];
      boolean missing = withheld || Double.isNaN(value);
      if (missing) {
        scaler.encodeMissing(out, position);
      } else {
        scaler.encode(value, out, position, random, scratch);
      }
      if (column.nullable()) {
        out[position + 1 + modes] = missing ? 0f : 1f;
        out[position + 2 + modes] = missing ? 1f : 0f;
      }
    }
  }

  @Override
  public double decode(float[] in, int offset) {
    if (withheld || column.nullable() && in[offset + 2 + modes] > in[offset + 1 + modes]) {
      return Double.NaN;
    }
    double value = scaler.decode(in, offset);
    if (clip) {
      value = Math.max(min, Math.min(max, value));
    }
    return whole ? Math.rint(value) : value;
  }

  /**
   * The range decoded values lie in: the protected [min, max], rounded for whole-number kinds;
   * empty when decoding does not clip (a value may then leave the range) or the column is withheld.
   */
  public Optional<ValueRange> valueRange() {
    if (!clip || withheld) {
      return Optional.empty();
    }
    return Optional.of(
        whole ? new ValueRange(Math.rint(min), Math.rint(max)) : new ValueRange(min, max));
  }

  @Override
  public Map<String, Object> state() {
    Map<String, Object> state = new LinkedHashMap<>();
    state.put("type", "continuous");
    state.put("min", StateMaps.finite(min));
    state.put("max", StateMaps.finite(max));
    state.put("clip", clip);
    state.put(WITHHELD, withheld);
    state.put("scaler", scaler.state());
    return state;
  }
}
