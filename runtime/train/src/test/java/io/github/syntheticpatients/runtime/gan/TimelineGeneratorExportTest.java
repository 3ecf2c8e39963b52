package io.github.syntheticpatients.runtime.gan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import io.github.syntheticpatients.runtime.model.TimelineGenerator;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TimelineGeneratorExportTest {
  private static final int MAX_STEPS = 9;
  private static final int STEP_WIDTH = 5;
  private static final int LATENT = 4;

  /**
   * Lengths 1 (no neighbour), the maximum, and lengths in between: each reverses within its own
   * length.
   */
  private static final int[] LENGTHS = {1, 9, 4, 7, 2, 9, 5};

  /**
   * The padded DJL batch and the per-patient plain-Java pass agree on every valid step. The DJL
   * batch has random noise on padded steps too, so a backward LSTM that read padding (no reversal
   * within the length) would differ. Hidden width 12 is where libtorch's fused LSTM computed
   * another function on AVX-512 CPUs (off by 0.1; this test caught it, docs/numerics.md); the
   * composed step agrees to float rounding on any CPU, hence 1e-5 as for the MLP.
   */
  @ParameterizedTest
  @ValueSource(ints = {0, 3})
  void exportedGeneratorComputesWhatTheDjlGeneratorComputes(int staticWidth) {
    Engine engine = DjlEngine.engine();
    engine.setRandomSeed(11);
    JniUtils.setGradMode(false);
    Random random = new Random(5);
    int patients = LENGTHS.length;
    float[] statics = new float[patients * staticWidth];
    for (int i = 0; i < statics.length; i++) {
      statics[i] = (float) random.nextGaussian();
    }
    TimelineTrainingData data =
        new TimelineTrainingData(
            new float[patients * MAX_STEPS * STEP_WIDTH],
            LENGTHS,
            statics,
            MAX_STEPS,
            STEP_WIDTH,
            staticWidth);
    int[] all = new int[patients];
    Arrays.setAll(all, p -> p);
    TimelineBatch batch = TimelineBatch.of(data, all, MAX_STEPS);
    try (NDManager manager = engine.newBaseManager()) {
      TimelineGeneratorNetwork network =
          new TimelineGeneratorNetwork(manager, LATENT, staticWidth, 12, 10, STEP_WIDTH);
      NDArray noise =
          manager.randomNormal(0f, 1f, new Shape(patients, MAX_STEPS, LATENT), DataType.FLOAT32);
      float[] expected = network.forward(noise, batch).toFloatArray();
      float[] noiseValues = noise.toFloatArray();

      TimelineGenerator exported = network.export();
      assertThat(exported.stepWidth()).isEqualTo(STEP_WIDTH);
      assertThat(exported.latentDim()).isEqualTo(LATENT);
      assertThat(exported.staticWidth()).isEqualTo(staticWidth);
      for (int p = 0; p < patients; p++) {
        int length = LENGTHS[p];
        float[] patientNoise =
            Arrays.copyOfRange(
                noiseValues, p * MAX_STEPS * LATENT, (p * MAX_STEPS + length) * LATENT);
        float[] patientStatics =
            Arrays.copyOfRange(statics, p * staticWidth, (p + 1) * staticWidth);
        float[] actual = exported.forwardRaw(patientNoise, patientStatics, length);
        assertThat(actual).hasSize(length * STEP_WIDTH);
        for (int i = 0; i < actual.length; i++) {
          assertThat(actual[i])
              .as("patient %d (length %d), value %d", p, length, i)
              .isCloseTo(expected[p * MAX_STEPS * STEP_WIDTH + i], within(1e-5f));
        }
      }
    }
  }
}
