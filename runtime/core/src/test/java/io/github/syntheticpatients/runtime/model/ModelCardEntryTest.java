package io.github.syntheticpatients.runtime.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.syntheticpatients.runtime.PatientRecord;
import io.github.syntheticpatients.runtime.SampleRequest;
import io.github.syntheticpatients.runtime.SyntheticModel;
import io.github.syntheticpatients.runtime.sampling.ModelLoader;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Figures added after training ({@link ModelFile#withEvaluation}) go into {@code card.json}, so a
 * card describes the records the file samples: adding it must not move a single record.
 */
class ModelCardEntryTest {
  private static byte[] fixture() throws IOException {
    try (InputStream in =
        ModelCardEntryTest.class.getResourceAsStream("/models/format-2-copula.synth")) {
      return in.readAllBytes();
    }
  }

  private static List<Map<String, Object>> records(SyntheticModel model) {
    return model.sample(SampleRequest.of(50, 7)).records().stream()
        .map(PatientRecord::asMap)
        .toList();
  }

  @Test
  void addingACardKeepsTheSampledRecordsAndShowsTheCard() throws IOException {
    byte[] bytes = fixture();
    SyntheticModel before = ModelFile.load(bytes, "format-2-copula.synth", "m");

    byte[] carded =
        ModelFile.withEvaluation(
            bytes, "m.synth", "held back: tree AUC 0.6", Map.of("heldBack", Map.of("auc", 0.6)));
    SyntheticModel after = ModelFile.load(carded, "m.synth", "m");

    assertThat(records(after)).isEqualTo(records(before));
    assertThat(after.sha256()).isNotEqualTo(before.sha256());
    assertThat(after.info().summary()).isEqualTo("held back: tree AUC 0.6");
    assertThat(after.info().evaluation()).containsEntry("heldBack", Map.of("auc", 0.6));
    // model.json's own evaluation entries stay visible beside the card's
    assertThat(after.info().evaluation()).containsAllEntriesOf(before.info().evaluation());
  }

  @Test
  void aSecondCardMergesIntoTheFirstAndNewerWeightsKeepIt() throws IOException {
    byte[] once = ModelFile.withEvaluation(fixture(), "m.synth", "first", Map.of("a", 1, "b", "x"));
    byte[] twice = ModelFile.withEvaluation(once, "m.synth", "second", Map.of("b", "y"));

    SyntheticModel model = ModelFile.load(twice, "m.synth", "m");
    assertThat(model.info().summary()).isEqualTo("second");
    assertThat(model.info().evaluation()).containsEntry("a", 1).containsEntry("b", "y");
    assertThat(records(model))
        .isEqualTo(records(ModelLoader.load("classpath:models/format-2-copula.synth")));
  }
}
