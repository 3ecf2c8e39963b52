package io.github.syntheticpatients.runtime.schema.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.syntheticpatients.runtime.ColumnKind;
import io.github.syntheticpatients.runtime.InvalidInputException;
import io.github.syntheticpatients.runtime.data.Table;
import io.github.syntheticpatients.runtime.data.Timelines;
import io.github.syntheticpatients.runtime.io.csv.CsvTableReader;
import io.github.syntheticpatients.runtime.io.csv.TimelineReader;
import io.github.syntheticpatients.runtime.io.json.SchemaJson;
import io.github.syntheticpatients.runtime.schema.CodeSystem;
import io.github.syntheticpatients.runtime.schema.ColumnSchema;
import io.github.syntheticpatients.runtime.schema.TableSchema;
import io.github.syntheticpatients.runtime.schema.ValueProtection;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SharedCodeVocabularyTest {
  private static final String[] FIRST = {"E11.9", "I50.1", "J18.0"};
  private static final String[] SECOND = {"I10.0", "E11.9", "N39.0"};

  @TempDir Path dir;

  /**
   * Two diagnosis slots of frequent codes; I21.4 is held by 3 records in diag_1 and by 4 others in
   * diag_2: 7 records, at least k = 5, only when the slots are counted together.
   */
  private Path twoSlots(String first, String second) throws IOException {
    StringJoiner csv = new StringJoiner("\n", "", "\n").add(first + "," + second);
    for (int i = 0; i < 300; i++) {
      csv.add(FIRST[i % 3] + "," + SECOND[i % 3]);
    }
    for (int i = 0; i < 3; i++) {
      csv.add("I21.4,E11.9");
    }
    for (int i = 0; i < 4; i++) {
      csv.add("J18.0,I21.4");
    }
    return Files.writeString(dir.resolve("slots.csv"), csv.toString());
  }

  @Test
  void slotsCountACodeOverTheRecordsHoldingItInAnyOfThem() throws IOException {
    Path csv = twoSlots("diag_1", "diag_2");
    TableSchema schema = SchemaInference.infer(csv, null, 5);
    ColumnSchema first = schema.column("diag_1").orElseThrow();
    ColumnSchema second = schema.column("diag_2").orElseThrow();
    assertThat(first.categories())
        .containsExactly("E11.9", "I10.0", "I21.4", "I50.1", "J18.0", "N39.0");
    assertThat(second.categories()).isEqualTo(first.categories());
    assertThat(first.codes().system()).isEqualTo(CodeSystem.ICD10);
    assertThat(first.codes().vocabulary()).isEqualTo("diag");
    assertThat(second.codes().vocabulary()).isEqualTo("diag");
    assertThat(first.reason()).contains("shares the vocabulary \"diag\" with diag_2");
    assertThat(second.reason()).contains("shares the vocabulary \"diag\" with diag_1");
    Table table = CsvTableReader.read(csv, schema);
    assertThat(first.categories().get((int) table.column("diag_1")[300])).isEqualTo("I21.4");
    assertThat(second.categories().get((int) table.column("diag_2")[303])).isEqualTo("I21.4");

    // Alone, diag_1's 3 holders of I21.4 are too few: it is bucketed (I21 and I hold no more).
    StringJoiner alone = new StringJoiner("\n", "", "\n").add("diag_1");
    Files.readAllLines(csv).stream().skip(1).forEach(line -> alone.add(line.split(",")[0]));
    ColumnSchema own =
        SchemaInference.infer(
                Files.writeString(dir.resolve("alone.csv"), alone.toString()), null, 5)
            .column("diag_1")
            .orElseThrow();
    assertThat(own.categories())
        .containsExactly("E11.9", "I50.1", "J18.0", ValueProtection.RARE_CATEGORY);
    assertThat(own.codes().vocabulary()).isNull();
    assertThat(own.protectedValues()).isEqualTo(1);
  }

  @Test
  void columnsOfOverlappingCodesShareWithoutANumberedName() throws IOException {
    TableSchema schema = SchemaInference.infer(twoSlots("primary", "secondary"), null, 5);
    assertThat(schema.column("primary").orElseThrow().codes().vocabulary()).isEqualTo("primary");
    assertThat(schema.column("secondary").orElseThrow().codes().vocabulary()).isEqualTo("primary");
    assertThat(schema.column("secondary").orElseThrow().categories()).contains("I21.4");
  }

  @Test
  void codesOfAnotherSystemDoNotShare() throws IOException {
    StringJoiner csv = new StringJoiner("\n", "", "\n").add("code_1,code_2");
    String[] drugs = {"J01CA04", "C09AA05", "A10BA02"};
    for (int i = 0; i < 300; i++) {
      csv.add(FIRST[i % 3] + "," + drugs[i % 3]);
    }
    TableSchema schema =
        SchemaInference.infer(Files.writeString(dir.resolve("mixed.csv"), csv.toString()));
    assertThat(schema.column("code_1").orElseThrow().codes().system()).isEqualTo(CodeSystem.ICD10);
    assertThat(schema.column("code_2").orElseThrow().codes().system()).isEqualTo(CodeSystem.ATC);
    assertThat(schema.column("code_1").orElseThrow().codes().vocabulary()).isNull();
    assertThat(schema.column("code_2").orElseThrow().codes().vocabulary()).isNull();
  }

  @Test
  void anEditSplitsASlotOffAndMismatchedCategoriesAreAnError() throws IOException {
    Path csv = twoSlots("diag_1", "diag_2");
    Path file = dir.resolve("slots.schema.json");
    SchemaJson.write(SchemaInference.infer(csv, null, 5), file);
    String text = Files.readString(file);
    assertThat(text).contains("\"codes\": \"icd10\"").contains("\"vocabulary\": \"diag\"");

    int second = text.indexOf("\"name\": \"diag_2\"");
    String split =
        text.substring(0, second)
            + text.substring(second).replaceFirst("\"vocabulary\": \"diag\",\\s*", "");
    Files.writeString(file, split);
    TableSchema edited = SchemaJson.read(file);
    assertThat(edited.column("diag_1").orElseThrow().codes().vocabulary()).isEqualTo("diag");
    assertThat(edited.column("diag_2").orElseThrow().codes().vocabulary()).isNull();
    assertThat(edited.column("diag_2").orElseThrow().codes().system()).isEqualTo(CodeSystem.ICD10);

    // Still shared, but diag_2 loses a category: the file is refused at diag_2's vocabulary.
    String mismatched =
        text.substring(0, second) + text.substring(second).replaceFirst("\"I50.1\", ", "");
    Files.writeString(file, mismatched);
    assertThatThrownBy(() -> SchemaJson.read(file))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("diag_2")
        .hasMessageContaining("shares the vocabulary 'diag' with 'diag_1' but it lists other")
        .hasMessageContaining("remove \"vocabulary\"");
  }

  @Test
  void perVisitCodeColumnsAreProtectedByPatients() throws IOException {
    // 40 patients with 3 visits each. K21.0 is held by 3 patients in diag_1 and 3 others in diag_2
    // (6 patients); I21.4 is on 8 visits, but of 2 patients only.
    StringJoiner csv = new StringJoiner("\n", "", "\n").add("patient,day,sex,diag_1,diag_2");
    for (int p = 0; p < 40; p++) {
      for (int v = 0; v < 3; v++) {
        String first = FIRST[(p + v) % 3];
        String second = SECOND[(p + 2 * v) % 3];
        if (p < 3 && v == 0) {
          first = "K21.0";
        } else if (p >= 3 && p < 6 && v == 1) {
          second = "K21.0";
        } else if (p >= 6 && p < 8) {
          first = "I21.4";
          second = v == 0 ? "I21.4" : second;
        }
        csv.add(
            "P" + p + "," + (v * 30) + "," + (p % 2 == 0 ? "F" : "M") + "," + first + "," + second);
      }
    }
    Path file = Files.writeString(dir.resolve("visits.csv"), csv.toString());
    TableSchema schema = SchemaInference.inferLongitudinal(file, null, "patient", "day", 5);
    ColumnSchema diag = schema.column("diag_1").orElseThrow();
    assertThat(diag.kind()).isEqualTo(ColumnKind.CATEGORICAL);
    assertThat(diag.staticAttribute()).isFalse();
    assertThat(diag.codes().system()).isEqualTo(CodeSystem.ICD10);
    assertThat(diag.codes().vocabulary()).isEqualTo("diag");
    assertThat(diag.categories())
        .containsExactly(
            "E11.9", "I10.0", "I50.1", "J18.0", "K21.0", "N39.0", ValueProtection.RARE_CATEGORY);
    assertThat(schema.column("diag_2").orElseThrow().categories()).isEqualTo(diag.categories());
    assertThat(schema.column("sex").orElseThrow().staticAttribute()).isTrue();

    Timelines timelines = TimelineReader.read(file, schema, null);
    Map<String, Set<Integer>> patients = new HashMap<>();
    for (String name : List.of("diag_1", "diag_2")) {
      double[] values = timelines.visits().column(name);
      for (int p = 0; p < timelines.patientCount(); p++) {
        for (int r = timelines.firstRow(p);
            r < timelines.firstRow(p) + timelines.visitCount(p);
            r++) {
          String category = diag.categories().get((int) values[r]);
          patients.computeIfAbsent(category, c -> new HashSet<>()).add(p);
          if (timelines.id(p).equals("P6") && name.equals("diag_1")) {
            assertThat(category).isEqualTo(ValueProtection.RARE_CATEGORY);
          }
        }
      }
    }
    patients.remove(ValueProtection.RARE_CATEGORY); // the bucket of P6's and P7's I21.4
    patients.forEach(
        (category, holders) -> assertThat(holders.size()).as(category).isGreaterThanOrEqualTo(5));
  }
}
