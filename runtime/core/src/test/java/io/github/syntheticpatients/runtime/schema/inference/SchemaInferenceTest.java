package io.github.syntheticpatients.runtime.schema.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.syntheticpatients.runtime.ColumnKind;
import io.github.syntheticpatients.runtime.InvalidInputException;
import io.github.syntheticpatients.runtime.TestData;
import io.github.syntheticpatients.runtime.io.csv.CsvOptions;
import io.github.syntheticpatients.runtime.io.csv.CsvTableReader;
import io.github.syntheticpatients.runtime.io.json.JsonFiles;
import io.github.syntheticpatients.runtime.schema.ColumnSchema;
import io.github.syntheticpatients.runtime.schema.TableSchema;
import io.github.syntheticpatients.runtime.schema.ValueProtection;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SchemaInferenceTest {
  @TempDir Path dir;

  /**
   * Columns where the rules cannot know what the dictionary says, each with the reason. Everything
   * else must agree with the dataset's dictionary in kind (and categories, as sets).
   */
  private static final Map<String, String> DELIBERATE_DISAGREEMENTS =
      Map.of(
          "pbc.id", "unique integer named id: an identifier, which the dictionary types as integer",
          "nafld1.id",
              "unique integer named id: an identifier, which the dictionary types as integer",
          "flchain.sample.yr",
              "9 distinct years look like codes; only the meaning says they are numbers",
          "cgd.enum",
              "8 distinct event numbers look like codes; only the meaning says they are counts");

  @ParameterizedTest
  @ValueSource(strings = {"pbc", "pima2", "flchain", "nafld1", "cgd", "pbcseq"})
  void agreesWithTheDataDictionary(String dataset) {
    TableSchema schema =
        SchemaInference.infer(TestData.path(dataset + ".csv"), CsvOptions.defaults());
    Map<String, Object> dictionary = JsonFiles.read(TestData.path(dataset + ".json"));
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> columns = (List<Map<String, Object>>) dictionary.get("columns");
    assertThat(schema.columns())
        .extracting(ColumnSchema::name)
        .containsExactlyElementsOf(columns.stream().map(c -> (String) c.get("name")).toList());
    List<String> disagreements = new ArrayList<>();
    for (Map<String, Object> expected : columns) {
      String name = (String) expected.get("name");
      ColumnSchema actual = schema.column(name).orElseThrow();
      double missing = ((Number) expected.get("missing_fraction")).doubleValue();
      assertThat(actual.missingRate())
          .as(dataset + "." + name + " missing rate")
          .isCloseTo(missing, within());
      assertThat(actual.nullable()).as(dataset + "." + name + " nullable").isEqualTo(missing > 0);
      if (!agrees(actual, expected)) {
        disagreements.add(dataset + "." + name);
        assertThat(DELIBERATE_DISAGREEMENTS)
            .as(
                "%s.%s inferred %s %s but the dictionary says %s %s",
                dataset,
                name,
                actual.kind(),
                actual.categories(),
                expected.get("type"),
                expected.get("categories"))
            .containsKey(dataset + "." + name);
      }
    }
    for (String key : DELIBERATE_DISAGREEMENTS.keySet()) {
      if (key.startsWith(dataset + ".")) {
        assertThat(disagreements).as("listed disagreement %s still disagrees", key).contains(key);
      }
    }
    assertThat(schema.target()).isNull();
  }

  private static org.assertj.core.data.Offset<Double> within() {
    return org.assertj.core.data.Offset.offset(1e-6);
  }

  /** Whether an inferred column says what the dictionary says, in the dictionary's vocabulary. */
  private static boolean agrees(ColumnSchema actual, Map<String, Object> expected) {
    String type = (String) expected.get("type");
    @SuppressWarnings("unchecked")
    List<String> categories = (List<String>) expected.get("categories");
    switch (actual.kind()) {
      case NUMERIC:
        return type.equals("numeric");
      case INTEGER:
        return type.equals("integer");
      case DATE:
      case DATETIME:
        // The dictionaries have no date type: cgd.random holds ISO dates (DATE here) and is typed
        // datetime.
        return type.equals("datetime");
      case IDENTIFIER:
        return "entity_id".equals(expected.get("role"));
      case BINARY:
        if (type.equals("binary")) {
          return new HashSet<>(actual.categories()).equals(new HashSet<>(List.of("0", "1")));
        }
        return type.equals("categorical") && sameCategories(actual, categories);
      case CATEGORICAL:
        return type.equals("categorical") && sameCategories(actual, categories);
      default:
        return false;
    }
  }

  /**
   * The dictionary's categories, less those merged into _RARE_: the kept ones are among them, and
   * kept plus protected make them all.
   */
  private static boolean sameCategories(ColumnSchema actual, List<String> expected) {
    List<String> kept =
        actual.categories().stream().filter(c -> !c.equals(ValueProtection.RARE_CATEGORY)).toList();
    return expected.containsAll(kept)
        && kept.size() + actual.protectedValues() == expected.size()
        && actual.hasRareCategory() == (actual.protectedValues() > 0);
  }

  @Test
  void pbcCodesAreCategoricalSortedNumericallyAsWritten() {
    TableSchema pbc = SchemaInference.infer(TestData.path("pbc.csv"), null);
    assertThat(pbc.column("status").orElseThrow().categories()).containsExactly("0", "1", "2");
    ColumnSchema edema = pbc.column("edema").orElseThrow();
    assertThat(edema.kind()).isEqualTo(ColumnKind.CATEGORICAL);
    assertThat(edema.categories()).containsExactly("0", "0.5", "1");
    assertThat(pbc.column("stage").orElseThrow().categories()).containsExactly("1", "2", "3", "4");
    assertThat(pbc.column("id").orElseThrow().kind()).isEqualTo(ColumnKind.IDENTIFIER);
    assertThat(pbc.column("albumin").orElseThrow().decimals()).isEqualTo(2);
    assertThat(pbc.column("age").orElseThrow().decimals()).isEqualTo(SchemaInference.MAX_DECIMALS);
    assertThat(pbc.column("chol").orElseThrow().kind()).isEqualTo(ColumnKind.INTEGER);
  }

  private Path csv(String content) throws IOException {
    Path file = dir.resolve("t.csv");
    Files.writeString(file, content);
    return file;
  }

  @Test
  void identifierRules() throws IOException {
    StringBuilder text = new StringBuilder("patient_id,seq,code,shuffled,ratio,name,note\n");
    for (int i = 0; i < 300; i++) {
      int shuffled = (i * 7919) % 300;
      text.append(1000 + shuffled)
          .append(',') // unique, id name, not in order
          .append(i * 3)
          .append(',') // unique, increasing, no id name
          .append(shuffled)
          .append(',') // unique, not increasing, no id name: a measurement
          .append(shuffled)
          .append(',')
          .append(i + 0.5)
          .append(',') // unique but fractional: never an identifier
          .append("P-")
          .append(shuffled)
          .append(',') // unique text
          .append("note ")
          .append(i % 250)
          .append('\n'); // 250 distinct texts that repeat: free text
    }
    TableSchema schema = SchemaInference.infer(csv(text.toString()), null);
    assertThat(schema.columns())
        .extracting(
            c ->
                c.name()
                    + ":"
                    + c.kind().name().toLowerCase(Locale.ROOT)
                    + (c.dropped() ? ":dropped" : ""))
        .containsExactly(
            "patient_id:identifier",
            "seq:identifier",
            "code:integer",
            "shuffled:integer",
            "ratio:numeric",
            "name:identifier",
            "note:identifier:dropped");
  }

  @Test
  void anIdNamedColumnWithRepeatsIsAnInteger() throws IOException {
    StringBuilder text = new StringBuilder("case.id,x\n");
    for (int i = 0; i < 2000; i++) {
      text.append(i == 1500 ? 7 : i)
          .append(',')
          .append(i % 3)
          .append('\n'); // one repeat, late in the file
    }
    TableSchema schema = SchemaInference.infer(csv(text.toString()), null);
    assertThat(schema.column("case.id").orElseThrow().kind()).isEqualTo(ColumnKind.INTEGER);
    assertThat(schema.column("x").orElseThrow().kind()).isEqualTo(ColumnKind.CATEGORICAL);
  }

  @Test
  void idNames() {
    assertThat(
            List.of(
                "id",
                "ID",
                "pid",
                "patient_id",
                "case.id",
                "patientId",
                "PatientID",
                "id_patient",
                "subject id"))
        .allMatch(SchemaInference::looksLikeIdName);
    assertThat(List.of("valid", "fluid", "idle", "age", "grid", "ideal", "paid"))
        .noneMatch(SchemaInference::looksLikeIdName);
  }

  @Test
  void datesDateTimesTextAndMissing() throws IOException {
    Path file =
        csv(
            "d,dt,mixed,empty,flag,few,code\n"
                + "2024-01-01,2024-01-01T10:00:00,a,,yes,1,x\n"
                + "2024-01-02,2024-01-02,1,NA,no,2,y\n"
                + "NA,2024-01-03 11:30,b,,yes,1,z\n"
                + "2024-01-04,,2,,no,2,x\n");
    // Four rows: k = 1 so that categories are kept (value protection has its own tests).
    TableSchema schema = SchemaInference.infer(file, null, 1);
    assertThat(schema.column("d").orElseThrow().kind()).isEqualTo(ColumnKind.DATE);
    assertThat(schema.column("d").orElseThrow().missingRate()).isEqualTo(0.25);
    assertThat(schema.column("dt").orElseThrow().kind()).isEqualTo(ColumnKind.DATETIME);
    assertThat(schema.column("mixed").orElseThrow().kind()).isEqualTo(ColumnKind.CATEGORICAL);
    assertThat(schema.column("mixed").orElseThrow().categories())
        .containsExactly("1", "2", "a", "b");
    ColumnSchema empty = schema.column("empty").orElseThrow();
    assertThat(empty.dropped()).isTrue();
    assertThat(empty.missingRate()).isEqualTo(1.0);
    assertThat(schema.column("flag").orElseThrow().kind()).isEqualTo(ColumnKind.BINARY);
    assertThat(schema.column("flag").orElseThrow().categories()).containsExactly("no", "yes");
    assertThat(schema.column("few").orElseThrow().categories()).containsExactly("1", "2");
    assertThat(schema.column("code").orElseThrow().kind()).isEqualTo(ColumnKind.CATEGORICAL);
  }

  @Test
  void fewRowsOfMeasurementsAreNotCodes() throws IOException {
    TableSchema schema = SchemaInference.infer(csv("age,weight\n31,60.5\n45,72.25\n52,80\n"), null);
    assertThat(schema.column("age").orElseThrow().kind()).isEqualTo(ColumnKind.INTEGER);
    assertThat(schema.column("weight").orElseThrow().kind()).isEqualTo(ColumnKind.NUMERIC);
    assertThat(schema.column("weight").orElseThrow().decimals()).isEqualTo(2);
  }

  @Test
  void manyTextCategoriesOnlyInABigFile() throws IOException {
    StringJoiner rows = new StringJoiner("\n", "ward\n", "\n");
    for (int i = 0; i < 10_000; i++) {
      rows.add("ward-" + (i % 120)); // 120 distinct in 10,000 rows: 1.2%, so categorical
    }
    ColumnSchema ward =
        SchemaInference.infer(csv(rows.toString()), null).column("ward").orElseThrow();
    assertThat(ward.kind()).isEqualTo(ColumnKind.CATEGORICAL);
    assertThat(ward.categories()).hasSize(120).startsWith("ward-0", "ward-1", "ward-10");
  }

  @Test
  void badFilesAreReported() throws IOException {
    Path empty = csv("");
    assertThatThrownBy(() -> SchemaInference.infer(empty, null))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("the file is empty");
    Path ragged = csv("a,b\n1,2\n3\n");
    assertThatThrownBy(() -> SchemaInference.infer(ragged, null))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith(ragged + ", line 3: the row has 1 fields but the header has 2");
  }

  @Test
  void identifiersByContentAtAnySize() throws IOException {
    StringBuilder text = new StringBuilder("contact,line,ref,key2,account,lab,seen\n");
    for (int i = 0; i < 12; i++) {
      int shuffled = (i * 7) % 12;
      text.append("person")
          .append(shuffled)
          .append("@mail.test,") // e-mails
          .append(String.format(Locale.ROOT, "+44 20 %04d %04d", 1000 + shuffled, 3000 + i))
          .append(',') // phones
          .append(String.format(Locale.ROOT, "AB-%06d", 100_000 + shuffled * 13))
          .append(',') // codes
          .append(400_000_000 + shuffled * 1_001)
          .append(',') // 9-digit numbers
          .append(String.format(Locale.ROOT, "%09d", shuffled * 3))
          .append(',') // 9 digits with leading zeros
          .append(100 + shuffled)
          .append(',') // a 3-digit measurement
          .append(20_200_101 + shuffled)
          .append('\n'); // yyyyMMdd dates: 8 digits, but not a record number
    }
    TableSchema schema = SchemaInference.infer(csv(text.toString()), null);
    assertThat(schema.columns())
        .extracting(
            c ->
                c.name()
                    + ":"
                    + c.kind().name().toLowerCase(Locale.ROOT)
                    + ":"
                    + c.identifierShape())
        .containsExactly(
            "contact:identifier:email",
            "line:identifier:pattern:+dd dd dddd dddd",
            "ref:identifier:pattern:AA-dddddd",
            "key2:identifier:pattern:ddddddddd",
            "account:identifier:pattern:ddddddddd",
            "lab:integer:null",
            "seen:integer:null");
    assertThat(schema.column("contact").orElseThrow().reason()).contains("e-mail addresses");
    assertThat(schema.column("key2").orElseThrow().reason()).contains("9-digit numbers");
  }

  @Test
  void rareCategoriesAreMergedAndCountedNeverNamed() throws IOException {
    StringBuilder text = new StringBuilder("diagnosis,stage,smoker\n");
    for (int i = 0; i < 60; i++) {
      String diagnosis =
          i == 7
              ? "Wilson disease"
              : i == 8 || i == 9 ? "Alagille syndrome" : i % 2 == 0 ? "PBC" : "PSC";
      text.append(diagnosis)
          .append(',')
          .append(i < 4 ? 4 : 1 + i % 3)
          .append(',')
          .append(i < 3 ? "yes" : "no")
          .append('\n');
    }
    Path file = csv(text.toString());
    TableSchema schema = SchemaInference.infer(file, null);
    ColumnSchema diagnosis = schema.column("diagnosis").orElseThrow();
    assertThat(diagnosis.categories()).containsExactly("PBC", "PSC", ValueProtection.RARE_CATEGORY);
    assertThat(diagnosis.protectedValues()).isEqualTo(2);
    assertThat(diagnosis.reason())
        .contains("2 values are held by fewer than 5 records")
        .doesNotContain("Wilson");
    ColumnSchema stage = schema.column("stage").orElseThrow();
    assertThat(stage.categories()).containsExactly("1", "2", "3", ValueProtection.RARE_CATEGORY);
    ColumnSchema smoker = schema.column("smoker").orElseThrow();
    assertThat(smoker.kind()).isEqualTo(ColumnKind.BINARY);
    assertThat(smoker.categories()).containsExactly("no", ValueProtection.RARE_CATEGORY);
    String json =
        new String(
            io.github.syntheticpatients.runtime.io.json.SchemaJson.toBytes(schema),
            java.nio.charset.StandardCharsets.UTF_8);
    assertThat(json)
        .doesNotContain("Wilson")
        .doesNotContain("Alagille")
        .contains("\"protectedValues\": 2");
    // k = 1 turns protection off, knowingly.
    assertThat(SchemaInference.infer(file, null, 1).column("diagnosis").orElseThrow().categories())
        .containsExactly("Alagille syndrome", "PBC", "PSC", "Wilson disease");
    // A higher k protects more: PSC and PBC are held by 28 and 29 records, so at k = 29 the kept
    // values cover
    // less than half the rows and the column is free text.
    ColumnSchema strict = SchemaInference.infer(file, null, 29).column("diagnosis").orElseThrow();
    assertThat(strict.dropped()).isTrue();
    assertThat(strict.reason()).contains("cover less than half");
    assertThatThrownBy(() -> SchemaInference.infer(file, null, 0))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("valueProtectionK must be at least 1")
        .satisfies(
            e ->
                assertThat(((InvalidInputException) e).parameter())
                    .isEqualTo("synthetic.valueProtectionK"));
  }

  @Test
  void aColumnWithNoCategoryHeldByKRecordsIsNotCategories() throws IOException {
    // 8 rows: no value of 'grade' is held by 5 records. Text is then free text (dropped, loudly);
    // codes are numbers.
    TableSchema schema =
        SchemaInference.infer(
            csv("grade,code\nlow,1\nlow,1\nhigh,2\nhigh,2\nmid,3\nmid,3\nlow,1\nhigh,2\n"), null);
    ColumnSchema grade = schema.column("grade").orElseThrow();
    assertThat(grade.dropped()).isTrue();
    assertThat(grade.reason()).contains("free text").contains("synthetic.valueProtectionK");
    ColumnSchema code = schema.column("code").orElseThrow();
    assertThat(code.kind()).isEqualTo(ColumnKind.INTEGER);
    assertThat(code.reason()).contains("none is held by 5 records");
  }

  @Test
  void longitudinalProtectionCountsPatientsNotVisits() throws IOException {
    // One patient with a rare diagnosis seen on 10 visits: 10 rows, but one record.
    StringBuilder text = new StringBuilder("pid,t,diagnosis\n");
    for (int p = 0; p < 12; p++) {
      for (int t = 0; t < 10; t++) {
        text.append(p)
            .append(',')
            .append(t)
            .append(',')
            .append(p == 0 ? "rare" : p % 2 == 0 ? "a" : "b")
            .append('\n');
      }
    }
    TableSchema schema =
        SchemaInference.inferLongitudinal(csv(text.toString()), null, "pid", "t", 5);
    ColumnSchema diagnosis = schema.column("diagnosis").orElseThrow();
    assertThat(diagnosis.categories()).containsExactly("a", "b", ValueProtection.RARE_CATEGORY);
    assertThat(diagnosis.staticAttribute()).isTrue();
  }

  @Test
  void missingMarkersAndStrayValuesKeepTheColumn() throws IOException {
    StringBuilder text = new StringBuilder("bili,visit,result,answer\n");
    for (int i = 0; i < 300; i++) {
      String bili =
          switch (i) {
            case 10 -> "NULL";
            case 20 -> "N/A";
            case 30 -> "-";
            case 40 -> "n.d.";
            case 50 -> "<0.1";
            default -> Double.toString(0.5 + (i % 17) / 10.0);
          };
      String visit =
          i % 50 == 3
              ? "05/01/2020"
              : String.format(Locale.ROOT, "2020-%02d-%02d", 1 + i % 12, 1 + i % 28);
      String result =
          i % 3 == 0 ? "-" : i % 3 == 1 ? "+" : "++"; // "-" is a result here, not missing
      String answer = i % 4 == 0 ? "unknown" : i % 4 == 1 ? "yes" : "no";
      text.append(bili)
          .append(',')
          .append(visit)
          .append(',')
          .append(result)
          .append(',')
          .append(answer)
          .append('\n');
    }
    Path file = csv(text.toString());
    List<String> warnings = new ArrayList<>();
    TableSchema schema = withWarnings(warnings, () -> SchemaInference.infer(file, null));
    ColumnSchema bili = schema.column("bili").orElseThrow();
    assertThat(bili.kind()).isEqualTo(ColumnKind.NUMERIC);
    assertThat(bili.dropped()).isFalse();
    assertThat(bili.unparsedValues()).isEqualTo(2);
    assertThat(bili.missingRate()).isEqualTo(5 / 300.0, within());
    assertThat(bili.reason())
        .contains(
            "2 of 297 values are not numbers and are read as missing") // NULL, N/A, - are missing
        .contains("synthetic.missingValues")
        .doesNotContain(
            "n.d."); // the schema (and the model file) holds no value, the warning names them
    assertThat(warnings)
        .anySatisfy(
            w ->
                assertThat(w)
                    .contains("WARN")
                    .contains("column 'bili' is numeric: 2 of 297 values")
                    .contains(
                        "They are at t.csv line 42 (letters with a dot), t.csv line 52 (digits with"
                            + " a less-than sign and a dot)")
                    .doesNotContain("n.d.")
                    .doesNotContain("<0.1"));
    ColumnSchema visit = schema.column("visit").orElseThrow();
    assertThat(visit.kind()).isEqualTo(ColumnKind.DATE);
    assertThat(visit.unparsedValues()).isEqualTo(6);
    assertThat(visit.reason())
        .contains("6 of 300 values are not ISO dates")
        .doesNotContain("05/01/2020");
    assertThat(warnings)
        .anySatisfy(
            w ->
                assertThat(w)
                    .contains("column 'visit' is date: 6 of 300 values")
                    .contains("t.csv line 5 (digits with a slash)")
                    .doesNotContain("05/01/2020")
                    .endsWith(", ..."));
    assertThat(schema.column("result").orElseThrow().categories()).containsExactly("+", "++", "-");
    assertThat(schema.column("answer").orElseThrow().categories())
        .containsExactly("no", "unknown", "yes");
    assertThat(schema.missingValues()).isEmpty();

    // The user names "unknown" as missing: it leaves the categories and is recorded for the
    // readers.
    TableSchema named =
        SchemaInference.infer(file, CsvOptions.defaults().withExtraNaTokens(List.of("unknown")));
    assertThat(named.column("answer").orElseThrow().categories()).containsExactly("no", "yes");
    assertThat(named.column("answer").orElseThrow().missingRate()).isEqualTo(0.25);
    assertThat(named.missingValues()).containsExactly("unknown");
  }

  @Test
  void aPlantedUniqueStrayIsNeverPrinted() throws IOException {
    StringBuilder text = new StringBuilder("creatinine,sex\n");
    for (int i = 0; i < 200; i++) {
      String creatinine = i == 137 ? "Smith-Jones 4711" : (60 + i % 40) + "." + i % 10;
      text.append(creatinine).append(',').append(i % 2 == 0 ? "F" : "M").append('\n');
    }
    Path file = csv(text.toString());
    List<String> log = new ArrayList<>();
    TableSchema schema = withWarnings(log, () -> SchemaInference.infer(file, null));
    assertThat(schema.column("creatinine").orElseThrow().unparsedValues()).isEqualTo(1);
    // Read again with the schema, as training does: its warning too gives the line, not the value.
    withWarnings(
        log,
        () -> {
          CsvTableReader.read(file, schema, null);
          return schema;
        });
    List<String> warnings = log.stream().filter(line -> line.contains("WARN")).toList();
    assertThat(warnings)
        .hasSize(2)
        .allSatisfy(
            warning ->
                assertThat(warning)
                    .contains("column 'creatinine'")
                    .contains("t.csv line 139 (letters and digits with a dash and a blank)")
                    .doesNotContain("Smith")
                    .doesNotContain("4711"));
  }

  @Test
  void mostlyTextIsNotANumberColumn() throws IOException {
    StringBuilder text = new StringBuilder("grade\n");
    for (int i = 0; i < 100; i++) {
      text.append(i % 10 == 0 ? "high" : Integer.toString(i % 3))
          .append('\n'); // 10 % text: too many strays
    }
    ColumnSchema grade =
        SchemaInference.infer(csv(text.toString()), null).column("grade").orElseThrow();
    assertThat(grade.kind()).isEqualTo(ColumnKind.CATEGORICAL);
    assertThat(grade.categories()).containsExactly("0", "1", "2", "high");
    assertThat(grade.unparsedValues()).isZero();
  }

  /**
   * Runs inference and collects the lines it logs (slf4j-simple writes to the current System.err).
   */
  private static TableSchema withWarnings(
      List<String> lines, java.util.function.Supplier<TableSchema> inference) {
    java.io.PrintStream original = System.err;
    java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
    System.setErr(new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8));
    try {
      return inference.get();
    } finally {
      System.setErr(original);
      lines.addAll(captured.toString(java.nio.charset.StandardCharsets.UTF_8).lines().toList());
    }
  }
}
