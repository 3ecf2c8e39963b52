package io.github.syntheticpatients.runtime.io.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.syntheticpatients.runtime.ColumnKind;
import io.github.syntheticpatients.runtime.InvalidInputException;
import io.github.syntheticpatients.runtime.data.Table;
import io.github.syntheticpatients.runtime.schema.CodeColumn;
import io.github.syntheticpatients.runtime.schema.CodeSystem;
import io.github.syntheticpatients.runtime.schema.ColumnSchema;
import io.github.syntheticpatients.runtime.schema.TableSchema;
import io.github.syntheticpatients.runtime.schema.ValueProtection;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvTableReaderTest {
  @TempDir Path dir;

  private static final TableSchema SCHEMA =
      TableSchema.of(
          List.of(
              new ColumnSchema("id", ColumnKind.IDENTIFIER, false, 0, List.of(), 0, false),
              new ColumnSchema("age", ColumnKind.NUMERIC, true, 0, List.of(), 1, false),
              new ColumnSchema(
                  "stage", ColumnKind.CATEGORICAL, false, 0, List.of("1", "2", "3"), 0, false),
              new ColumnSchema("sex", ColumnKind.BINARY, false, 0, List.of("f", "m"), 0, false),
              new ColumnSchema("visit", ColumnKind.DATE, true, 0, List.of(), 0, false),
              new ColumnSchema("count", ColumnKind.INTEGER, true, 0, List.of(), 0, false)));

  private Path csv(String name, String content) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, content, StandardCharsets.UTF_8);
    return file;
  }

  private Table read(Path file) {
    return CsvTableReader.read(file, SCHEMA, CsvOptions.defaults());
  }

  private AbstractThrowableAssert<?, ? extends Throwable> assertFails(Path file) {
    return assertThatThrownBy(() -> read(file)).isInstanceOf(InvalidInputException.class);
  }

  @Test
  void readsValuesByTheTableConventions() throws IOException {
    Path file =
        csv(
            "ok.csv",
            "id,age,stage,sex,visit,count\n"
                + "a1,61.5,2,m,2024-02-29,3\n"
                + "a2,NA,3,f,,\n"
                + "a3,40,1,f,1970-01-02,-7\n");
    Table table = read(file);
    assertThat(table.rowCount()).isEqualTo(3);
    assertThat(table.column("id")).containsOnly(Double.NaN);
    assertThat(table.column("age")).containsExactly(61.5, Double.NaN, 40);
    assertThat(table.column("stage")).containsExactly(1, 2, 0);
    assertThat(table.column("sex")).containsExactly(1, 0, 0);
    assertThat(table.column("visit"))
        .containsExactly(LocalDate.of(2024, 2, 29).toEpochDay(), Double.NaN, 1);
    assertThat(table.column("count")).containsExactly(3, Double.NaN, -7);
  }

  @Test
  void matchesColumnsByNameWhateverTheirOrder() throws IOException {
    Path file = csv("reordered.csv", "count,visit,sex,stage,age,id\n5,,m,3,1.5,x\n");
    Table table = read(file);
    assertThat(table.column("stage")).containsExactly(2);
    assertThat(table.column("count")).containsExactly(5);
    assertThat(table.column("age")).containsExactly(1.5);
  }

  @Test
  void detectsSemicolonAndTab() throws IOException {
    Path semicolon = csv("semi.csv", "id;age;stage;sex;visit;count\nx;1,5;1;f;;\n");
    assertThatThrownBy(() -> read(semicolon)).hasMessageContaining("'1,5' is not a number");
    Path semicolonOk = csv("semi2.csv", "id;age;stage;sex;visit;count\n\"x;y\";1.5;1;f;;\n");
    assertThat(read(semicolonOk).column("age")).containsExactly(1.5);
    Path tab = csv("tab.tsv", "id\tage\tstage\tsex\tvisit\tcount\nx\t2.5\t3\tm\t2020-01-01\t1\n");
    assertThat(read(tab).column("age")).containsExactly(2.5);
    try (CsvRowReader reader = CsvRowReader.open(tab, null)) {
      assertThat(reader.delimiter()).isEqualTo('\t');
    }
    // A comma inside a quoted header name does not count.
    Path quotedHeader = csv("q.csv", "\"a,b\";c\n1;2\n");
    try (CsvRowReader reader = CsvRowReader.open(quotedHeader, null)) {
      assertThat(reader.delimiter()).isEqualTo(';');
      assertThat(reader.header()).containsExactly("a,b", "c");
    }
  }

  @Test
  void honoursAGivenDelimiter() throws IOException {
    Path file = csv("pipe.csv", "a|b\n1|2\n");
    try (CsvRowReader reader = CsvRowReader.open(file, CsvOptions.defaults().withDelimiter('|'))) {
      assertThat(reader.header()).containsExactly("a", "b");
      assertThat(reader.next()).isTrue();
      assertThat(reader.field(1)).isEqualTo("2");
    }
  }

  @Test
  void skipsAByteOrderMark() throws IOException {
    Path file = dir.resolve("bom.csv");
    byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    byte[] body = "id,age,stage,sex,visit,count\nx,1,1,f,,\n".getBytes(StandardCharsets.UTF_8);
    byte[] all = new byte[bom.length + body.length];
    System.arraycopy(bom, 0, all, 0, bom.length);
    System.arraycopy(body, 0, all, bom.length, body.length);
    Files.write(file, all);
    assertThat(read(file).column("age")).containsExactly(1);
  }

  @Test
  void naTokensAreConfigurable() throws IOException {
    Path file = csv("na.csv", "id,age,stage,sex,visit,count\nx,?,1,f,null,NaN\ny,n.d.,2,m,,\n");
    assertThatThrownBy(() -> read(file))
        .hasMessageContaining("line 3, column 'age'")
        .hasMessageContaining("'n.d.' is not a number");
    Table table =
        CsvTableReader.read(
            file,
            SCHEMA,
            CsvOptions.defaults().withNaTokens(List.of("", "?", "null", "NaN", "n.d.")));
    assertThat(table.column("age")).containsOnly(Double.NaN);
    assertThat(table.column("visit")).containsOnly(Double.NaN);
  }

  @Test
  void quotedFieldsMayHoldDelimitersQuotesAndLineBreaks() throws IOException {
    TableSchema schema =
        TableSchema.of(
            List.of(
                new ColumnSchema(
                    "note",
                    ColumnKind.CATEGORICAL,
                    false,
                    0,
                    List.of("a,b", "say \"hi\"", "x\ny"),
                    0,
                    false),
                new ColumnSchema("n", ColumnKind.INTEGER, false, 0, List.of(), 0, false)));
    Path file =
        csv("quoted.csv", "note,n\n\"a,b\",1\n\"say \"\"hi\"\"\",2\n\"x\ny\",3\n\"a,b\",oops\n");
    assertThatThrownBy(() -> CsvTableReader.read(file, schema, null))
        .isInstanceOf(InvalidInputException.class)
        // The multi-line field occupies lines 4-5, so the bad row starts on line 6.
        .hasMessage(
            file
                + ", line 6, column 'n': 'oops' is not a number but the schema says the column is"
                + " integer; correct the value, add it to the missing-value tokens if it means missing, or change"
                + " the column's \"kind\" (e.g. to \"categorical\") or set \"drop\": true in the schema file");
    Files.writeString(file, "note,n\n\"a,b\",1\n\"say \"\"hi\"\"\",2\n\"x\ny\",3\n");
    Table table = CsvTableReader.read(file, schema, null);
    assertThat(table.column("note")).containsExactly(0, 1, 2);
  }

  @Test
  void emptyFile() throws IOException {
    Path file = csv("empty.csv", "");
    assertFails(file)
        .hasMessage(
            file
                + ": the file is empty; a CSV needs a header line with the column names,"
                + " then data rows");
  }

  @Test
  void headerOnly() throws IOException {
    Path file = csv("header.csv", "id,age,stage,sex,visit,count\n");
    assertFails(file)
        .hasMessage(
            file
                + ": the file has a header but no data rows; add at least one row below the"
                + " header");
  }

  @Test
  void duplicateColumnNames() throws IOException {
    Path file = csv("dup.csv", "id,age,stage,age\n1,2,3,4\n");
    assertFails(file)
        .hasMessage(
            file
                + ", line 1, column 'age': the header names column 'age' twice (fields 2 and 4); rename"
                + " one of them so every column name is unique")
        .extracting(e -> ((InvalidInputException) e).line())
        .isEqualTo(1L);
  }

  @Test
  void raggedRow() throws IOException {
    Path file = csv("ragged.csv", "id,age,stage,sex,visit,count\nx,1,1,f,,\n\ny,2,2,m,\n");
    assertFails(file)
        .hasMessageStartingWith(
            file
                + ", line 4: the row has 5 fields but the header has 6; check for a missing"
                + " field");
  }

  @Test
  void nonNumericValue() throws IOException {
    Path file = csv("nan.csv", "id,age,stage,sex,visit,count\nx,1,1,f,,\ny,old,2,m,,\n");
    assertFails(file)
        .hasMessageStartingWith(
            file
                + ", line 3, column 'age': 'old' is not a number but the schema says the"
                + " column is numeric")
        .satisfies(
            e -> {
              InvalidInputException error = (InvalidInputException) e;
              assertThat(error.file()).isEqualTo(file.toString());
              assertThat(error.line()).isEqualTo(3);
              assertThat(error.column()).isEqualTo("age");
            });
  }

  @Test
  void fractionInAnIntegerColumn() throws IOException {
    Path file = csv("frac.csv", "id,age,stage,sex,visit,count\nx,1,1,f,,2.5\n");
    assertFails(file)
        .hasMessageStartingWith(
            file
                + ", line 2, column 'count': '2.5' is not a whole number but the schema says"
                + " the column is integer; change its \"kind\" to \"numeric\"");
  }

  @Test
  void unparseableDate() throws IOException {
    Path file = csv("date.csv", "id,age,stage,sex,visit,count\nx,1,1,f,2024-02-30,\n");
    assertFails(file)
        .hasMessageStartingWith(
            file + ", line 2, column 'visit': '2024-02-30' is not an ISO date (yyyy-MM-dd");
  }

  @Test
  void dateTimesAreEpochSecondsUtc() throws IOException {
    TableSchema schema =
        TableSchema.of(
            List.of(new ColumnSchema("t", ColumnKind.DATETIME, false, 0, List.of(), 0, false)));
    Path file =
        csv(
            "dt.csv",
            "t\n2024-02-29T13:45:00\n2024-02-29 13:45\n2024-02-29T14:45:00+01:00\n2024-02-29\n");
    long expected = LocalDateTime.of(2024, 2, 29, 13, 45).toEpochSecond(ZoneOffset.UTC);
    assertThat(CsvTableReader.read(file, schema, null).column("t"))
        .containsExactly(
            expected, expected, expected, LocalDate.of(2024, 2, 29).toEpochDay() * 86_400d);
    Files.writeString(file, "t\n2024-02-29T25:00\n");
    assertThatThrownBy(() -> CsvTableReader.read(file, schema, null))
        .hasMessageStartingWith(
            file + ", line 2, column 't': '2024-02-29T25:00' is not an ISO date-time");
  }

  @Test
  void valueOutsideTheCategories() throws IOException {
    Path file = csv("cat.csv", "id,age,stage,sex,visit,count\nx,1,1,f,,\nx,1,4,f,,\n");
    assertFails(file)
        .hasMessage(
            file
                + ", line 3, column 'stage': '4' is not one of the column's categories [1, 2, 3]; add it"
                + " to the column's \"categories\" in the schema file, or regenerate the schema with 'mvn"
                + " synthetic:schema' or edit the schema file");
  }

  @Test
  void numericCodesMatchWhenWrittenDifferently() throws IOException {
    Path file = csv("codes.csv", "id,age,stage,sex,visit,count\nx,1,2.0,f,,\n");
    assertThat(read(file).column("stage")).containsExactly(1);
  }

  @Test
  void missingValueInANonNullableColumn() throws IOException {
    Path file = csv("nonnull.csv", "id,age,stage,sex,visit,count\nx,1,1,f,,\nx,1,NA,f,,\n");
    assertFails(file)
        .hasMessage(
            file
                + ", line 3, column 'stage': missing value ('NA') but the schema says the column is never"
                + " missing; mark it \"nullable\": true in the schema file, or fill in the value");
  }

  @Test
  void missingIdentifierValuesAreNotChecked() throws IOException {
    Path file = csv("noid.csv", "id,age,stage,sex,visit,count\n,1,1,f,,\n");
    assertThat(read(file).rowCount()).isEqualTo(1);
  }

  @Test
  void headerThatDoesNotMatchTheSchema() throws IOException {
    Path file = csv("mismatch.csv", "id,age,stage,gender,visit,count,extra\nx,1,1,f,,,\n");
    assertFails(file)
        .hasMessage(
            file
                + ", line 1: the header does not match the schema: the schema's columns [sex] are not in"
                + " the file; the file's columns [gender, extra] are not in the schema; regenerate the schema with"
                + " 'mvn synthetic:schema' or edit the schema file (a column can be kept out of learning with"
                + " \"drop\": true)");
  }

  @Test
  void droppedColumnsMayBeAbsentButOthersMayNot() throws IOException {
    TableSchema schema =
        TableSchema.of(
            List.of(
                new ColumnSchema("note", ColumnKind.IDENTIFIER, false, 0, List.of(), 0, true),
                new ColumnSchema("n", ColumnKind.INTEGER, false, 0, List.of(), 0, false)));
    Path file = csv("output.csv", "n\n1\n2\n");
    Table table = CsvTableReader.read(file, schema);
    assertThat(table.column("n")).containsExactly(1, 2);
    assertThat(table.column("note")).containsExactly(Double.NaN, Double.NaN);
  }

  @Test
  void unclosedQuote() throws IOException {
    Path file = csv("quote.csv", "id,age,stage,sex,visit,count\nx,1,1,f,,\n\"y,1,1,f,,\n");
    assertFails(file).hasMessageStartingWith(file + ", line 3: malformed CSV (");
  }

  @Test
  void notUtf8() throws IOException {
    Path file = dir.resolve("latin1.csv");
    Files.write(
        file,
        "id,age,stage,sex,visit,count\nJos\u00e9,1,1,f,,\n".getBytes(StandardCharsets.ISO_8859_1));
    assertFails(file).hasMessageContaining("the file is not valid UTF-8; save it as UTF-8");
  }

  @Test
  void missingFile() {
    Path file = dir.resolve("absent.csv");
    assertFails(file).hasMessage(file + ": the file does not exist; check the path");
  }

  @Test
  void blankLineInAOneColumnFileIsAMissingValue() throws IOException {
    TableSchema schema =
        TableSchema.of(
            List.of(new ColumnSchema("x", ColumnKind.NUMERIC, true, 0, List.of(), 2, false)));
    Path file = csv("one.csv", "x\r\n1.5\r\n\r\n2\r\n");
    assertThat(CsvTableReader.read(file, schema, null).column("x"))
        .containsExactly(1.5, Double.NaN, 2);
  }

  /** The schema inference gives for stray values and rare categories: tolerant and bucketed. */
  private static final TableSchema PROTECTED =
      new TableSchema(
          List.of(
              new ColumnSchema(
                  "bili",
                  ColumnKind.NUMERIC,
                  true,
                  0,
                  List.of(),
                  1,
                  false,
                  false,
                  null,
                  0,
                  2,
                  null),
              new ColumnSchema(
                  "visit", ColumnKind.DATE, true, 0, List.of(), 0, false, false, null, 0, 6, null),
              new ColumnSchema(
                  "diagnosis",
                  ColumnKind.CATEGORICAL,
                  true,
                  0,
                  List.of("PBC", "PSC", ValueProtection.RARE_CATEGORY),
                  0,
                  false,
                  false,
                  null,
                  1,
                  0,
                  null),
              new ColumnSchema("hb", ColumnKind.NUMERIC, false, 0, List.of(), 1, false)),
          null,
          null,
          null,
          List.of("unknown"));

  @Test
  void rareValuesAreReadIntoTheBucketAndStraysAsMissing() throws IOException {
    Path file =
        csv(
            "protected.csv",
            "bili,visit,diagnosis,hb\n"
                + "1.5,2020-01-05,PBC,12\n"
                + "n.d.,05/01/2020,Wilson disease,-\n" // stray number, stray date, rare value; "-"
                // is missing
                + "-,2020-02-01,PSC,.\n"
                + ".,2020-02-02,unknown,13\n");
    // hb is never missing: its placeholder "-" fails as a missing value would.
    assertThatThrownBy(() -> CsvTableReader.read(file, PROTECTED, null))
        .hasMessageContaining("line 3, column 'hb'")
        .hasMessageContaining("missing value ('-')");
    TableSchema hbNullable =
        PROTECTED.withColumns(
            PROTECTED.columns().stream()
                .map(
                    c ->
                        c.name().equals("hb")
                            ? new ColumnSchema(
                                "hb", ColumnKind.NUMERIC, true, 0, List.of(), 1, false)
                            : c)
                .toList());
    Table table = CsvTableReader.read(file, hbNullable, null);
    assertThat(table.column("bili")).containsExactly(1.5, Double.NaN, Double.NaN, Double.NaN);
    assertThat(table.column("visit"))
        .containsExactly(
            LocalDate.of(2020, 1, 5).toEpochDay(),
            Double.NaN,
            LocalDate.of(2020, 2, 1).toEpochDay(),
            LocalDate.of(2020, 2, 2).toEpochDay());
    // Wilson disease is read as _RARE_ (index 2); "unknown" is missing by the schema's
    // missingValues.
    assertThat(table.column("diagnosis")).containsExactly(0, 2, 1, Double.NaN);
    assertThat(table.column("hb")).containsExactly(12, Double.NaN, Double.NaN, 13);
  }

  @Test
  void strayValuesAreErrorsUnlessTheSchemaCountsThem() throws IOException {
    Path file = csv("stray.csv", "id,age,stage,sex,visit,count\nx,n.d.,1,f,,\n");
    assertFails(file).hasMessageContaining("'n.d.' is not a number");
    Path rare = csv("rare.csv", "id,age,stage,sex,visit,count\nx,1,4,f,,\n");
    assertFails(rare).hasMessageContaining("'4' is not one of the column's categories [1, 2, 3]");
  }

  private static ColumnSchema categorical(String name, List<String> categories, CodeColumn codes) {
    return new ColumnSchema(name, ColumnKind.CATEGORICAL, false, 0, categories, 0, false)
        .withCodes(codes);
  }

  @Test
  void onlyACodeColumnReadsAnUnseenValueAsItsAncestor() throws IOException {
    List<String> categories = List.of("100", "250", ValueProtection.RARE_CATEGORY);
    TableSchema schema =
        TableSchema.of(
            List.of(
                categorical("dose", categories, null),
                categorical("diag", categories, CodeColumn.of(CodeSystem.ICD9)),
                categorical("ward", categories, CodeColumn.of(CodeSystem.GENERIC))));
    Path file = csv("codes.csv", "dose,diag,ward\n100.5,250.83,250.83\n250,100.5,250\n");
    Table table = CsvTableReader.read(file, schema);
    int rare = categories.indexOf(ValueProtection.RARE_CATEGORY);
    // A dose of 100.5 is no subcode of the category 100: it is an unseen value, so _RARE_.
    assertThat(table.column("dose")).containsExactly(rare, 1);
    // In an ICD-9 column 250.83 is read as 250 and 100.5 as 100.
    assertThat(table.column("diag")).containsExactly(1, 0);
    // Generic codes have no ancestors.
    assertThat(table.column("ward")).containsExactly(rare, 1);

    TableSchema noBucket =
        TableSchema.of(List.of(categorical("dose", List.of("100", "250"), null)));
    Path unseen = csv("dose.csv", "dose\n100.5\n");
    assertThatThrownBy(() -> CsvTableReader.read(unseen, noBucket))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("'100.5' is not one of the column's categories");
  }
}
