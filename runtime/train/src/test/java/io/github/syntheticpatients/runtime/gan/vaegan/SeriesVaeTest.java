package io.github.syntheticpatients.runtime.gan.vaegan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import io.github.syntheticpatients.runtime.gan.DjlEngine;
import io.github.syntheticpatients.runtime.model.SeriesDecoder;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The Conv1d VAE of the series {@code dp-vaegan}: its one-pass per-patient clipping equals clipping
 * each patient's own gradient (microbatches of one through plain autograd), and its decoder
 * exported to plain Java ({@link SeriesDecoder}) computes what DJL computes on the same weights.
 */
class SeriesVaeTest {
  private static final int STEPS = 6;
  private static final int STEP_WIDTH = 5;
  private static final int STATIC_WIDTH = 3;

  private static SeriesVaeGanSettings small() {
    return new SeriesVaeGanSettings(
        4, 3, 2, 3, 4, List.of(6), List.of(5), List.of(8), List.of(4), 1e-3, 2e-4, 10);
  }

  /** Each record's loss: squares of its encoding and of the decoding of its μ. */
  private static NDArray loss(
      SeriesVae vae, NDArray series, NDArray statics, SeriesClipping probes, int latent) {
    NDArray encoded = vae.encode(series, statics, probes);
    NDList decoded = vae.decode(encoded.get(":, 0:" + latent), probes);
    return encoded
        .square()
        .sum(new int[] {1})
        .add(decoded.get(0).square().sum(new int[] {1}))
        .add(decoded.get(1).square().sum(new int[] {1, 2}));
  }

  @Test
  void oneBackwardPassClipsLikeMicrobatchesOfOne() {
    int rows = 7;
    Engine engine = DjlEngine.engine();
    engine.setRandomSeed(3);
    JniUtils.setGradMode(false);
    try (NDManager manager = engine.newBaseManager()) {
      SeriesVae vae = new SeriesVae(manager, STEPS, STEP_WIDTH, STATIC_WIDTH, small());
      List<NDArray> parameters = vae.parameters();
      float[] series =
          manager
              .randomNormal(0f, 1f, new Shape(rows, STEPS, STEP_WIDTH), DataType.FLOAT32)
              .toFloatArray();
      float[] statics =
          manager
              .randomNormal(0f, 1f, new Shape(rows, STATIC_WIDTH), DataType.FLOAT32)
              .toFloatArray();
      int latent = vae.latent();

      double[] norms = new double[rows];
      float[][][] gradients = new float[rows][parameters.size()][];
      for (int i = 0; i < rows; i++) {
        try (NDManager scope = manager.newSubManager()) {
          NDArray x =
              scope.create(
                  Arrays.copyOfRange(series, i * STEPS * STEP_WIDTH, (i + 1) * STEPS * STEP_WIDTH),
                  new Shape(1, STEPS, STEP_WIDTH));
          NDArray s =
              scope.create(
                  Arrays.copyOfRange(statics, i * STATIC_WIDTH, (i + 1) * STATIC_WIDTH),
                  new Shape(1, STATIC_WIDTH));
          try (GradientCollector collector = engine.newGradientCollector()) {
            for (NDArray p : parameters) {
              JniUtils.zeroGrad((PtNDArray) p);
            }
            collector.backward(loss(vae, x, s, null, latent).sum());
          }
          double squares = 0;
          for (int p = 0; p < parameters.size(); p++) {
            gradients[i][p] = parameters.get(p).getGradient().toFloatArray();
            for (float g : gradients[i][p]) {
              squares += (double) g * g;
            }
          }
          norms[i] = Math.sqrt(squares);
        }
      }
      double[] sorted = norms.clone();
      Arrays.sort(sorted);
      double clipNorm = sorted[rows / 2];
      double[][] expected = new double[parameters.size()][];
      int expectedClipped = 0;
      for (int i = 0; i < rows; i++) {
        double scale = Math.min(1, clipNorm / (norms[i] + 1e-6));
        expectedClipped += scale < 1 ? 1 : 0;
        for (int p = 0; p < parameters.size(); p++) {
          if (expected[p] == null) {
            expected[p] = new double[gradients[i][p].length];
          }
          for (int k = 0; k < expected[p].length; k++) {
            expected[p][k] += scale * gradients[i][p][k];
          }
        }
      }

      SeriesClipping.Clipped clipped;
      try (NDManager scope = manager.newSubManager()) {
        SeriesClipping probes = new SeriesClipping(scope, rows);
        try (GradientCollector collector = engine.newGradientCollector()) {
          collector.backward(
              loss(
                      vae,
                      scope.create(series, new Shape(rows, STEPS, STEP_WIDTH)),
                      scope.create(statics, new Shape(rows, STATIC_WIDTH)),
                      probes,
                      latent)
                  .sum());
        }
        clipped = probes.clip(clipNorm);
      }

      assertThat(expectedClipped).isBetween(1, rows - 1);
      assertThat(clipped.clipped()).isEqualTo(expectedClipped);
      assertThat(clipped.sum().length).isEqualTo(parameters.size());
      for (int p = 0; p < parameters.size(); p++) {
        assertThat(clipped.sum()[p]).hasSize(expected[p].length);
        for (int k = 0; k < expected[p].length; k++) {
          assertThat((double) clipped.sum()[p][k])
              .as("parameter %d, value %d", p, k)
              .isCloseTo(expected[p][k], within(1e-4));
        }
      }
    }
  }

