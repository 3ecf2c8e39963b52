package io.github.syntheticpatients.runtime.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.syntheticpatients.runtime.PatientRecord;
import io.github.syntheticpatients.runtime.TestData;
import io.github.syntheticpatients.runtime.data.Table;
import io.github.syntheticpatients.runtime.data.ValueFormat;
import io.github.syntheticpatients.runtime.io.csv.CsvOptions;
import io.github.syntheticpatients.runtime.io.csv.CsvRecordWriter;
import io.github.syntheticpatients.runtime.io.csv.CsvTableReader;
import io.github.syntheticpatients.runtime.io.json.JsonFiles;
import io.github.syntheticpatients.runtime.io.json.JsonlRecordWriter;
import io.github.syntheticpatients.runtime.sampling.Schemas;
import io.github.syntheticpatients.runtime.schema.TableSchema;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RecordWritersTest {
  @TempDir Path dir;

  private static PatientRecord record(Object... keysAndValues) {
    Map<String, Object> values = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      values.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return new PatientRecord(values);
  }

  private static final List<String> COLUMNS = List.of("id", "note", "bili", "n", "visit", "at");
  private static final List<PatientRecord> RECORDS =
      List.of(
          record(
              "id",
              "p1",
              "note",
              "a, \"quoted\"",
              "bili",
              1.50,
              "n",
              3L,
              "visit",
              LocalDate.of(2024, 2, 29),
              "at",
              LocalDateTime.of(2024, 2, 29, 13, 45)),
          record(
              "at",
              null,
              "visit",
              null,
              "n",
              null,
              "bili",
              null,
              "note",
              "line\nbreak",
              "id",
              "p2"));

  @Test
  void csvIsDeterministicAndQuotesOnlyWhenNeeded() throws IOException {
    Path out = dir.resolve("out/records.csv");
    CsvRecordWriter.write(out, COLUMNS, RECORDS);
    assertThat(Files.readString(out))
        .isEqualTo(
            "id,note,bili,n,visit,at\n"
                + "p1,\"a, \"\"quoted\"\"\",1.5,3,2024-02-29,2024-02-29T13:45:00\n"
                + "p2,\"line\nbreak\",,,,\n");
    byte[] first = Files.readAllBytes(out);
    CsvRecordWriter.write(out, COLUMNS, RECORDS);
    assertThat(Files.readAllBytes(out)).isEqualTo(first);
    assertThat(Files.list(out.getParent())).containsExactly(out); // no temp file left behind
  }

  @Test
  void jsonLinesKeepColumnOrderAndTypes() throws IOException {
    Path out = dir.resolve("records.jsonl");
    JsonlRecordWriter.write(out, COLUMNS, RECORDS);
    assertThat(Files.readString(out, StandardCharsets.UTF_8))
        .isEqualTo(
            "{\"id\":\"p1\",\"note\":\"a, \\\"quoted\\\"\",\"bili\":1.5,\"n\":3,\"visit\":\"2024-02-29\","
                + "\"at\":\"2024-02-29T13:45:00\"}\n"
                + "{\"id\":\"p2\",\"note\":\"line\\nbreak\",\"bili\":null,\"n\":null,\"visit\":null,\"at\":null}\n");
    Map<String, Object> firstLine =
        JsonFiles.read(Files.readAllLines(out).get(0).getBytes(StandardCharsets.UTF_8), "line 1");
    assertThat(firstLine).containsEntry("bili", 1.5).containsEntry("n", 3);
  }

  @Test
  void aFailedWriteLeavesTheOldFileAlone() throws IOException {
    Path out = dir.resolve("keep.csv");
    Files.writeString(out, "old\n");
    List<PatientRecord> bad = List.of(record("id", "x"));
    assertThatThrownBy(() -> CsvRecordWriter.write(out, COLUMNS, bad))
        .isInstanceOf(NoSuchElementException.class);
    assertThatThrownBy(() -> JsonlRecordWriter.write(out, COLUMNS, bad))
        .isInstanceOf(NoSuchElementException.class);
    assertThat(Files.readString(out)).isEqualTo("old\n");
    assertThat(Files.list(dir)).containsExactly(out);
  }

  /**
   * Real data → table → records → CSV → table → records gives the same records, and then the same
   * bytes.
   */
  @ParameterizedTest
  @ValueSource(strings = {"pbc", "cgd", "flchain"})
  void roundTripThroughCsv(String dataset) {
    TableSchema schema = TableSchema.of(Schemas.infer(TestData.path(dataset + ".csv")));
    Table original =
        CsvTableReader.read(TestData.path(dataset + ".csv"), schema, CsvOptions.defaults());
    List<PatientRecord> records = ValueFormat.toRecords(original);
    List<String> columns = schema.outputColumns().stream().map(c -> c.name()).toList();
    Path first = dir.resolve(dataset + "-1.csv");
    CsvRecordWriter.write(first, columns, records);

    Table reread = CsvTableReader.read(first, schema, CsvOptions.defaults());
    assertThat(reread.rowCount()).isEqualTo(original.rowCount());
    List<PatientRecord> again = ValueFormat.toRecords(reread);
    assertThat(again).isEqualTo(records);
    for (int c = 0; c < schema.columns().size(); c++) {
      if (schema.columns().get(c).kind().isDiscrete()) {
        assertThat(reread.column(c)).containsExactly(original.column(c));
      }
    }
    Path second = dir.resolve(dataset + "-2.csv");
    CsvRecordWriter.write(second, columns, again);
    assertThat(second).hasSameBinaryContentAs(first);
  }
}
