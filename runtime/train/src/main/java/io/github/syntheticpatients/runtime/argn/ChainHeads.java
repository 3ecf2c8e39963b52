package io.github.syntheticpatients.runtime.argn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import io.github.syntheticpatients.runtime.model.argn.ArgnNetwork;
import java.util.ArrayList;
import java.util.List;

/**
 * A chain of softmax heads on DJL, one per discrete sub-column, given an optional context vector
 * per row (zero width for flat tables; a history for timelines). Head j sees the embeddings of the
 * sub-columns a mask lets through (those before it in the order) and the context, through one relu
 * layer of {@code hidden} units and a softmax over its vocabulary.
 *
 * <p>Batched into few large tensor operations: all embeddings live in one table and are gathered at
 * once; heads are grouped by their vocabulary rounded up to a power of two, and each group's hidden
 * and output layers are one matrix product each (padded symbols get a large negative logit).
 * Parameters are plain NDArrays on one manager; every operation starts from a batch-scoped array so
 * results land on the batch's manager (djl.md, pitfall 4), and no scalar overload is used (pitfall
 * 1).
 */
final class ChainHeads {
  private static final float PADDED_LOGIT = -1e9f;

  private final int[] vocabulary;
  private final int[] dims;
  private final int heads;
  private final int maxDims;
  private final int hidden;
  private final int contextWidth;
  private final int inputs;
  private final int[] symbolOffset;
  private final NDArray embedding;
  private final NDArray dimensionMask;
  private final List<Group> groups = new ArrayList<>();

  /** Heads of one padded vocabulary size, computed together. */
  private static final class Group {
    final int[] heads;
    final int padded;
    final NDArray hiddenWeight;
    final NDArray hiddenBias;
    final NDArray outWeight;
    final NDArray outBias;
    final NDArray padding;

    Group(
        int[] heads,
        int padded,
        NDArray hiddenWeight,
        NDArray hiddenBias,
        NDArray outWeight,
        NDArray outBias,
        NDArray padding) {
      this.heads = heads;
      this.padded = padded;
      this.hiddenWeight = hiddenWeight;
      this.hiddenBias = hiddenBias;
      this.outWeight = outWeight;
      this.outBias = outBias;
      this.padding = padding;
    }
  }

  ChainHeads(NDManager manager, int[] vocabulary, int[] dims, int hidden, int contextWidth) {
    this.vocabulary = vocabulary.clone();
    this.dims = dims.clone();
    this.heads = vocabulary.length;
    this.hidden = hidden;
    this.contextWidth = contextWidth;
    int widest = 1;
    int symbols = 0;
    symbolOffset = new int[heads];
    for (int j = 0; j < heads; j++) {
      widest = Math.max(widest, dims[j]);
      symbolOffset[j] = symbols;
      symbols += vocabulary[j];
    }
    maxDims = widest;
    inputs = heads * maxDims + contextWidth;
    // As torch.nn.Embedding: N(0, 1).
    embedding = manager.randomNormal(0f, 1f, new Shape(symbols, maxDims), DataType.FLOAT32);
    float[] dimMask = new float[heads * maxDims];
    for (int j = 0; j < heads; j++) {
      for (int d = 0; d < dims[j]; d++) {
        dimMask[j * maxDims + d] = 1f;
      }
    }
    dimensionMask = manager.create(dimMask, new Shape(heads, maxDims));
    List<List<Integer>> byPadded = new ArrayList<>();
    List<Integer> paddedSizes = new ArrayList<>();
    for (int j = 0; j < heads; j++) {
      int padded = Integer.highestOneBit(Math.max(2, vocabulary[j]) - 1) << 1;
      int index = paddedSizes.indexOf(padded);
      if (index < 0) {
        paddedSizes.add(padded);
        byPadded.add(new ArrayList<>());
        index = paddedSizes.size() - 1;
      }
      byPadded.get(index).add(j);
    }
    float inBound = (float) (1 / Math.sqrt(inputs));
    float outBound = (float) (1 / Math.sqrt(hidden));
    for (int g = 0; g < paddedSizes.size(); g++) {
      int[] members = byPadded.get(g).stream().mapToInt(Integer::intValue).toArray();
      int size = members.length;
      int padded = paddedSizes.get(g);
      float[] padding = new float[size * padded];
      for (int m = 0; m < size; m++) {
        for (int v = vocabulary[members[m]]; v < padded; v++) {
          padding[m * padded + v] = PADDED_LOGIT;
        }
      }
      groups.add(
          new Group(
              members,
              padded,
              manager.randomUniform(
                  -inBound, inBound, new Shape(size, inputs, hidden), DataType.FLOAT32),
              manager.randomUniform(
                  -inBound, inBound, new Shape(size, 1, hidden), DataType.FLOAT32),
              manager.randomUniform(
                  -outBound, outBound, new Shape(size, hidden, padded), DataType.FLOAT32),
              manager.randomUniform(
                  -outBound, outBound, new Shape(size, 1, padded), DataType.FLOAT32),
              manager.create(padding, new Shape(size, 1, padded))));
    }
    for (NDArray parameter : parameters()) {
      parameter.setRequiresGradient(true);
    }
  }

