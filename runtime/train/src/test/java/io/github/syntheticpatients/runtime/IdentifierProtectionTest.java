package io.github.syntheticpatients.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.syntheticpatients.runtime.sampling.ModelLoader;
import io.github.syntheticpatients.runtime.sampling.Schemas;
import io.github.syntheticpatients.runtime.schema.ColumnSchema;
import io.github.syntheticpatients.runtime.schema.TableSchema;
import io.github.syntheticpatients.runtime.schema.ValueProtection;
import io.github.syntheticpatients.runtime.training.Training;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The probes end to end: identifiers inferred as such at any table size, never learned (no
 * generated value is a real one), and a diagnosis seen once absent from the schema file, the model
 * file and the output.
 */
class IdentifierProtectionTest {
  @TempDir static Path dir;
  private static IdentifierProbe probe;
  private static TrainRequest request;

  @BeforeAll
  static void train() {
    probe = IdentifierProbe.pbc();
    request = trainCopula(probe, dir.resolve("pbc"));
  }

  private static TrainRequest trainCopula(IdentifierProbe table, Path into) {
    Path csv = table.write(into.resolve("probe.csv"));
    Path schema = into.resolve("probe.schema.json");
    Schemas.write(Schemas.infer(csv), schema);
    // privacyGate=warn, as in the issue: the model is written whatever the gate says.
    TrainRequest train =
        new TrainRequest(
            csv,
            schema,
            into.resolve("probe.synth"),
            TrainSettings.defaults()
                .withGenerator("copula")
                .withSeed(3)
                .withOption("privacyGate", "warn"),
            false);
    Training.train(train, TrainingListener.NONE);
    return train;
  }

  @Test
  void identifiersAreInferredByNameAndShape() {
    TableSchema schema = TableSchema.of(Schemas.read(request.schemaFile()));
    Map<String, String> shapes =
        Map.of(
            "full_name", "full name",
            "firstName", "first name",
            "hospital_number", "pattern:ddddddd",
            "ssn", "pattern:ddddddddd",
            "email", "email",
            "phone", "pattern:(ddd) ddd-dddd",
            "ZIP", "pattern:ddddd");
    for (String name : IdentifierProbe.IDENTIFIERS) {
      ColumnSchema column = schema.column(name).orElseThrow();
      assertThat(column.kind()).as(name).isEqualTo(ColumnKind.IDENTIFIER);
      assertThat(column.isLearned()).as(name).isFalse();
      assertThat(column.reason()).as(name).startsWith("the name reads as");
      if (shapes.containsKey(name)) {
        assertThat(column.dropped()).as(name).isFalse();
        assertThat(column.identifierShape()).as(name).isEqualTo(shapes.get(name));
      } else {
        assertThat(column.dropped()).as(name + " (dropped: notes and date of birth)").isTrue();
      }
    }
    assertThat(schema.column("age").orElseThrow().kind()).isEqualTo(ColumnKind.NUMERIC);
  }

  @Test
  void theRareDiagnosisIsInNoArtefact() throws IOException {
    ColumnSchema diagnosis =
        TableSchema.of(Schemas.read(request.schemaFile())).column("diagnosis").orElseThrow();
    assertThat(diagnosis.categories())
        .containsExactly(
            "primary biliary cholangitis",
            "primary sclerosing cholangitis",
            ValueProtection.RARE_CATEGORY);
    assertThat(diagnosis.protectedValues()).isEqualTo(1);
    assertThat(Files.readString(request.schemaFile())).doesNotContain("Wilson");
    assertThat(modelFileText(request.output())).doesNotContain("Wilson");
    SyntheticModel model = ModelLoader.load(request.output().toString());
    List<PatientRecord> records = model.sample(SampleRequest.of(2_000, 5)).records();
    assertThat(records)
        .extracting(r -> r.get("diagnosis"))
        .doesNotContain(IdentifierProbe.RARE_DIAGNOSIS);
  }