  /**
   * Float32 products summed in another order differ by a few ulps (about 1e-6 at these sizes); the
   * plain-Java forward must stay within 1e-5 on every output, on any CPU: both sides compute the
   * convolution as one matrix product per layer over unfolded windows, no convolution kernel.
   */
  @Test
  void thePlainJavaDecoderComputesWhatDjlComputes() {
    int rows = 9;
    int steps = 24;
    SeriesVaeGanSettings settings = SeriesVaeGanSettings.defaults();
    Engine engine = DjlEngine.engine();
    engine.setRandomSeed(11);
    JniUtils.setGradMode(false);
    try (NDManager manager = engine.newBaseManager()) {
      SeriesVae vae = new SeriesVae(manager, steps, STEP_WIDTH, STATIC_WIDTH, settings);
      LinearStack generator =
          new LinearStack(
              manager, settings.noiseDim(), settings.generatorDims(), settings.latentDim());
      float[] noise = new float[rows * settings.noiseDim()];
      SplittableRandom random = new SplittableRandom(2);
      for (int i = 0; i < noise.length; i++) {
        noise[i] = (float) (random.nextDouble() * 4 - 2);
      }
      NDList djl =
          vae.decode(
              generator.forward(manager.create(noise, new Shape(rows, settings.noiseDim())), null),
              null);
      SeriesDecoder.Output java =
          vae.export(generator.layers(), settings.noiseDim(), settings.kernel())
              .forward(noise, rows);

      float[] statics = djl.get(0).toFloatArray();
      float[] series = djl.get(1).toFloatArray();
      assertThat(java.statics()).hasSize(rows * STATIC_WIDTH);
      assertThat(java.steps()).hasSize(rows * steps * STEP_WIDTH);
      double largest = 0;
      for (int i = 0; i < series.length; i++) {
        assertThat((double) java.steps()[i]).isCloseTo(series[i], within(1e-5));
        largest = Math.max(largest, Math.abs(series[i]));
      }
      for (int i = 0; i < statics.length; i++) {
        assertThat((double) java.statics()[i]).isCloseTo(statics[i], within(1e-5));
      }
      // Outputs of a size that makes the tolerance meaningful.
      assertThat(largest).isGreaterThan(0.05);
    }
  }

  /**
   * Stage C's labeler as the model file holds it: its plain-Java export gives DJL's logits on the
   * input the sampler builds (a patient's flattened activated steps, then its patient row), within
   * float rounding.
   */
  @Test
  void thePlainJavaLabelerComputesWhatDjlComputes() {
    int rows = 7;
    int steps = 24;
    int classes = 3;
    int width = steps * STEP_WIDTH + STATIC_WIDTH;
    SeriesVaeGanSettings settings = SeriesVaeGanSettings.defaults();
    Engine engine = DjlEngine.engine();
    engine.setRandomSeed(12);
    JniUtils.setGradMode(false);
    try (NDManager manager = engine.newBaseManager()) {
      LinearStack labeler = new LinearStack(manager, width, settings.labelerDims(), classes);
      float[] input = new float[rows * width];
      SplittableRandom random = new SplittableRandom(3);
      for (int i = 0; i < input.length; i++) {
        input[i] = (float) (random.nextDouble() * 2 - 1);
      }
      float[] djl =
          labeler.forward(manager.create(input, new Shape(rows, width)), null).toFloatArray();
      float[] java = labeler.export().forward(input, rows);
      assertThat(java).hasSize(rows * classes);
      double largest = 0;
      for (int i = 0; i < djl.length; i++) {
        assertThat((double) java[i]).isCloseTo(djl[i], within(1e-5));
        largest = Math.max(largest, Math.abs(djl[i]));
      }
      assertThat(largest).isGreaterThan(0.05);
    }
  }
}
