package io.github.syntheticpatients.runtime.model;

import io.github.syntheticpatients.runtime.data.Table;
import io.github.syntheticpatients.runtime.data.ValueRange;
import io.github.syntheticpatients.runtime.encode.LabeledLayout;
import io.github.syntheticpatients.runtime.encode.TableEncoder;
import io.github.syntheticpatients.runtime.random.RandomStream;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * Samples {@code dp-vaegan} in plain Java: latent noise through the generator and the frozen VAE
 * decoder (one network, the two chained), the output heads on every column but the target, then the
 * labeler's softmax over the target's categories, from which the target is drawn; the encoder
 * decodes the joined rows. Rows come in fixed-size chunks, each with its own stream split off in
 * order first, so the output does not depend on the number of threads.
 */
final class VaeGanRowSampler implements RowSampler {
  private static final int CHUNK_ROWS = 512;

  private final GanGenerator generator;
  private final TableEncoder encoder;
  private final LabeledLayout layout;

  VaeGanRowSampler(GanGenerator generator, TableEncoder encoder) {
    this.generator = generator;
    this.encoder = encoder;
    this.layout = LabeledLayout.of(encoder.layout(), generator.labeler().column());
    if (generator.network().outputWidth() != layout.features().width()) {
      throw new IllegalArgumentException(
          "Generator outputs "
              + generator.network().outputWidth()
              + " values but the encoding without the target has "
              + layout.features().width());
    }
    MlpNetwork labeler = generator.labeler().network();
    if (labeler.inputWidth() != layout.features().width()
        || labeler.outputWidth() != layout.target().width()) {
      throw new IllegalArgumentException(
          "The labeler maps "
              + labeler.inputWidth()
              + " to "
              + labeler.outputWidth()
              + " values, not "
              + layout.features().width()
              + " to "
              + layout.target().width());
    }
  }

  @Override
  public Map<String, Integer> conditionable(Map<String, Integer> requested) {
    return Map.of(); // no conditional input: requested values are met by rejection
  }

  @Override
  public Optional<ValueRange> valueRange(String column) {
    return encoder.valueRange(column);
  }

  @Override
  public Table sample(int rows, Map<String, Integer> fixed, RandomStream random) {
    int chunks = (rows + CHUNK_ROWS - 1) / CHUNK_ROWS;
    RandomStream[] streams = new RandomStream[chunks];
    for (int c = 0; c < chunks; c++) {
      streams[c] = random.split();
    }
    int width = layout.full().width();
    float[] activated = new float[rows * width];
    IntStream.range(0, chunks)
        .parallel()
        .forEach(
            c -> {
              int first = c * CHUNK_ROWS;
              int count = Math.min(CHUNK_ROWS, rows - first);
              float[] chunk = sampleChunk(count, streams[c]);
              System.arraycopy(chunk, 0, activated, first * width, count * width);
            });
    return encoder.decode(activated, rows);
  }

  private float[] sampleChunk(int rows, RandomStream random) {
    int latent = generator.latentDim();
    float[] input = new float[rows * latent];
    for (int i = 0; i < input.length; i++) {
      input[i] = (float) random.nextGaussian();
    }
    float[] raw = generator.network().forward(input, rows);
    int featureWidth = layout.features().width();
    float[] features = new float[rows * featureWidth];
    for (int r = 0; r < rows; r++) {
      OutputSampling.activateRow(
          raw, r * featureWidth, layout.features(), features, r * featureWidth, random);
    }
    float[] logits = generator.labeler().network().forward(features, rows);
    int classes = layout.target().width();
    int[] categories = new int[rows];
    for (int r = 0; r < rows; r++) {
      categories[r] = OutputSampling.drawSoftmax(logits, r * classes, classes, random.nextDouble());
    }
    return layout.join(features, categories);
  }
}
