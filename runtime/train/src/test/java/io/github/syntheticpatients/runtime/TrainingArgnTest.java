package io.github.syntheticpatients.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.syntheticpatients.runtime.sampling.ModelLoader;
import io.github.syntheticpatients.runtime.training.Training;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code argn} through {@link Training#train} on pbc: end to end (split, encoding, training with
 * early stopping, gate, model file) and reproducible to the byte.
 */
class TrainingArgnTest {
  @TempDir Path dir;

  @Test
  void argnTrainsEndToEndAndReproducibly() throws Exception {
    TrainSettings settings =
        TrainSettings.defaults()
            .withGenerator("argn")
            .withEpochs(6)
            .withSeed(5)
            .withOption("privacyGate", "warn");
    TrainRequest base = TrainedCopula.request(dir.resolve("data"));
    TrainRequest first =
        new TrainRequest(
            base.input(), base.schemaFile(), dir.resolve("a/argn.synth"), settings, false);
    TrainRequest second =
        new TrainRequest(
            base.input(), base.schemaFile(), dir.resolve("b/argn.synth"), settings, false);
    TrainResult result = Training.train(first, null);
    Training.train(second, null);

    assertThat(result.epochs()).isBetween(1, 6);
    byte[] a = Files.readAllBytes(first.output());
    byte[] b = Files.readAllBytes(second.output());
    assertThat(TrainingTest.entry(b, "weights.bin"))
        .isEqualTo(TrainingTest.entry(a, "weights.bin"));
    assertThat(TrainingTest.entry(b, "model.json")).isEqualTo(TrainingTest.entry(a, "model.json"));

    SyntheticModel model = ModelLoader.load(first.output().toString());
    assertThat(model.info().generator()).isEqualTo("argn");
    assertThat(model.info().provenance())
        .containsKeys("trainLosses", "validationLosses", "selectedEpoch", "argnSettings");
    assertThat(((Map<?, ?>) model.info().provenance().get("argnSettings")).get("order"))
        .isEqualTo("any");
    // pbc is small: by default 4 copula rows per real row its training part lacks below 640.
    int trainRows = ((Number) model.info().provenance().get("trainRows")).intValue();
    assertThat(trainRows).isLessThan(640);
    assertThat(((Number) model.info().provenance().get("copulaPriorRows")).intValue())
        .isEqualTo(4 * (640 - trainRows));
    // Trained on any order: the category is fixed first, without rejection.
    SampleResult sample = model.sample(new SampleRequest(80, 1, List.of("sex=m"), null));
    assertThat(sample.records())
        .hasSize(80)
        .allSatisfy(r -> assertThat(r.get("sex")).isEqualTo("m"));
    assertThat(sample.acceptanceRate()).isEqualTo(1.0);
  }
}
