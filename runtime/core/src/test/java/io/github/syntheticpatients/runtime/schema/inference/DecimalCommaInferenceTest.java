package io.github.syntheticpatients.runtime.schema.inference;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.syntheticpatients.runtime.ColumnKind;
import io.github.syntheticpatients.runtime.InvalidInputException;
import io.github.syntheticpatients.runtime.TestData;
import io.github.syntheticpatients.runtime.data.Table;
import io.github.syntheticpatients.runtime.io.csv.CsvOptions;
import io.github.syntheticpatients.runtime.io.csv.CsvRowReader;
import io.github.syntheticpatients.runtime.io.csv.CsvTableReader;
import io.github.syntheticpatients.runtime.io.csv.CsvValues;
import io.github.syntheticpatients.runtime.io.json.JsonFiles;
import io.github.syntheticpatients.runtime.io.json.SchemaJson;
import io.github.syntheticpatients.runtime.schema.TableSchema;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Semicolon files whose numbers use a decimal comma (issue 23). */
class DecimalCommaInferenceTest {
  private static final int ROWS = 60;

  @TempDir Path dir;

  /**
   * Row i of a small cohort: age with one decimal, platelets written with two decimals, a dose
   * grouped in thousands, sex and a visit date; {@code european} writes it as a European
   * spreadsheet exports it.
   */
  private static String row(int i, boolean european) {
    String age = (30 + (i * 7) % 50) + "." + (i % 10);
    String platelets = (150_000 + (i * 7919) % 250_000) + ".00";
    String dose = (1 + i % 3) + String.format(Locale.ROOT, "%03d", (i * 37) % 1000) + "." + i % 10;
    String sex = i % 3 == 0 ? "F" : "M";
    String visit = String.format(Locale.ROOT, "2024-%02d-%02d", 1 + i % 12, 1 + i % 28);
    if (!european) {
      return String.join(",", age, platelets, dose, sex, visit);
    }
    String groupedDose = dose.charAt(0) + "." + dose.substring(1).replace('.', ',');
    return String.join(
        ";", age.replace('.', ','), platelets.replace('.', ','), groupedDose, sex, visit);
  }

  private Path table(String name, boolean european) throws IOException {
    StringBuilder text =
        new StringBuilder(
            european ? "age;platelets;dose;sex;visit\n" : "age,platelets,dose,sex,visit\n");
    for (int i = 0; i < ROWS; i++) {
      text.append(row(i, european)).append('\n');
    }
    return Files.writeString(dir.resolve(name), text);
  }

  @Test
  void aEuropeanFileIsReadAsNumbers() throws IOException {
    Path file = table("european.csv", true);
    List<String> log = new ArrayList<>();
    TableSchema schema = logged(log, () -> SchemaInference.infer(file, CsvOptions.defaults()));

    assertThat(schema.decimalSeparator()).isEqualTo(',');
    assertThat(schema.column("age").orElseThrow().kind()).isEqualTo(ColumnKind.NUMERIC);
    assertThat(schema.column("age").orElseThrow().decimals()).isEqualTo(1);
    assertThat(schema.column("platelets").orElseThrow().kind()).isEqualTo(ColumnKind.INTEGER);
    assertThat(schema.column("dose").orElseThrow().kind()).isEqualTo(ColumnKind.NUMERIC);
    assertThat(schema.column("sex").orElseThrow().kind()).isEqualTo(ColumnKind.BINARY);
    assertThat(schema.column("visit").orElseThrow().kind()).isEqualTo(ColumnKind.DATE);
    assertThat(log)
        .anySatisfy(
            line ->
                assertThat(line)
                    .contains("INFO")
                    .contains("[age, platelets, dose] write numbers with a decimal comma"));
    // The same table written with decimal points and commas gives the same columns.
    TableSchema ordinary = SchemaInference.infer(table("ordinary.csv", false), null);
    assertThat(ordinary.decimalSeparator()).isEqualTo('.');
    assertThat(schema.columns()).isEqualTo(ordinary.columns());

    // The schema file keeps the choice, and reading with it gives the numbers as written.
    Path schemaFile = dir.resolve("schema.json");
    SchemaJson.write(schema, schemaFile);
    assertThat(Files.readString(schemaFile)).contains("\"decimalSeparator\": \",\"");
    TableSchema reread = SchemaJson.read(schemaFile);
    assertThat(reread.decimalSeparator()).isEqualTo(',');
    Table data = CsvTableReader.read(file, reread, CsvOptions.defaults());
    assertThat(data.column("age")[1]).isEqualTo(37.1); // 37,1
    assertThat(data.column("platelets")[1]).isEqualTo(157_919); // 157919,00
    assertThat(data.column("dose")[1]).isEqualTo(2_037.1); // 2.037,1
    // A model file embeds the schema as a tree.
    assertThat(SchemaJson.fromMap(JsonFiles.read(schemaFile), "model").decimalSeparator())
        .isEqualTo(',');
  }

