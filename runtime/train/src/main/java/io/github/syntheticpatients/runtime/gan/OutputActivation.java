package io.github.syntheticpatients.runtime.gan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import io.github.syntheticpatients.runtime.encode.EncodedLayout;
import io.github.syntheticpatients.runtime.encode.OutputBlock;
import java.util.ArrayList;
import java.util.List;

/**
 * The generator's output activations in training: tanh on SCALAR spans and softmax (CTGAN:
 * Gumbel-softmax) on each SOFTMAX span; and CTGAN's conditional loss, the cross-entropy between a
 * discrete column's raw block and the category the conditional vector asked for.
 */
final class OutputActivation {
  /** Smallest uniform draw for Gumbel noise, so that −log(−log u) stays finite. */
  private static final float GUMBEL_FLOOR = 1e-20f;

  /** Contiguous runs of SCALAR positions and single SOFTMAX blocks, in order. */
  private final List<Segment> segments = new ArrayList<>();

  private final List<NDIndex> categoryBlocks = new ArrayList<>();
  private final List<NDIndex> categoryConditions = new ArrayList<>();
  private final boolean anySoftmax;

  OutputActivation(EncodedLayout layout, ConditionVector condition) {
    int runStart = -1;
    for (OutputBlock block : layout.blocks()) {
      if (block.kind() == OutputBlock.Kind.SCALAR) {
        runStart = runStart < 0 ? block.offset() : runStart;
        continue;
      }
      if (runStart >= 0) {
        segments.add(new Segment(runStart, block.offset(), false));
        runStart = -1;
      }
      segments.add(new Segment(block.offset(), block.end(), true));
    }
    if (runStart >= 0) {
      segments.add(new Segment(runStart, layout.width(), false));
    }
    anySoftmax = segments.stream().anyMatch(Segment::softmax);
    for (ConditionColumn column : condition.columns()) {
      categoryBlocks.add(columns(column.blockOffset(), column.blockOffset() + column.width()));
      categoryConditions.add(columns(column.condOffset(), column.condEnd()));
    }
  }

  /**
   * Activates {@code raw}. With a temperature (a 0-d array) SOFTMAX spans get Gumbel-softmax (noise
   * from the torch generator, like {@code F.gumbel_softmax(hard=False)}); with null, a plain
   * softmax.
   */
  NDArray activate(NDArray raw, NDArray gumbelTau) {
    NDManager batch = raw.getManager();
    NDArray logits = raw;
    if (gumbelTau != null && anySoftmax) {
      NDArray uniform = batch.randomUniform(GUMBEL_FLOOR, 1f, raw.getShape(), DataType.FLOAT32);
      // Gumbel noise is −log(−log u): subtract log(−log u).
      logits = raw.sub(uniform.log().neg().log()).div(gumbelTau);
    }
    NDList parts = new NDList(segments.size());
    for (Segment segment : segments) {
      parts.add(
          segment.softmax()
              ? logits.get(segment.index()).softmax(1)
              : raw.get(segment.index()).tanh());
    }
    return parts.size() == 1 ? parts.singletonOrThrow() : NDArrays.concat(parts, 1);
  }

  /**
   * CTGAN's {@code _cond_loss}: for each row, the cross-entropy between the raw block of the column
   * its conditional vector fixes and the fixed category, summed and divided by the batch size. Zero
   * without discrete columns.
   */
  NDArray conditionLoss(NDArray raw, NDArray cond) {
    NDManager batch = raw.getManager();
    if (categoryBlocks.isEmpty()) {
      return Scalars.of(batch, 0);
    }
    NDArray total = null;
    for (int k = 0; k < categoryBlocks.size(); k++) {
      // The cond part is one-hot for rows whose chosen column is k and zero elsewhere: it selects
      // and masks at once.
      NDArray picked =
          raw.get(categoryBlocks.get(k))
              .logSoftmax(1)
              .mul(cond.get(categoryConditions.get(k)))
              .sum();
      total = total == null ? picked : total.add(picked);
    }
    return total.neg().div(Scalars.of(batch, raw.getShape().get(0)));
  }

  private static NDIndex columns(int from, int to) {
    return new NDIndex().addAllDim().addSliceDim(from, to);
  }

  private record Segment(int from, int to, boolean softmax) {
    NDIndex index() {
      return columns(from, to);
    }
  }
}