  List<NDArray> parameters() {
    List<NDArray> list = new ArrayList<>();
    list.add(embedding);
    for (Group group : groups) {
      list.add(group.hiddenWeight);
      list.add(group.hiddenBias);
      list.add(group.outWeight);
      list.add(group.outBias);
    }
    return list;
  }

  /**
   * The summed negative log-likelihood of {@code rows} rows of symbols ({@code rows × heads}
   * row-major) where head j sees sub-column i only if {@code sees[j][i]}, with an optional context
   * ({@code rows × contextWidth}, or null when the width is 0). The result lives on {@code batch}.
   */
  NDArray negativeLogLikelihood(
      NDManager batch, int[] codes, int rows, boolean[][] sees, NDArray context) {
    return negativeLogLikelihood(batch, codes, rows, sees, context, false);
  }

  /**
   * As {@link #negativeLogLikelihood}, but one value per row ({@code rows}): the negative
   * log-likelihood of each row, so that rows can be weighted (a policy gradient, say).
   */
  NDArray negativeLogLikelihoodPerRow(
      NDManager batch, int[] codes, int rows, boolean[][] sees, NDArray context) {
    return negativeLogLikelihood(batch, codes, rows, sees, context, true);
  }

  private NDArray negativeLogLikelihood(
      NDManager batch, int[] codes, int rows, boolean[][] sees, NDArray context, boolean perRow) {
    long[] indices = new long[rows * heads];
    for (int r = 0; r < rows; r++) {
      for (int j = 0; j < heads; j++) {
        indices[r * heads + j] = symbolOffset[j] + codes[r * heads + j];
      }
    }
    NDArray gathered = embedding.get(new NDIndex("{}", batch.create(indices)));
    gathered.attach(batch);
    NDArray x =
        gathered
            .reshape(new Shape(rows, heads, maxDims))
            .mul(dimensionMask)
            .reshape(rows, (long) heads * maxDims);
    if (contextWidth > 0) {
      x = x.concat(context, 1);
    }
    NDArray total = null;
    for (Group group : groups) {
      int size = group.heads.length;
      float[] mask = new float[size * inputs];
      long[] targets = new long[size * rows];
      for (int m = 0; m < size; m++) {
        int j = group.heads[m];
        for (int i = 0; i < heads; i++) {
          if (sees[j][i]) {
            for (int d = 0; d < maxDims; d++) {
              mask[m * inputs + i * maxDims + d] = 1f;
            }
          }
        }
        for (int c = 0; c < contextWidth; c++) {
          mask[m * inputs + heads * maxDims + c] = 1f;
        }
        for (int r = 0; r < rows; r++) {
          targets[m * rows + r] = codes[r * heads + j];
        }
      }
      NDArray weight =
          batch
              .create(mask, new Shape(size, inputs, 1))
              .mul(group.hiddenWeight)
              .transpose(1, 0, 2)
              .reshape(inputs, (long) size * hidden);
      NDArray h =
          Activation.relu(
              x.matMul(weight)
                  .reshape(rows, size, hidden)
                  .transpose(1, 0, 2)
                  .add(group.hiddenBias));
      NDArray logProbabilities =
          logSoftmax(h.matMul(group.outWeight).add(group.outBias).add(group.padding));
      NDArray weighted =
          batch.create(targets, new Shape(size, rows)).oneHot(group.padded).mul(logProbabilities);
      // The total as before (one sum over everything), so the trained weights keep their bits.
      NDArray picked = perRow ? weighted.sum(new int[] {0, 2}) : weighted.sum();
      total = total == null ? picked : total.add(picked);
    }
    return total.neg();
  }

  /**
   * Sets every parameter to {@code network}'s weights: the inverse of {@link #export} for a network
   * of this shape (the same vocabularies, embedding widths and hidden units) without a context.
   * Entries that {@code export} leaves out (embedding dimensions past a sub-column's width, padded
   * symbols) are set to 0: masked, they take no part in any output. Call with gradients off (an
   * in-place write to a parameter).
   */
  void load(ArgnNetwork network) {
    if (!java.util.Arrays.equals(network.vocabulary(), vocabulary)
        || !java.util.Arrays.equals(network.dims(), dims)
        || network.hidden() != hidden
        || contextWidth != 0) {
      throw new IllegalArgumentException("the network has another shape than these heads");
    }
    float[] table = new float[(int) embedding.size()];
    for (int j = 0; j < heads; j++) {
      float[] e = network.embedding()[j];
      for (int v = 0; v < vocabulary[j]; v++) {
        System.arraycopy(e, v * dims[j], table, (symbolOffset[j] + v) * maxDims, dims[j]);
      }
    }
    overwrite(embedding, table);
    for (Group group : groups) {
      int size = group.heads.length;
      float[] w1 = new float[size * inputs * hidden];
      float[] b1 = new float[size * hidden];
      float[] w2 = new float[size * hidden * group.padded];
      float[] b2 = new float[size * group.padded];
      for (int m = 0; m < size; m++) {
        int j = group.heads[m];
        float[] w = network.hiddenWeight()[j];
        for (int i = 0; i < heads; i++) {
          int offset = network.embeddingOffset(i);
          for (int d = 0; d < dims[i]; d++) {
            System.arraycopy(
                w, (offset + d) * hidden, w1, (m * inputs + i * maxDims + d) * hidden, hidden);
          }
        }
        System.arraycopy(network.hiddenBias()[j], 0, b1, m * hidden, hidden);
        for (int h = 0; h < hidden; h++) {
          System.arraycopy(
              network.outWeight()[j],
              h * vocabulary[j],
              w2,
              (m * hidden + h) * group.padded,
              vocabulary[j]);
        }
        System.arraycopy(network.outBias()[j], 0, b2, m * group.padded, vocabulary[j]);
      }
      overwrite(group.hiddenWeight, w1);
      overwrite(group.hiddenBias, b1);
      overwrite(group.outWeight, w2);
      overwrite(group.outBias, b2);
    }
  }