  @Test
  void mixedSeparatorsAreRefusedNamingTheColumns() throws IOException {
    StringBuilder text = new StringBuilder("age;bmi;sex\n");
    for (int i = 0; i < ROWS; i++) {
      text.append(30 + i % 40)
          .append(',')
          .append(i % 10)
          .append(';')
          .append(20 + i % 15)
          .append('.')
          .append(i % 10)
          .append(';')
          .append(i % 2 == 0 ? "F" : "M")
          .append('\n');
    }
    Path file = Files.writeString(dir.resolve("mixed.csv"), text);

    assertThatThrownBy(() -> SchemaInference.infer(file, null))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("[age] write numbers with a decimal comma")
        .hasMessageContaining("[bmi] write them with a decimal point")
        .hasMessageContaining("synthetic.decimalSeparator");
    // The user's choice settles it: with a point, age is text and bmi numbers.
    TableSchema points =
        SchemaInference.infer(file, CsvOptions.defaults().withDecimalSeparator('.'));
    assertThat(points.decimalSeparator()).isEqualTo('.');
    assertThat(points.column("bmi").orElseThrow().kind()).isEqualTo(ColumnKind.NUMERIC);
    assertThat(points.column("age").orElseThrow().kind().isContinuous()).isFalse();
  }

  @Test
  void aDotBeforeThreeDigitsBesideADecimalCommaIsAmbiguous() throws IOException {
    StringBuilder text = new StringBuilder("age;platelets\n");
    for (int i = 0; i < ROWS; i++) {
      text.append(30 + i % 40).append(",5;").append(150 + (i * 7) % 90).append('.').append("000\n");
    }
    Path file = Files.writeString(dir.resolve("grouped.csv"), text);

    assertThatThrownBy(() -> SchemaInference.infer(file, null))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("[platelets] write a dot before three digits");
    // Told that the comma is the decimal separator, the dot groups thousands.
    TableSchema comma =
        SchemaInference.infer(file, CsvOptions.defaults().withDecimalSeparator(','));
    Table data = CsvTableReader.read(file, comma, null);
    assertThat(data.column("platelets")[0]).isEqualTo(150_000);
    assertThat(data.column("age")[0]).isEqualTo(30.5);
  }

  @Test
  void anOrdinaryCommaFileIsUnchanged() throws IOException {
    // Quoted decimal commas in a comma-separated file stay text: the delimiter rules it out.
    StringBuilder text = new StringBuilder("score,grade\n");
    for (int i = 0; i < ROWS; i++) {
      text.append('"').append(i % 7).append(",5\",").append(i % 4).append('\n');
    }
    TableSchema schema = SchemaInference.infer(Files.writeString(dir.resolve("c.csv"), text), null);
    assertThat(schema.decimalSeparator()).isEqualTo('.');
    assertThat(schema.column("score").orElseThrow().kind()).isEqualTo(ColumnKind.CATEGORICAL);
    assertThat(schema.column("score").orElseThrow().categories()).contains("0,5");
  }

  /**
   * Each shared table, rewritten with semicolons and decimal commas, gives the schema of the table
   * as it is (which the dictionary tests pin), the decimal separator aside.
   */
  @ParameterizedTest
  @ValueSource(
      strings = {"pbc", "pima2", "flchain", "nafld1", "cgd", "pbcseq", "colon", "rotterdam"})
  void eachSharedTableReadsAlikeWrittenTheEuropeanWay(String dataset) throws IOException {
    Path original = TestData.path(dataset + ".csv");
    TableSchema asIs = SchemaInference.infer(original, null);
    assertThat(asIs.decimalSeparator()).isEqualTo('.');

    Path european = dir.resolve(dataset + ".csv");
    boolean anyDecimal = europeanCopy(original, european);
    TableSchema rewritten = SchemaInference.infer(european, null);
    assertThat(rewritten.decimalSeparator()).isEqualTo(anyDecimal ? ',' : '.');
    assertThat(new String(SchemaJson.toBytes(rewritten.withDecimalSeparator('.')), UTF_8))
        .isEqualTo(new String(SchemaJson.toBytes(asIs), UTF_8));
  }

  /** Writes the file with semicolons and decimal commas; whether any number had decimals. */
  private static boolean europeanCopy(Path from, Path to) throws IOException {
    boolean anyDecimal = false;
    StringBuilder text = new StringBuilder();
    try (CsvRowReader reader = CsvRowReader.open(from, null)) {
      text.append(String.join(";", reader.header())).append('\n');
      while (reader.next()) {
        List<String> fields = new ArrayList<>();
        for (int c = 0; c < reader.header().size(); c++) {
          String value = reader.rawField(c);
          if (CsvValues.isNumber(value) && value.indexOf('.') >= 0) {
            value = value.replace('.', ',');
            anyDecimal = true;
          }
          fields.add(value.indexOf(';') >= 0 ? '"' + value.replace("\"", "\"\"") + '"' : value);
        }
        text.append(String.join(";", fields)).append('\n');
      }
    }
    Files.writeString(to, text);
    return anyDecimal;
  }

  /**
   * Runs inference and collects the lines it logs (slf4j-simple writes to the current System.err).
   */
  private static TableSchema logged(List<String> lines, Supplier<TableSchema> inference) {
    PrintStream original = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      return inference.get();
    } finally {
      System.setErr(original);
      lines.addAll(captured.toString(StandardCharsets.UTF_8).lines().toList());
    }
  }
}
