package io.github.syntheticpatients.runtime.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.syntheticpatients.runtime.ColumnKind;
import io.github.syntheticpatients.runtime.InvalidInputException;
import io.github.syntheticpatients.runtime.io.json.SchemaJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The optional end-of-follow-up role: who may carry it, and how the schema file declares it. */
class EndTimeRoleTest {
  @TempDir Path dir;

  private static final List<ColumnSchema> COLUMNS =
      List.of(
          new ColumnSchema("id", ColumnKind.IDENTIFIER, false, 0, List.of(), 0, false),
          new ColumnSchema("futime", ColumnKind.INTEGER, false, 0, List.of(), 0, false, true),
          new ColumnSchema("day", ColumnKind.INTEGER, false, 0, List.of(), 0, false),
          new ColumnSchema("bili", ColumnKind.NUMERIC, false, 0, List.of(), 2, false),
          new ColumnSchema("died", ColumnKind.DATE, false, 0, List.of(), 0, false, true));

  @Test
  void aStaticColumnInTheTimeUnitQualifies() {
    TableSchema schema = new TableSchema(COLUMNS, null, "id", "day").withEndTime(" futime ");
    assertThat(schema.endTime()).isEqualTo("futime");
    assertThat(schema.withColumns(COLUMNS).endTime()).isEqualTo("futime");
    assertThat(schema.withEndTime(" ").endTime()).isNull();
  }

  @Test
  void refusesAColumnThatCannotBoundTheVisits() {
    TableSchema schema = new TableSchema(COLUMNS, null, "id", "day");
    assertThatThrownBy(() -> schema.withEndTime("bili"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'bili'")
        .hasMessageContaining("not static");
    assertThatThrownBy(() -> schema.withEndTime("died"))
        .hasMessageContaining("is DATE while the time column 'day' is INTEGER");
    assertThatThrownBy(() -> schema.withEndTime("day")).hasMessageContaining("the time column");
    assertThatThrownBy(() -> TableSchema.of(COLUMNS).withEndTime("futime"))
        .hasMessageContaining("not longitudinal");
  }

  @Test
  void theSchemaFileDeclaresItAndWritesItOnlyWhenSet() throws IOException {
    String head =
        "{\"formatVersion\": 1, \"target\": null, \"entityId\": \"id\", \"time\": \"day\",\n";
    String columns =
        "\"columns\": [{\"name\": \"id\", \"kind\": \"identifier\"},"
            + " {\"name\": \"futime\", \"kind\": \"integer\", \"static\": true},"
            + " {\"name\": \"day\", \"kind\": \"integer\"}]}";
    Path file = dir.resolve("schema.json");
    Files.writeString(file, head + "\"endTime\": \"futime\",\n" + columns);
    TableSchema read = SchemaJson.read(file);
    assertThat(read.endTime()).isEqualTo("futime");
    String written = new String(SchemaJson.toBytes(read), StandardCharsets.UTF_8);
    assertThat(written).contains("\"time\": \"day\",\n  \"endTime\": \"futime\",\n");
    Path copy = dir.resolve("copy.json");
    SchemaJson.write(read, copy);
    assertThat(SchemaJson.read(copy)).isEqualTo(read);
    assertThat(new String(SchemaJson.toBytes(read.withEndTime(null)), StandardCharsets.UTF_8))
        .doesNotContain("endTime");
  }

  @Test
  void aBadEndTimeInTheSchemaFileNamesItsLine() throws IOException {
    Path file = dir.resolve("schema.json");
    Files.writeString(
        file,
        "{\"formatVersion\": 1, \"entityId\": \"id\", \"time\": \"day\",\n"
            + "\"endTime\": \"day\",\n"
            + "\"columns\": [{\"name\": \"id\", \"kind\": \"identifier\"},"
            + " {\"name\": \"day\", \"kind\": \"integer\"}]}");
    assertThatThrownBy(() -> SchemaJson.read(file))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith(file + ", line 2, column 'day': ")
        .hasMessageContaining("the time column itself");
  }
}