  @Test
  void noRealIdentifierIsInTheSchemaOrTheModelFile() throws IOException {
    String schemaText = Files.readString(request.schemaFile());
    String modelText = modelFileText(request.output());
    for (String name : List.of("full_name", "email", "phone", "notes", "date_of_birth")) {
      for (String value : probe.values(name)) {
        assertThat(schemaText).as(name).doesNotContain(value);
        assertThat(modelText).as(name).doesNotContain(value);
      }
    }
    // Numbers (SSN, hospital number, ZIP) could appear by chance among a model's digits: check the
    // schema only.
    for (String name : List.of("ssn", "hospital_number", "ZIP", "firstName")) {
      for (String value : probe.values(name)) {
        assertThat(schemaText).as(name).doesNotContain('"' + value + '"');
      }
    }
  }

  @Test
  void generatedIdentifiersHaveTheShapeButNoRealValue() {
    SyntheticModel model = ModelLoader.load(request.output().toString());
    List<PatientRecord> records = model.sample(SampleRequest.of(418, 9)).records();
    assertThat(records.get(0).asMap()).doesNotContainKeys("notes", "date_of_birth");
    for (String name :
        List.of("full_name", "firstName", "hospital_number", "ssn", "email", "phone")) {
      Set<String> real = new HashSet<>(probe.values(name));
      assertThat(records)
          .extracting(r -> (String) r.get(name))
          .as(name)
          .doesNotContainAnyElementsOf(real);
    }
    assertThat(records)
        .extracting(r -> (String) r.get("ssn"))
        .allMatch(v -> v.matches("[1-9][0-9]{8}"));
    assertThat(records)
        .extracting(r -> (String) r.get("phone"))
        .allMatch(v -> v.matches("\\(\\d{3}\\) \\d{3}-\\d{4}"));
    assertThat(records)
        .extracting(r -> (String) r.get("email"))
        .allMatch(v -> v.matches("patient\\d+@example\\.org"));
    // 418 random 5-digit ZIPs meet some of the 418 real ones by chance (about 2 expected); a copy
    // would meet all.
    Set<String> realZips = new HashSet<>(probe.values("ZIP"));
    long same = records.stream().map(r -> (String) r.get("ZIP")).filter(realZips::contains).count();
    assertThat(same).isLessThan(10);
    assertThat(records)
        .extracting(r -> (String) r.get("ZIP"))
        .allMatch(v -> v.matches("[1-9][0-9]{4}"));
  }

  @Test
  void aSmallTableWithSharedNamesStillHasIdentifiers() {
    IdentifierProbe small = IdentifierProbe.of(45, true);
    assertThat(small.values("full_name").get(0)).isEqualTo(small.values("full_name").get(1));
    TrainRequest smallRequest = trainCopula(small, dir.resolve("small"));
    TableSchema schema = TableSchema.of(Schemas.read(smallRequest.schemaFile()));
    for (String name : List.of("full_name", "firstName", "notes")) {
      assertThat(schema.column(name).orElseThrow().kind())
          .as(name)
          .isEqualTo(ColumnKind.IDENTIFIER);
      assertThat(schema.column(name).orElseThrow().categories()).as(name).isEmpty();
    }
    List<PatientRecord> records =
        ModelLoader.load(smallRequest.output().toString())
            .sample(SampleRequest.of(200, 1))
            .records();
    for (String name : List.of("full_name", "firstName")) {
      assertThat(records)
          .extracting(r -> (String) r.get(name))
          .as(name)
          .doesNotContainAnyElementsOf(small.values(name));
    }
    assertThat(records.get(0).asMap()).doesNotContainKey("notes");
  }

  /** Every entry of a model file (a zip) as text, one after the other. */
  private static String modelFileText(Path model) throws IOException {
    StringBuilder text = new StringBuilder();
    try (ZipInputStream zip =
        new ZipInputStream(new ByteArrayInputStream(Files.readAllBytes(model)))) {
      ZipEntry entry;
      while ((entry = zip.getNextEntry()) != null) {
        text.append(entry.getName())
            .append('\n')
            .append(new String(zip.readAllBytes(), StandardCharsets.UTF_8));
      }
    }
    assertThat(text).as("model file entries").isNotEmpty();
    return text.toString();
  }
}
