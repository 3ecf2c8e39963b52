package io.github.syntheticpatients.runtime.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.syntheticpatients.runtime.io.json.JsonFiles;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TimelineNetworkJsonTest {

  static TimelineGenerator randomGenerator(
      int latentDim, int staticWidth, int hidden, int mlp, int stepWidth, long seed) {
    Random random = new Random(seed);
    int in = latentDim + staticWidth;
    LstmLayer forward =
        new LstmLayer(
            in,
            hidden,
            values(random, in * 4 * hidden),
            values(random, hidden * 4 * hidden),
            values(random, 4 * hidden));
    LstmLayer backward =
        new LstmLayer(
            in,
            hidden,
            values(random, in * 4 * hidden),
            values(random, hidden * 4 * hidden),
            values(random, 4 * hidden));
    MlpNetwork head =
        new MlpNetwork(
            List.of(
                new DenseLayer(
                    2 * hidden,
                    mlp,
                    values(random, 2 * hidden * mlp),
                    values(random, mlp),
                    false,
                    null,
                    null,
                    DenseLayer.Activation.LEAKY_RELU,
                    false),
                new DenseLayer(
                    mlp,
                    stepWidth,
                    values(random, mlp * stepWidth),
                    values(random, stepWidth),
                    false,
                    null,
                    null,
                    DenseLayer.Activation.NONE,
                    false)));
    return new TimelineGenerator(forward, backward, head, latentDim, staticWidth);
  }

  private static float[] values(Random random, int n) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) (random.nextGaussian() * 0.3);
    }
    return v;
  }

  @Test
  void tensorsThroughWeightsFileAndJsonReadBackToTheSameGenerator() throws IOException {
    TimelineGenerator original = randomGenerator(5, 3, 7, 9, 4, 1);
    Map<String, Object> description =
        JsonFiles.read(JsonFiles.toBytes(TimelineNetworkJson.describe(original)), "model.json");
    byte[] bytes = WeightsFile.write(TimelineNetworkJson.tensors(original));
    TimelineGenerator copy =
        TimelineNetworkJson.read(description, WeightsFile.read(new ByteArrayInputStream(bytes)));

    assertThat(description)
        .containsEntry("type", "bilstm")
        .containsEntry("latentDim", 5)
        .containsEntry("staticWidth", 3)
        .containsEntry("stepWidth", 4);
    assertThat(WeightsFile.write(TimelineNetworkJson.tensors(copy))).isEqualTo(bytes);
    Random random = new Random(2);
    float[] noise = new float[6 * 5];
    for (int i = 0; i < noise.length; i++) {
      noise[i] = (float) random.nextGaussian();
    }
    float[] statics = {1, 0, 0.5f};
    assertThat(copy.forwardRaw(noise, statics, 6))
        .containsExactly(original.forwardRaw(noise, statics, 6));
  }

  @Test
  void outputOfAStepDependsOnEarlierAndLaterStepsButNotOnStepsAfterTheLength() {
    TimelineGenerator generator = randomGenerator(2, 0, 4, 4, 3, 3);
    float[] noise = {0.1f, -0.2f, 0.3f, 0.4f, -0.5f, 0.6f, 0.7f, 0.8f};
    float[] full = generator.forwardRaw(noise, new float[0], 4);
    float[] changedLast = noise.clone();
    changedLast[7] = -2f;
    float[] changed = generator.forwardRaw(changedLast, new float[0], 4);
    // Step 0 sees step 3 through the backward LSTM, step 3 sees step 0 through the forward one.
    assertThat(changed[0]).isNotEqualTo(full[0]);
    float[] prefix = java.util.Arrays.copyOf(noise, 6);
    float[] shorter = generator.forwardRaw(prefix, new float[0], 3);
    // A shorter timeline is its own sequence: its backward pass starts at its own last step.
    assertThat(shorter[0]).isNotEqualTo(full[0]);
    assertThatThrownBy(() -> generator.forwardRaw(noise, new float[0], 3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("3 x 2 noise values");
  }

  @Test
  void rejectsMissingAndMisshapenTensorsAndOtherNetworkTypes() {
    TimelineGenerator original = randomGenerator(2, 1, 3, 4, 2, 5);
    Map<String, Object> description = TimelineNetworkJson.describe(original);
    Map<String, WeightsFile.Tensor> tensors = TimelineNetworkJson.tensors(original);

    Map<String, WeightsFile.Tensor> missing = new LinkedHashMap<>(tensors);
    missing.remove("backward.bias");
    assertThatThrownBy(() -> TimelineNetworkJson.read(description, missing))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no tensor backward.bias");

    Map<String, WeightsFile.Tensor> misshapen = new LinkedHashMap<>(tensors);
    misshapen.put("forward.inputWeight", new WeightsFile.Tensor(new int[] {12, 3}, new float[36]));
    assertThatThrownBy(() -> TimelineNetworkJson.read(description, misshapen))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("forward.inputWeight has shape [12, 3]")
        .hasMessageContaining("[3, 12]");

    Map<String, Object> mlp = new LinkedHashMap<>(description);
    mlp.put("type", "mlp");
    assertThatThrownBy(() -> TimelineNetworkJson.read(mlp, tensors))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("expected bilstm");

    Map<String, Object> wrongLatent = new LinkedHashMap<>(description);
    wrongLatent.put("latentDim", 3);
    assertThatThrownBy(() -> TimelineNetworkJson.read(wrongLatent, tensors))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not latent 3 + statics 1");
  }
}
