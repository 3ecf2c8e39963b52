package io.github.syntheticpatients.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.syntheticpatients.runtime.sampling.ModelLoader;
import io.github.syntheticpatients.runtime.training.Training;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;

/** What the DP training tests read from a trained model, and their check of reproducibility. */
final class DpModels {
  private DpModels() {}

  /**
   * Trains both requests (the same settings, two outputs) and checks that the models are the same
   * to the byte: network weights and model.json.
   *
   * @return the first model, loaded
   */
  static SyntheticModel trainTwiceAlike(TrainRequest first, TrainRequest second)
      throws IOException {
    Training.train(first, null);
    Training.train(second, null);
    byte[] a = Files.readAllBytes(first.output());
    byte[] b = Files.readAllBytes(second.output());
    assertThat(TrainingTest.entry(b, "weights.bin"))
        .isEqualTo(TrainingTest.entry(a, "weights.bin"));
    assertThat(TrainingTest.entry(b, "model.json")).isEqualTo(TrainingTest.entry(a, "model.json"));
    return ModelLoader.load(first.output().toString());
  }

  /** The model card's DP record (provenance {@code differentialPrivacy}). */
  @SuppressWarnings("unchecked")
  static Map<String, Object> record(SyntheticModel model) {
    return (Map<String, Object>) model.info().provenance().get("differentialPrivacy");
  }

  /** The status of the privacy gate's G11 (the DP accounting check) in the model card. */
  static String g11Status(SyntheticModel model) {
    Map<?, ?> gate = (Map<?, ?>) model.info().evaluation().get("privacyGate");
    return (String)
        ((List<?>) gate.get("checks"))
            .stream()
                .map(c -> (Map<?, ?>) c)
                .filter(c -> "G11".equals(c.get("id")))
                .findFirst()
                .orElseThrow()
                .get("status");
  }
}
