package io.github.syntheticpatients.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.syntheticpatients.runtime.sampling.ModelLoader;
import io.github.syntheticpatients.runtime.schema.ColumnSchema;
import io.github.syntheticpatients.runtime.schema.TableSchema;
import io.github.syntheticpatients.runtime.schema.ValueProtection;
import io.github.syntheticpatients.runtime.training.Training;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Longitudinal data: identifier columns besides the patient id are inferred by name, generated once
 * per patient, and a diagnosis held by one patient (on all of that patient's visits) is protected.
 */
class LongitudinalIdentifiersTest {
  @TempDir Path dir;

  @Test
  void identifiersArePerPatientAndARarePatientValueIsProtected() throws IOException {
    List<String> pbcseq = Files.readAllLines(TestData.path("pbcseq.csv"));
    List<String> lines = new ArrayList<>();
    lines.add(pbcseq.get(0) + ",patient_name,phone,diagnosis");
    Map<String, String> names = new HashMap<>();
    String rarePatient = pbcseq.get(1).split(",", 2)[0];
    for (String line : pbcseq.subList(1, pbcseq.size())) {
      String id = line.split(",", 2)[0];
      int p = Integer.parseInt(id);
      String name =
          names.computeIfAbsent(id, i -> "Winifred Ravensworth-" + (char) ('A' + p % 26) + p);
      String phone =
          String.format(Locale.ROOT, "(617) %03d-%04d", 200 + p % 700, (p * 7_919) % 10_000);
      String diagnosis = id.equals(rarePatient) ? "Wilson disease" : p % 2 == 0 ? "PBC" : "PSC";
      lines.add(line + "," + name + "," + phone + "," + diagnosis);
    }
    Path csv = Files.write(dir.resolve("visits.csv"), lines);
    TrainRequest request =
        new TrainRequest(
                csv,
                null,
                dir.resolve("visits.synth"),
                TrainSettings.defaults()
                    .withEpochs(2)
                    .withSeed(5)
                    .withOption("privacyGate", "warn"),
                false)
            .withLongitudinal("id", "day");
    Training.train(request, TrainingListener.NONE);
    SyntheticModel model = ModelLoader.load(request.output().toString());

    TableSchema schema = TableSchema.of(model.schema());
    ColumnSchema name = schema.column("patient_name").orElseThrow();
    assertThat(name.kind()).isEqualTo(ColumnKind.IDENTIFIER);
    assertThat(name.identifierShape()).isEqualTo("full name");
    assertThat(schema.column("phone").orElseThrow().identifierShape())
        .isEqualTo("pattern:(ddd) ddd-dddd");
    ColumnSchema diagnosis = schema.column("diagnosis").orElseThrow();
    assertThat(diagnosis.categories()).containsExactly("PBC", "PSC", ValueProtection.RARE_CATEGORY);
    assertThat(diagnosis.protectedValues()).isEqualTo(1);

    List<PatientRecord> visits = model.sample(SampleRequest.of(30, 3)).records();
    Set<String> realNames = new HashSet<>(names.values());
    Map<String, Set<Object>> namesByPatient = new HashMap<>();
    Map<String, Set<Object>> phonesByPatient = new HashMap<>();
    for (PatientRecord visit : visits) {
      String id = visit.getString("id");
      namesByPatient.computeIfAbsent(id, i -> new HashSet<>()).add(visit.get("patient_name"));
      phonesByPatient.computeIfAbsent(id, i -> new HashSet<>()).add(visit.get("phone"));
      assertThat(realNames).doesNotContain(visit.getString("patient_name"));
      assertThat(visit.getString("phone")).matches("\\(\\d{3}\\) \\d{3}-\\d{4}");
      assertThat(visit.get("diagnosis")).isNotEqualTo("Wilson disease");
    }
    assertThat(namesByPatient)
        .hasSize(30)
        .allSatisfy((id, values) -> assertThat(values).hasSize(1));
    assertThat(phonesByPatient).allSatisfy((id, values) -> assertThat(values).hasSize(1));
  }
}
