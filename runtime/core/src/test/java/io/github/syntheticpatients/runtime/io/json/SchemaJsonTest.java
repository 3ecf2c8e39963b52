package io.github.syntheticpatients.runtime.io.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.syntheticpatients.runtime.ColumnKind;
import io.github.syntheticpatients.runtime.InvalidInputException;
import io.github.syntheticpatients.runtime.TestData;
import io.github.syntheticpatients.runtime.sampling.Schemas;
import io.github.syntheticpatients.runtime.schema.CodeColumn;
import io.github.syntheticpatients.runtime.schema.CodeSystem;
import io.github.syntheticpatients.runtime.schema.ColumnSchema;
import io.github.syntheticpatients.runtime.schema.TableSchema;
import io.github.syntheticpatients.runtime.schema.ValueProtection;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchemaJsonTest {
  @TempDir Path dir;

  @Test
  void roundTripsAnInferredSchemaByteForByte() {
    TableSchema inferred =
        TableSchema.of(Schemas.infer(TestData.path("pbc.csv"))).withTarget("status");
    Path file = dir.resolve("pbc.schema.json");
    Schemas.write(inferred, file);
    TableSchema read = TableSchema.of(Schemas.read(file));
    assertThat(read).isEqualTo(inferred);
    assertThat(SchemaJson.toBytes(read)).isEqualTo(SchemaJson.toBytes(inferred));
    assertThat(new String(SchemaJson.toBytes(inferred), StandardCharsets.UTF_8))
        .startsWith(
            "{\n  \"formatVersion\": 1,\n  \"target\": \"status\",\n  \"entityId\": null,\n  \"time\": null,\n"
                + "  \"columns\": [\n    {\n      \"name\": \"id\",\n      \"kind\": \"identifier\",\n")
        .endsWith("}\n")
        .doesNotContain("\r");
  }

  @Test
  void readsAHandWrittenMinimalSchema() throws IOException {
    Path file =
        write(
            "{\"formatVersion\": 1, \"target\": \"status\", \"entityId\": \"id\", \"time\": \"day\", \"columns\": ["
                + "{\"name\": \"id\", \"kind\": \"identifier\"},"
                + "{\"name\": \"day\", \"kind\": \"INTEGER\", \"nullable\": true},"
                + "{\"name\": \"bili\", \"kind\": \"numeric\"},"
                + "{\"name\": \"note\", \"kind\": \"categorical\", \"categories\": [\"a\"], \"drop\": true},"
                + "{\"name\": \"status\", \"kind\": \"Binary\", \"categories\": [\"0\", \"1\"]}]}");
    TableSchema schema = SchemaJson.read(file);
    assertThat(schema.target()).isEqualTo("status");
    assertThat(schema.entityId()).isEqualTo("id");
    assertThat(schema.time()).isEqualTo("day");
    assertThat(schema.columns())
        .containsExactly(
            new ColumnSchema("id", ColumnKind.IDENTIFIER, false, 0, List.of(), 0, false),
            new ColumnSchema("day", ColumnKind.INTEGER, true, 0, List.of(), 0, false),
            new ColumnSchema(
                "bili",
                ColumnKind.NUMERIC,
                false,
                0,
                List.of(),
                SchemaJson.DEFAULT_NUMERIC_DECIMALS,
                false),
            new ColumnSchema("note", ColumnKind.CATEGORICAL, false, 0, List.of("a"), 0, true),
            new ColumnSchema("status", ColumnKind.BINARY, false, 0, List.of("0", "1"), 0, false));
  }

  private Path write(String json) throws IOException {
    Path file = dir.resolve("schema.json");
    Files.writeString(file, json);
    return file;
  }

  private static final String HEAD =
      "{\n  \"formatVersion\": 1,\n  \"target\": null,\n  \"columns\": [\n";

  @Test
  void unknownKindListsTheValidOnes() throws IOException {
    Path file =
        write(
            HEAD
                + "    {\"name\": \"a\", \"kind\": \"numeric\"},\n    {\"name\": \"b\",\n     \"kind\": \"numbr\"}\n  ]\n}\n");
    assertThatThrownBy(() -> SchemaJson.read(file))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(
            file
                + ", line 7, column 'b': at character 6: unknown kind \"numbr\"; use one of numeric,"
                + " integer, binary, categorical, date, datetime, identifier");
  }

  @Test
  void aDecimalSeparatorOtherThanPointOrCommaIsRefusedWhereItStands() throws IOException {
    Path file =
        write(
            "{\"formatVersion\": 1,\n \"columns\": [{\"name\": \"a\", \"kind\": \"numeric\"}],\n"
                + " \"decimalSeparator\": \";\"}\n");
    assertThatThrownBy(() -> SchemaJson.read(file))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith(file + ", line 3: at character ")
        .hasMessageContaining("set \"decimalSeparator\" to \".\" (61.5) or \",\" (61,5)");
  }

  @Test
  void unknownProperty() throws IOException {
    Path file =
        write(
            HEAD
                + "    {\"name\": \"a\", \"kind\": \"numeric\",\n     \"dropped\": true}\n  ]\n}\n");
    assertThatThrownBy(() -> SchemaJson.read(file))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith(file + ", line 6: at character ")
        .hasMessageContaining(
            "unknown property \"dropped\"; the known properties are [ancestorCodes, categories,"
                + " codes, decimals, drop, generalisedCodes, kind, missingRate, name, nullable,"
                + " protectedValues, reason, shape, static, unparsedValues, vocabulary]");
    Path top = write("{\"formatVersion\": 1,\n \"targets\": \"x\", \"columns\": []}");
    assertThatThrownBy(() -> SchemaJson.read(top))
        .hasMessageStartingWith(top + ", line 2: at character ")
        .hasMessageContaining(
            "unknown property \"targets\"; the known properties are [columns, decimalSeparator,"
                + " endTime, entityId, formatVersion, intervalEnd, missingValues, target, time,"
                + " visitCounter, visitCounterStart]");
  }

  @Test
  void targetNamingAMissingColumn() throws IOException {
    Path file =
        write(
            "{\n  \"formatVersion\": 1,\n  \"columns\": [{\"name\": \"a\", \"kind\": \"numeric\"}],\n"
                + "  \"target\": \"outcome\"\n}\n");
    assertThatThrownBy(() -> SchemaJson.read(file))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(
            file
                + ", line 4: at character 3: \"target\" names column 'outcome', which is not in"
                + " \"columns\"; use one of the column names or null");
  }

  @Test
  void categoricalWithoutCategories() throws IOException {
    Path file =
        write(
            HEAD
                + "    {\"name\": \"a\", \"kind\": \"numeric\"},\n    {\"name\": \"stage\",\n"
                + "     \"kind\": \"categorical\"}\n  ]\n}\n");
    assertThatThrownBy(() -> SchemaJson.read(file))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(
            file
                + ", line 6, column 'stage': at character 5: a categorical column needs its"
                + " \"categories\", e.g. [\"0\", \"1\", \"2\"]; list them as written in the CSV, or regenerate the"
                + " schema with 'mvn synthetic:schema'");
  }

  @Test
  void binaryWithThreeCategories() throws IOException {
    Path file =
        write(
            HEAD
                + "    {\"name\": \"s\", \"kind\": \"binary\",\n     \"categories\": [\"a\", \"b\", \"c\"]}\n"
                + "  ]\n}\n");
    assertThatThrownBy(() -> SchemaJson.read(file))
        .hasMessage(
            file
                + ", line 6, column 's': at character 6: a binary column has exactly 2 categories but 3"
                + " are listed [a, b, c]; set \"kind\": \"categorical\"");
  }

  @Test
  void otherMistakes() throws IOException {
    Path syntax = write(HEAD + "    {\"name\": \"a\" \"kind\": \"numeric\"}\n  ]\n}\n");
    assertThatThrownBy(() -> SchemaJson.read(syntax))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith(syntax + ", line 5: at character ")
        .hasMessageContaining("invalid JSON");
    Path duplicate =
        write(
            HEAD
                + "    {\"name\": \"a\", \"kind\": \"numeric\"},\n    {\"name\": \"a\", \"kind\": \"integer\"}\n"
                + "  ]\n}\n");
    assertThatThrownBy(() -> SchemaJson.read(duplicate))
        .hasMessage(
            duplicate
                + ", line 6, column 'a': at character 6: the column is listed twice; remove or"
                + " rename one entry");
    Path version = write("{\"formatVersion\": 2, \"columns\": []}");
    assertThatThrownBy(() -> SchemaJson.read(version))
        .hasMessageContaining(
            "\"formatVersion\" is 2 but this version of Synthetic Patients reads 1");
    Path noKind = write(HEAD + "    {\"name\": \"a\"}\n  ]\n}\n");
    assertThatThrownBy(() -> SchemaJson.read(noKind))
        .hasMessage(
            noKind
                + ", line 5, column 'a': at character 5: the column has no \"kind\"; use one of numeric,"
                + " integer, binary, categorical, date, datetime, identifier");
    Path missing = dir.resolve("absent.json");
    assertThatThrownBy(() -> SchemaJson.read(missing))
        .hasMessage(missing + ": the file does not exist; check the path");
  }

  @Test
  void identifierShapesProtectedCountsAndMissingValuesRoundTrip() throws IOException {
    TableSchema schema =
        new TableSchema(
            List.of(
                new ColumnSchema(
                    "ssn",
                    ColumnKind.IDENTIFIER,
                    false,
                    0,
                    List.of(),
                    0,
                    false,
                    false,
                    "pattern:ddd-dd-dddd",
                    0,
                    0,
                    "the name reads as a record or national number"),
                new ColumnSchema(
                    "diagnosis",
                    ColumnKind.CATEGORICAL,
                    false,
                    0,
                    List.of("PBC", "_RARE_"),
                    0,
                    false,
                    false,
                    null,
                    3,
                    0,
                    null),
                new ColumnSchema(
                    "bili",
                    ColumnKind.NUMERIC,
                    true,
                    0.01,
                    List.of(),
                    1,
                    false,
                    false,
                    null,
                    0,
                    2,
                    null)),
            null,
            null,
            null,
            List.of("unknown", "not done"));
    Path file = dir.resolve("protected.schema.json");
    Schemas.write(schema, file);
    String json = Files.readString(file);
    assertThat(json)
        .contains(
            "\"shape\": \"pattern:ddd-dd-dddd\"",
            "\"protectedValues\": 3",
            "\"unparsedValues\": 2",
            "\"missingValues\": [\"unknown\", \"not done\"]");
    assertThat(TableSchema.of(Schemas.read(file))).isEqualTo(schema);
    // As a model file embeds it: the tree written, then parsed back.
    @SuppressWarnings("unchecked")
    java.util.Map<String, Object> tree =
        JsonFiles.mapper().readValue(SchemaJson.toBytes(schema), java.util.Map.class);
    assertThat(SchemaJson.fromMap(tree, "model")).isEqualTo(schema);
  }

  @Test
  void settingTheKindOverrulesAnIdentifier() throws IOException {
    Path file =
        write(
            HEAD
                + "    {\"name\": \"zip\", \"kind\": \"integer\", \"shape\": \"pattern:ddddd\"}\n  ]\n}\n");
    ColumnSchema zip = SchemaJson.read(file).columns().get(0);
    assertThat(zip.kind()).isEqualTo(ColumnKind.INTEGER);
    assertThat(zip.isLearned()).isTrue();
    assertThat(zip.identifierShape()).isNull();
  }

  @Test
  void unknownShapeNamesTheValidOnes() throws IOException {
    Path file =
        write(
            HEAD
                + "    {\"name\": \"zip\", \"kind\": \"identifier\",\n     \"shape\": \"zipcode\"}\n  ]\n}\n");
    assertThatThrownBy(() -> SchemaJson.read(file))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith(
            file + ", line 6, column 'zip': at character 6: unknown identifier shape \"zipcode\"")
        .hasMessageContaining("pattern:ddd-dd-dddd");
  }

  @Test
  void codeColumnsRoundTripWithTheirSystemVocabularyAndCounts() throws IOException {
    List<String> codes = List.of("250", "428", "V57", ValueProtection.RARE_CATEGORY);
    TableSchema schema =
        TableSchema.of(
            List.of(
                new ColumnSchema(
                    "diag_1",
                    ColumnKind.CATEGORICAL,
                    false,
                    0,
                    codes,
                    0,
                    false,
                    false,
                    null,
                    7,
                    0,
                    "codes",
                    new CodeColumn(CodeSystem.ICD9, "diag", 5, 2)),
                new ColumnSchema(
                    "diag_2",
                    ColumnKind.CATEGORICAL,
                    true,
                    0.1,
                    codes,
                    0,
                    false,
                    false,
                    null,
                    0,
                    0,
                    null,
                    new CodeColumn(CodeSystem.ICD9, "diag", 0, 0)),
                new ColumnSchema(
                        "ward", ColumnKind.CATEGORICAL, false, 0, List.of("W1", "W2"), 0, false)
                    .withKind(ColumnKind.BINARY)
                    .withCodes(CodeColumn.of(CodeSystem.GENERIC))));
    Path file = dir.resolve("codes.schema.json");
    SchemaJson.write(schema, file);
    String json = Files.readString(file);
    assertThat(json)
        .contains(
            "\"codes\": \"icd9\"",
            "\"vocabulary\": \"diag\"",
            "\"generalisedCodes\": 5",
            "\"ancestorCodes\": 2",
            "\"codes\": \"generic\"");
    assertThat(SchemaJson.read(file)).isEqualTo(schema);
    @SuppressWarnings("unchecked")
    java.util.Map<String, Object> tree =
        JsonFiles.mapper().readValue(SchemaJson.toBytes(schema), java.util.Map.class);
    assertThat(SchemaJson.fromMap(tree, "model")).isEqualTo(schema);
    assertThat(CodeColumn.summary(schema.columns().get(0)))
        .isEqualTo(
            "diag_1: ICD-9 codes, vocabulary 'diag'; 3 code categories; 5 rare codes generalised"
                + " to 2 ancestor categories; 2 rare codes bucketed as _RARE_");
  }

  @Test
  void aCodeSystemTheReadersDoNotKnowOrOnANumberColumnIsAnError() throws IOException {
    Path unknown =
        write(
            HEAD
                + "    {\"name\": \"diag\", \"kind\": \"categorical\", \"categories\": [\"428\"],\n"
                + "     \"codes\": \"icd11\"}\n  ]\n}\n");
    assertThatThrownBy(() -> SchemaJson.read(unknown))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith(unknown + ", line 6, column 'diag': at character ")
        .hasMessageContaining(
            "unknown code system \"icd11\"; use one of \"icd9\", \"icd10\", \"atc\", \"generic\"");
    Path number =
        write(
            HEAD + "    {\"name\": \"age\", \"kind\": \"integer\", \"codes\": \"icd9\"}\n  ]\n}\n");
    assertThatThrownBy(() -> SchemaJson.read(number))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("column 'age'")
        .hasMessageContaining("the column is integer and cannot hold codes");
    Path orphan =
        write(
            HEAD
                + "    {\"name\": \"diag\", \"kind\": \"categorical\", \"categories\": [\"428\"],"
                + " \"vocabulary\": \"diag\"}\n  ]\n}\n");
    assertThatThrownBy(() -> SchemaJson.read(orphan))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("\"vocabulary\" is set but \"codes\" is not");
  }
}
