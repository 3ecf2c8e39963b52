package io.github.syntheticpatients.zoo;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.syntheticpatients.runtime.PatientRecord;
import io.github.syntheticpatients.runtime.SampleRequest;
import io.github.syntheticpatients.runtime.SyntheticModel;
import io.github.syntheticpatients.runtime.model.ModelFile;
import io.github.syntheticpatients.runtime.sampling.ModelLoader;
import io.github.syntheticpatients.runtime.sampling.Schemas;
import io.github.syntheticpatients.runtime.schema.TableSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelCardTest {
  @TempDir Path dir;

  @Test
  void aLinePerCodeColumnSaysWhatWasGeneralisedByCountOnly() throws IOException {
    // 300 encounters of three frequent ICD-10 codes; E11.2 and E11.3 (2 records each) are read as
    // E11; K21.0 (1 record) has no ancestor held by 5 records.
    StringJoiner csv = new StringJoiner("\n", "", "\n").add("age,diag_1,diag_2");
    String[] codes = {"E11", "I50.1", "J18.0"};
    for (int i = 0; i < 300; i++) {
      csv.add((40 + i % 30) + "," + codes[i % 3] + "," + codes[(i + 1) % 3]);
    }
    csv.add("50,E11.2,E11.3").add("51,E11.3,E11.2").add("52,K21.0,E11");
    Path file = Files.writeString(dir.resolve("coded.csv"), csv.toString());
    String section = ModelCard.codeColumns(Schemas.infer(file));
    assertThat(section)
        .isEqualTo(
            "\n## Code columns\n\nCodes held by fewer than k training records are stored only as an"
                + " ancestor code or as _RARE_, never as themselves:\n\n"
                + "- diag_1: ICD-10 codes, vocabulary 'diag'; 3 code categories; 2 rare codes"
                + " generalised to 1 ancestor category; 1 rare code bucketed as _RARE_\n"
                + "- diag_2: ICD-10 codes, vocabulary 'diag'; 3 code categories; 2 rare codes"
                + " generalised to 1 ancestor category; 0 rare codes bucketed as _RARE_\n")
        .doesNotContain("E11.2")
        .doesNotContain("K21.0");
  }

  @Test
  void aSchemaWithoutCodesAddsNothing() throws IOException {
    StringJoiner csv = new StringJoiner("\n", "", "\n").add("age,sex");
    for (int i = 0; i < 100; i++) {
      csv.add((40 + i % 30) + "," + (i % 2 == 0 ? "F" : "M"));
    }
    Path file = Files.writeString(dir.resolve("plain.csv"), csv.toString());
    assertThat(ModelCard.codeColumns(Schemas.infer(file))).isEmpty();
  }

  @Test
  void aCardWrittenIntoAModelChangesItsSummaryAndEvaluationOnly() {
    byte[] bytes = ModelLoader.readBytes("pbcseq");
    SyntheticModel before = ModelLoader.load("pbcseq");
    byte[] carded =
        ModelFile.withEvaluation(
            bytes,
            "pbcseq.synth",
            "a new summary",
            Map.of("card", Map.of("domain", "hepatology"), "privacyGate", List.of()));
    SyntheticModel after = ModelFile.load(carded, "carded.synth", "carded");

    assertThat(after.info().summary()).isEqualTo("a new summary");
    assertThat(after.info().evaluation().get("card")).isEqualTo(Map.of("domain", "hepatology"));
    // An entry of the same name is replaced; the others are kept.
    assertThat(after.info().evaluation().get("privacyGate")).isEqualTo(List.of());
    assertThat(after.info().evaluation().get("validationQuality"))
        .isEqualTo(before.info().evaluation().get("validationQuality"));
    assertThat(after.info().provenance()).isEqualTo(before.info().provenance());
    assertThat(after.info().settings()).isEqualTo(before.info().settings());
    assertThat(TableSchema.of(after.schema())).isEqualTo(TableSchema.of(before.schema()));
    assertThat(after.sha256()).isEqualTo(ModelFile.sha256(carded)).isNotEqualTo(before.sha256());
    // The card goes into card.json: the records it describes are the ones the file samples.
    assertThat(after.sample(SampleRequest.of(20, 5)).records())
        .extracting(PatientRecord::asMap)
        .isEqualTo(
            before.sample(SampleRequest.of(20, 5)).records().stream()
                .map(PatientRecord::asMap)
                .toList());
  }

  @Test
  void settingsAreRenderedInSortedOrderWhateverTheMapsOrder() {
    Map<String, Object> settings = new java.util.HashMap<>();
    settings.put("seed", 12345);
    settings.put("options", Map.of("argnOrder", "any", "argnBins", "24"));
    settings.put("forwardFill", "");
    settings.put("batchSize", 0);
    assertThat(ModelCard.sorted(settings).toString())
        .isEqualTo("{batchSize=0, forwardFill=, options={argnBins=24, argnOrder=any}, seed=12345}");
  }
}
