package io.github.syntheticpatients.runtime.gan.vaegan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.github.syntheticpatients.runtime.encode.EncodedLayout;
import io.github.syntheticpatients.runtime.encode.OutputBlock;
import java.util.ArrayList;
import java.util.List;

/**
 * The output heads of an encoded row: tanh for SCALAR positions, softmax for SOFTMAX blocks (the
 * plain-Java sampler draws a category from the same softmax), and each record's reconstruction
 * loss: squared error on the scalars, cross-entropy on the blocks.
 */
final class Heads {
  private final List<NDIndex> spans = new ArrayList<>();
  private final List<Boolean> softmax = new ArrayList<>();

  Heads(EncodedLayout layout) {
    for (OutputBlock block : layout.blocks()) {
      spans.add(new NDIndex(":, " + block.offset() + ":" + block.end()));
      softmax.add(block.kind() == OutputBlock.Kind.SOFTMAX);
    }
  }

  NDArray activate(NDArray raw) {
    NDList parts = new NDList(spans.size());
    for (int s = 0; s < spans.size(); s++) {
      NDArray span = raw.get(spans.get(s));
      parts.add(softmax.get(s) ? span.softmax(1) : span.tanh());
    }
    return parts.size() == 1 ? parts.singletonOrThrow() : NDArrays.concat(parts, 1);
  }

  /** Each record's loss ({@code rows}): Σ (tanh(raw) − x)² + Σ −x·log softmax(raw). */
  NDArray reconstruction(NDArray raw, NDArray x) {
    NDManager batch = raw.getManager();
    NDArray total = batch.zeros(new Shape(raw.getShape().get(0)), DataType.FLOAT32);
    for (int s = 0; s < spans.size(); s++) {
      NDArray span = raw.get(spans.get(s));
      NDArray target = x.get(spans.get(s));
      NDArray term =
          softmax.get(s)
              ? span.logSoftmax(1).mul(target).sum(new int[] {1}).neg()
              : span.tanh().sub(target).square().sum(new int[] {1});
      total = total.add(term);
    }
    return total;
  }
}