  /** {@code parameter ← values} in place (0 · p + values: exact for finite weights). */
  private static void overwrite(NDArray parameter, float[] values) {
    try (NDManager scope = parameter.getManager().newSubManager()) {
      parameter
          .muli(scope.zeros(parameter.getShape()))
          .addi(scope.create(values, parameter.getShape()));
    }
  }

  /**
   * log softmax over the last axis, composed as z − max − log Σ e^(z − max). PyTorch's fused {@code
   * log_softmax} sums with as many lanes as the CPU's vectors have, so it trained other weights
   * with AVX2 than with AVX-512 ({@code ATEN_CPU_CAPABILITY}); exp, log, max and a sum over an axis
   * gave the same bits under every capability (docs/numerics.md).
   */
  private static NDArray logSoftmax(NDArray logits) {
    NDArray shifted = logits.sub(logits.max(new int[] {2}, true).stopGradient());
    return shifted.sub(shifted.exp().sum(new int[] {2}, true).log());
  }

  /**
   * The context's weights into every head's hidden units, {@code contextWidth × (heads · hidden)}
   * row-major (head j's units at {@code j · hidden}): what a timeline sampler adds to the hidden
   * sums of {@link #export}'s network.
   */
  float[] exportContext() {
    int perHead = heads * hidden;
    float[] context = new float[contextWidth * perHead];
    for (Group group : groups) {
      float[] w1 = group.hiddenWeight.toFloatArray();
      for (int m = 0; m < group.heads.length; m++) {
        int j = group.heads[m];
        for (int c = 0; c < contextWidth; c++) {
          System.arraycopy(
              w1,
              (m * inputs + heads * maxDims + c) * hidden,
              context,
              c * perHead + j * hidden,
              hidden);
        }
      }
    }
    return context;
  }

  /** The heads as plain-Java weights (context weights are not part of a flat network). */
  ArgnNetwork export(boolean anyOrder) {
    float[] table = embedding.toFloatArray();
    float[][] embeddings = new float[heads][];
    int[] offsets = new int[heads];
    int exported = 0;
    for (int j = 0; j < heads; j++) {
      offsets[j] = exported;
      exported += dims[j];
      float[] e = new float[vocabulary[j] * dims[j]];
      for (int v = 0; v < vocabulary[j]; v++) {
        System.arraycopy(table, (symbolOffset[j] + v) * maxDims, e, v * dims[j], dims[j]);
      }
      embeddings[j] = e;
    }
    float[][] hiddenWeight = new float[heads][];
    float[][] hiddenBias = new float[heads][];
    float[][] outWeight = new float[heads][];
    float[][] outBias = new float[heads][];
    for (Group group : groups) {
      float[] w1 = group.hiddenWeight.toFloatArray();
      float[] b1 = group.hiddenBias.toFloatArray();
      float[] w2 = group.outWeight.toFloatArray();
      float[] b2 = group.outBias.toFloatArray();
      for (int m = 0; m < group.heads.length; m++) {
        int j = group.heads[m];
        float[] w = new float[exported * hidden];
        for (int i = 0; i < heads; i++) {
          for (int d = 0; d < dims[i]; d++) {
            System.arraycopy(
                w1, (m * inputs + i * maxDims + d) * hidden, w, (offsets[i] + d) * hidden, hidden);
          }
        }
        hiddenWeight[j] = w;
        hiddenBias[j] = java.util.Arrays.copyOfRange(b1, m * hidden, (m + 1) * hidden);
        float[] out = new float[hidden * vocabulary[j]];
        for (int h = 0; h < hidden; h++) {
          System.arraycopy(
              w2, (m * hidden + h) * group.padded, out, h * vocabulary[j], vocabulary[j]);
        }
        outWeight[j] = out;
        outBias[j] =
            java.util.Arrays.copyOfRange(b2, m * group.padded, m * group.padded + vocabulary[j]);
      }
    }
    return new ArgnNetwork(
        vocabulary,
        dims,
        hidden,
        embeddings,
        hiddenWeight,
        hiddenBias,
        outWeight,
        outBias,
        anyOrder);
  }
}
