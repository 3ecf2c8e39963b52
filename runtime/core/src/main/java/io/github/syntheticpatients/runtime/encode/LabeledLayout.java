package io.github.syntheticpatients.runtime.encode;

import java.util.ArrayList;
import java.util.List;

/**
 * An encoded row split into a discrete target column's CATEGORY block and the other columns (the
 * features), for a generator whose labeler assigns the target ({@code dp-vaegan}): training splits
 * real rows with it, sampling joins generated features and drawn labels back into full rows.
 *
 * @param full the whole row's layout
 * @param features the layout of the row without the target block, offsets closed up
 * @param target the target's CATEGORY block in {@code full}
 */
public record LabeledLayout(EncodedLayout full, EncodedLayout features, OutputBlock target) {

  /**
   * Splits {@code full} at the CATEGORY block of {@code column}.
   *
   * @throws IllegalArgumentException when {@code column} has no CATEGORY block (it is not discrete)
   */
  public static LabeledLayout of(EncodedLayout full, String column) {
    OutputBlock target =
        full.blocksOf(column).stream()
            .filter(b -> b.role() == OutputBlock.Role.CATEGORY)
            .findFirst()
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "The target column '" + column + "' has no category block"));
    List<OutputBlock> blocks = new ArrayList<>();
    for (OutputBlock block : full.blocks()) {
      if (block.equals(target)) {
        continue;
      }
      int offset =
          block.offset() > target.offset() ? block.offset() - target.width() : block.offset();
      blocks.add(
          new OutputBlock(block.kind(), block.role(), offset, block.width(), block.column()));
    }
    return new LabeledLayout(
        full, new EncodedLayout(blocks, full.width() - target.width()), target);
  }

  /** The features of {@code rows} full rows, row-major. */
  public float[] features(float[] rows, int count) {
    int width = full.width();
    int featureWidth = features.width();
    float[] out = new float[count * featureWidth];
    for (int r = 0; r < count; r++) {
      System.arraycopy(rows, r * width, out, r * featureWidth, target.offset());
      System.arraycopy(
          rows,
          r * width + target.end(),
          out,
          r * featureWidth + target.offset(),
          width - target.end());
    }
    return out;
  }

  /** The target's one-hot block of {@code rows} full rows, row-major. */
  public float[] labels(float[] rows, int count) {
    float[] out = new float[count * target.width()];
    for (int r = 0; r < count; r++) {
      System.arraycopy(
          rows, r * full.width() + target.offset(), out, r * target.width(), target.width());
    }
    return out;
  }

  /** Full rows from features and the target's category per row. */
  public float[] join(float[] featureRows, int[] categories) {
    int width = full.width();
    int featureWidth = features.width();
    float[] out = new float[categories.length * width];
    for (int r = 0; r < categories.length; r++) {
      System.arraycopy(featureRows, r * featureWidth, out, r * width, target.offset());
      System.arraycopy(
          featureRows,
          r * featureWidth + target.offset(),
          out,
          r * width + target.end(),
          width - target.end());
      out[r * width + target.offset() + categories[r]] = 1f;
    }
    return out;
  }
}
