package io.github.syntheticpatients.runtime.gan;

import io.github.syntheticpatients.runtime.encode.EncodedLayout;
import io.github.syntheticpatients.runtime.encode.OutputBlock;
import io.github.syntheticpatients.runtime.encode.OutputBlock.Kind;
import io.github.syntheticpatients.runtime.encode.OutputBlock.Role;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A hand-built encoded table for tests: age (3 modes + value), sex (2 categories), stage (4
 * categories, tied to the age mode), bilirubin (value + missing flag). Width 13.
 */
final class TinyTable {
  static final EncodedLayout LAYOUT =
      new EncodedLayout(
          List.of(
              new OutputBlock(Kind.SOFTMAX, Role.MODE, 0, 3, "age"),
              new OutputBlock(Kind.SCALAR, Role.VALUE, 3, 1, "age"),
              new OutputBlock(Kind.SOFTMAX, Role.CATEGORY, 4, 2, "sex"),
              new OutputBlock(Kind.SOFTMAX, Role.CATEGORY, 6, 4, "stage"),
              new OutputBlock(Kind.SCALAR, Role.VALUE, 10, 1, "bili"),
              new OutputBlock(Kind.SOFTMAX, Role.MISSING, 11, 2, "bili")),
          13);

  private TinyTable() {}

  /** {@code rows} encoded rows; sex is 70 % category 0, stage follows the age mode. */
  static float[] data(int rows, long seed) {
    Random random = new Random(seed);
    float[] data = new float[rows * LAYOUT.width()];
    for (int r = 0; r < rows; r++) {
      int o = r * LAYOUT.width();
      int mode = random.nextInt(3);
      data[o + mode] = 1;
      data[o + 3] = (float) Math.tanh(random.nextGaussian() * 0.3);
      data[o + 4 + (random.nextDouble() < 0.7 ? 0 : 1)] = 1;
      int stage = random.nextDouble() < 0.8 ? mode : 3;
      data[o + 6 + stage] = 1;
      boolean missing = random.nextDouble() < 0.2;
      data[o + 10] =
          missing ? 0 : (float) Math.tanh(0.5 * mode - 0.5 + random.nextGaussian() * 0.1);
      data[o + 11 + (missing ? 1 : 0)] = 1;
    }
    return data;
  }

  /**
   * A random layout of {@code width} positions: SCALAR values and a few SOFTMAX blocks (for
   * benchmarks).
   */
  static EncodedLayout randomLayout(int width, int softmaxBlocks, int blockWidth) {
    List<OutputBlock> blocks = new ArrayList<>();
    int offset = 0;
    for (int b = 0; b < softmaxBlocks; b++) {
      blocks.add(new OutputBlock(Kind.SOFTMAX, Role.CATEGORY, offset, blockWidth, "c" + b));
      offset += blockWidth;
    }
    int scalar = 0;
    while (offset < width) {
      blocks.add(new OutputBlock(Kind.SCALAR, Role.VALUE, offset, 1, "x" + scalar++));
      offset++;
    }
    return new EncodedLayout(blocks, width);
  }

  /** Random rows for {@link #randomLayout}: one-hot SOFTMAX blocks, values in (-1, 1). */
  static float[] randomData(EncodedLayout layout, int rows, long seed) {
    Random random = new Random(seed);
    float[] data = new float[rows * layout.width()];
    for (int r = 0; r < rows; r++) {
      for (OutputBlock block : layout.blocks()) {
        int o = r * layout.width() + block.offset();
        if (block.kind() == Kind.SOFTMAX) {
          data[o + random.nextInt(block.width())] = 1;
        } else {
          data[o] = (float) Math.tanh(random.nextGaussian());
        }
      }
    }
    return data;
  }
}
