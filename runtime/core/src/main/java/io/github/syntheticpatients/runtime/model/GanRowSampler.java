package io.github.syntheticpatients.runtime.model;

import io.github.syntheticpatients.runtime.data.Table;
import io.github.syntheticpatients.runtime.data.ValueRange;
import io.github.syntheticpatients.runtime.encode.EncodedLayout;
import io.github.syntheticpatients.runtime.encode.OutputBlock;
import io.github.syntheticpatients.runtime.encode.TableEncoder;
import io.github.syntheticpatients.runtime.random.RandomStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * Samples a GAN generator in plain Java: latent noise and a conditional vector in, the network
 * forward, output activations (tanh for scalars; a category drawn from the softmax for one-hot
 * groups, which is what CTGAN's Gumbel-softmax + argmax amounts to), then the encoder decodes the
 * rows.
 *
 * <p>Rows are produced in fixed-size chunks, each with its own random stream split off in order
 * before any work starts, so the output is the same whatever the number of threads.
 */
final class GanRowSampler implements RowSampler {
  private static final int CHUNK_ROWS = 512;

  private final GanGenerator generator;
  private final EncodedLayout layout;
  private final TableEncoder encoder;

  GanRowSampler(GanGenerator generator, TableEncoder encoder) {
    this.generator = generator;
    this.encoder = encoder;
    this.layout = encoder.layout();
    if (generator.network().outputWidth() != layout.width()) {
      throw new IllegalArgumentException(
          "Generator outputs "
              + generator.network().outputWidth()
              + " values but the encoding has "
              + layout.width());
    }
  }

  @Override
  public Map<String, Integer> conditionable(Map<String, Integer> requested) {
    // The conditional vector fixes one column: take the rarest requested category, which rejection
    // would find
    // hardest to meet; the others are left to rejection.
    GanGenerator.ConditionBlock best = null;
    double bestFrequency = Double.POSITIVE_INFINITY;
    for (GanGenerator.ConditionBlock block : generator.conditionBlocks()) {
      Integer category = requested.get(block.column());
      if (category != null && block.frequencies()[category] < bestFrequency) {
        best = block;
        bestFrequency = block.frequencies()[category];
      }
    }
    Map<String, Integer> chosen = new LinkedHashMap<>();
    if (best != null) {
      chosen.put(best.column(), requested.get(best.column()));
    }
    return chosen;
  }

  @Override
  public Optional<ValueRange> valueRange(String column) {
    return encoder.valueRange(column);
  }

  @Override
  public Table sample(int rows, Map<String, Integer> fixed, RandomStream random) {
    GanGenerator.ConditionBlock fixedBlock = null;
    int fixedCategory = -1;
    for (GanGenerator.ConditionBlock block : generator.conditionBlocks()) {
      Integer category = fixed.get(block.column());
      if (category != null) {
        fixedBlock = block;
        fixedCategory = category;
        break;
      }
    }
    int chunks = (rows + CHUNK_ROWS - 1) / CHUNK_ROWS;
    RandomStream[] streams = new RandomStream[chunks];
    for (int c = 0; c < chunks; c++) {
      streams[c] = random.split();
    }
    float[] activated = new float[rows * layout.width()];
    GanGenerator.ConditionBlock block = fixedBlock;
    int category = fixedCategory;
    IntStream.range(0, chunks)
        .parallel()
        .forEach(
            c -> {
              int first = c * CHUNK_ROWS;
              int count = Math.min(CHUNK_ROWS, rows - first);
              sampleChunk(count, block, category, streams[c], activated, first * layout.width());
            });
    return encoder.decode(activated, rows);
  }

  private void sampleChunk(
      int rows,
      GanGenerator.ConditionBlock fixedBlock,
      int fixedCategory,
      RandomStream random,
      float[] target,
      int targetOffset) {
    float[] input = drawInputs(rows, fixedBlock, fixedCategory, random);
    float[] raw = generator.network().forward(input, rows);
    activate(raw, rows, fixedBlock, fixedCategory, random, target, targetOffset);
  }

  /**
   * The network's inputs for {@code rows} rows, row after row: the latent noise, then (when the
   * generator has a conditional vector) the condition's draws.
   */
  float[] drawInputs(
      int rows, GanGenerator.ConditionBlock fixedBlock, int fixedCategory, RandomStream random) {
    int latent = generator.latentDim();
    int inputWidth = generator.network().inputWidth();
    float[] input = new float[rows * inputWidth];
    List<GanGenerator.ConditionBlock> blocks = generator.conditionBlocks();
    for (int r = 0; r < rows; r++) {
      int base = r * inputWidth;
      for (int i = 0; i < latent; i++) {
        input[base + i] = (float) random.nextGaussian();
      }
      if (blocks.isEmpty()) {
        continue;
      }
      GanGenerator.ConditionBlock block;
      int category;
      if (fixedBlock != null) {
        block = fixedBlock;
        category = fixedCategory;
      } else {
        // As CTGAN samples: a discrete column uniformly, then a category by its training frequency.
        block = blocks.get(random.nextInt(blocks.size()));
        category = draw(block.frequencies(), random.nextDouble());
      }
      input[base + latent + block.conditionOffset() + category] = 1f;
    }
    return input;
  }

  /**
   * The output heads for {@code rows} raw rows, row after row, into {@code target} (zeroed) from
   * {@code targetOffset}: tanh for scalars, a drawn category for each softmax block.
   */
  void activate(
      float[] raw,
      int rows,
      GanGenerator.ConditionBlock fixedBlock,
      int fixedCategory,
      RandomStream random,
      float[] target,
      int targetOffset) {
    int width = layout.width();
    double[] scratch = new double[width];
    for (int r = 0; r < rows; r++) {
      int rowBase = r * width;
      for (OutputBlock block : layout.blocks()) {
        int start = rowBase + block.offset();
        if (block.kind() == OutputBlock.Kind.SCALAR) {
          target[targetOffset + start] = (float) StrictMath.tanh(raw[start]);
        } else {
          int chosen =
              OutputSampling.drawSoftmax(raw, start, block.width(), random.nextDouble(), scratch);
          if (fixedBlock != null && block.offset() == fixedBlock.layoutOffset()) {
            chosen = fixedCategory;
          }
          target[targetOffset + start + chosen] = 1f;
        }
      }
    }
  }

  GanGenerator generator() {
    return generator;
  }

  TableEncoder encoder() {
    return encoder;
  }

  private static int draw(double[] probabilities, double u) {
    double cumulative = 0;
    for (int k = 0; k < probabilities.length; k++) {
      cumulative += probabilities[k];
      if (u < cumulative) {
        return k;
      }
    }
    return probabilities.length - 1;
  }
}
