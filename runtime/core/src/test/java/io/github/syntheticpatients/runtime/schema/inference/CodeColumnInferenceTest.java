package io.github.syntheticpatients.runtime.schema.inference;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.syntheticpatients.runtime.CodedEncounters;
import io.github.syntheticpatients.runtime.ColumnKind;
import io.github.syntheticpatients.runtime.data.Table;
import io.github.syntheticpatients.runtime.io.csv.CsvTableReader;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CodeColumnInferenceTest {
  private static final List<String> DIAGNOSES = List.of("diag_1", "diag_2", "diag_3");

  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void diagnosisCodesAreCategoriesWhateverTheirNumber(boolean icd10) {
    CodedEncounters.Settings icd9 = CodedEncounters.Settings.defaults(5600, 17);
    CodedEncounters.Settings settings = icd10 ? icd9.withIcd10() : icd9;
    Path csv = CodedEncounters.write(settings, dir.resolve("encounters.csv"));
    TableSchema schema = SchemaInference.infer(csv);
    for (String name : DIAGNOSES) {
      ColumnSchema column = schema.column(name).orElseThrow();
      assertThat(column.kind()).as(name).isEqualTo(ColumnKind.CATEGORICAL);
      assertThat(column.dropped()).as(name).isFalse();
      assertThat(column.categories().size())
          .as(name)
          .isGreaterThan(SchemaInference.MAX_CATEGORY_LIMIT);
      assertThat(column.reason())
          .as(name)
          .startsWith("codes: short tokens")
          .contains("generalised to");
      if (!icd10) {
        // ICD-9 categories such as 998 have no parent; ICD-10 ones roll up to their letter.
        assertThat(column.reason()).as(name).contains("read as " + ValueProtection.RARE_CATEGORY);
      }
      assertThat(column.protectedValues()).as(name).isGreaterThan(0);
      assertThat(column.codes().system())
          .as(name)
          .isEqualTo(icd10 ? CodeSystem.ICD10 : CodeSystem.ICD9);
      assertThat(column.codes().vocabulary()).as(name).isEqualTo("diag");
      assertThat(column.reason()).as(name).contains("shares the vocabulary \"diag\"");
    }
    assertThat(schema.column("sex").orElseThrow().kind()).isEqualTo(ColumnKind.BINARY);
    assertThat(schema.column("age").orElseThrow().kind()).isEqualTo(ColumnKind.INTEGER);
  }

  @Test
  void noCodeIsReadAsACategoryHeldByFewerThanKRecords() {
    CodedEncounters.Settings settings = CodedEncounters.Settings.defaults(5600, 17);
    Path csv = CodedEncounters.write(settings, dir.resolve("encounters.csv"));
    TableSchema schema = SchemaInference.infer(csv);
    Table table = CsvTableReader.read(csv, schema);
    List<String[]> rows = CodedEncounters.rows(settings);
    // The slots share one vocabulary: a category is held by the records holding it in any slot.
    List<String> categories = schema.column("diag_1").orElseThrow().categories();
    Map<String, Set<Integer>> holders = new HashMap<>();
    for (String name : DIAGNOSES) {
      ColumnSchema column = schema.column(name).orElseThrow();
      assertThat(column.categories()).as(name).isEqualTo(categories);
      int position = CodedEncounters.HEADER.indexOf(name);
      double[] values = table.column(name);
      for (int r = 0; r < values.length; r++) {
        if (!Double.isNaN(values[r])) {
          String category = categories.get((int) values[r]);
          holders.computeIfAbsent(category, c -> new HashSet<>()).add(r);
          // Read as itself, an ancestor (a prefix) or the bucket.
          assertThat(rows.get(r)[position])
              .startsWith(category.equals(ValueProtection.RARE_CATEGORY) ? "" : category);
        }
      }
    }
    holders.forEach(
        (category, records) ->
            assertThat(records.size())
                .as(category)
                .isGreaterThanOrEqualTo(ValueProtection.DEFAULT_K));
  }

  @Test
  void aRareIcd10SubcodeIsReadAsItsCategory() throws IOException {
    StringJoiner csv = new StringJoiner("\n", "", "\n").add("diag");
    for (int i = 0; i < 300; i++) {
      csv.add("E11.9").add("I50.1").add("J18.0");
    }
    for (int i = 0; i < 2; i++) {
      csv.add("E11.2")
          .add("E11.3"); // 4 records below E11 between them: too few for a code, enough with E11.9
    }
    csv.add("E13.1")
        .add("E14.1")
        .add("K21.0"); // one record each, no ancestor shared by 5: bucketed
    Path file = Files.writeString(dir.resolve("diag.csv"), csv.toString());
    ColumnSchema column = SchemaInference.infer(file, null, 3).column("diag").orElseThrow();
    // k = 3: E11.2 and E11.3 (2 records each) share E11.1..; no code of E11 is kept, so they go up
    // to E11 (4).
    assertThat(column.categories())
        .containsExactly("E11", "E11.9", "I50.1", "J18.0", ValueProtection.RARE_CATEGORY);
    assertThat(column.protectedValues()).isEqualTo(5);
    assertThat(column.reason())
        .contains("2 codes held by fewer than 3 records are generalised to 1 ancestor")
        .contains("3 codes held by fewer than 3 records and with no such ancestor");
    Table table = CsvTableReader.read(file, TableSchema.of(List.of(column)));
    double[] values = table.column("diag");
    assertThat(column.categories().get((int) values[900])).isEqualTo("E11");
    assertThat(column.categories().get((int) values[904])).isEqualTo(ValueProtection.RARE_CATEGORY);
  }

  @Test
  void icd9CodesWrittenMostlyAsNumbersAreCodesAndLabValuesStayNumbers() throws IOException {
    StringJoiner csv = new StringJoiner("\n", "", "\n").add("diag,sodium");
    String[] codes = {"428", "250.83", "401.9", "414.01", "427.31", "486"};
    for (int i = 0; i < 600; i++) {
      // 2 % V codes, fewer than the 5 % of stray text a number column tolerates.
      String code = i % 50 == 0 ? "V57.1" : codes[i % codes.length];
      csv.add(code + "," + (i % 40 == 0 ? "n.d." : String.valueOf(130 + i % 15 + 0.5)));
    }
    TableSchema schema =
        SchemaInference.infer(Files.writeString(dir.resolve("icd9.csv"), csv.toString()));
    ColumnSchema diag = schema.column("diag").orElseThrow();
    assertThat(diag.kind()).isEqualTo(ColumnKind.CATEGORICAL);
    assertThat(diag.codes().system()).isEqualTo(CodeSystem.ICD9);
    assertThat(diag.categories()).contains("428", "250.83", "V57.1");
    // 140.5 has an ICD-9 shape, but "n.d." is no code: the sodium stays a number.
    ColumnSchema sodium = schema.column("sodium").orElseThrow();
    assertThat(sodium.kind()).isEqualTo(ColumnKind.NUMERIC);
    assertThat(sodium.unparsedValues()).isEqualTo(15);
  }

  @Test
  void mostlyDistinctCodesStayIdentifiersAndLongTextStaysFreeText() throws IOException {
    StringJoiner csv = new StringJoiner("\n", "", "\n").add("ref,said");
    for (int i = 0; i < 600; i++) {
      csv.add(
          "AB"
              + (10000 + i * 7)
              + ",the patient reported symptom number "
              + i
              + " after the visit "
              + (i % 3));
    }
    Path file = Files.writeString(dir.resolve("refs.csv"), csv.toString());
    TableSchema schema = SchemaInference.infer(file);
    assertThat(schema.column("ref").orElseThrow().kind()).isEqualTo(ColumnKind.IDENTIFIER);
    assertThat(schema.column("ref").orElseThrow().dropped()).isFalse();
    ColumnSchema note = schema.column("said").orElseThrow();
    assertThat(note.dropped()).isTrue();
    assertThat(note.reason()).startsWith("free text");
  }

  @Test
  void theSchemaFileOverrulesTheCodeChoice() throws IOException {
    Path csv =
        CodedEncounters.write(
            CodedEncounters.Settings.defaults(2000, 5), dir.resolve("encounters.csv"));
    Path schemaFile = dir.resolve("encounters.schema.json");
    SchemaJson.write(SchemaInference.infer(csv), schemaFile);
    String text = Files.readString(schemaFile);
    // The user drops diag_3: the kind stays, "drop" turns true.
    int start = text.indexOf("\"name\": \"diag_3\"");
    assertThat(start).as(text.substring(0, Math.min(400, text.length()))).isGreaterThan(0);
    int drop = text.indexOf("\"drop\": false", start);
    Files.writeString(
        schemaFile, text.substring(0, drop) + "\"drop\": true" + text.substring(drop + 13));
    TableSchema edited = SchemaJson.read(schemaFile);
    assertThat(edited.column("diag_3").orElseThrow().dropped()).isTrue();
    assertThat(edited.column("diag_2").orElseThrow().dropped()).isFalse();
    Table table = CsvTableReader.read(csv, edited);
    assertThat(table.column("diag_3")).containsOnly(Double.NaN);
  }
}
