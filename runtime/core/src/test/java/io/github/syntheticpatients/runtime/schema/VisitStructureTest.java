package io.github.syntheticpatients.runtime.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.syntheticpatients.runtime.ColumnKind;
import io.github.syntheticpatients.runtime.InvalidInputException;
import io.github.syntheticpatients.runtime.data.Table;
import io.github.syntheticpatients.runtime.io.json.SchemaJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The visit counter and interval end: who may be one, the schema file, and the values produced. */
class VisitStructureTest {
  @TempDir Path dir;

  private static final List<ColumnSchema> COLUMNS =
      List.of(
          new ColumnSchema("id", ColumnKind.IDENTIFIER, false, 0, List.of(), 0, false),
          new ColumnSchema("sex", ColumnKind.BINARY, false, 0, List.of("f", "m"), 0, false, true),
          new ColumnSchema("start", ColumnKind.INTEGER, false, 0, List.of(), 0, false),
          new ColumnSchema("n", ColumnKind.INTEGER, false, 0, List.of(), 0, false),
          new ColumnSchema("stop", ColumnKind.INTEGER, false, 0, List.of(), 0, false),
          new ColumnSchema("seen", ColumnKind.DATE, false, 0, List.of(), 0, false));

  private static final TableSchema SCHEMA = new TableSchema(COLUMNS, null, "id", "start");

  @Test
  void theDerivedColumnsLeaveTheLearnedOnes() {
    TableSchema schema = SCHEMA.withVisitStructure(new VisitStructure("n", 1, "stop"));
    assertThat(schema.timeVaryingColumns().stream().map(ColumnSchema::name))
        .containsExactly("n", "stop", "seen");
    assertThat(schema.learnedVisitColumns().stream().map(ColumnSchema::name))
        .containsExactly("seen");
    assertThat(schema.withColumns(COLUMNS).visitStructure()).isEqualTo(schema.visitStructure());
  }

  @Test
  void refusesColumnsThatCannotBeProduced() {
    assertThatThrownBy(() -> SCHEMA.withVisitStructure(new VisitStructure("sex", 1, null)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'sex', which is static");
    assertThatThrownBy(() -> SCHEMA.withVisitStructure(new VisitStructure(null, 1, "seen")))
        .hasMessageContaining("'seen', which is DATE while the time column 'start' is INTEGER");
    assertThatThrownBy(() -> SCHEMA.withVisitStructure(new VisitStructure("start", 1, null)))
        .hasMessageContaining("the time column itself");
    assertThatThrownBy(() -> SCHEMA.withVisitStructure(new VisitStructure("n", 1, "n")))
        .hasMessageContaining("both name 'n'");
    assertThatThrownBy(() -> new VisitStructure("n", 2, null))
        .hasMessageContaining("\"visitCounterStart\" is 2");
    assertThatThrownBy(
            () -> TableSchema.of(COLUMNS).withVisitStructure(new VisitStructure("n", 1, null)))
        .hasMessageContaining("not longitudinal");
  }

  @Test
  void producesTheCounterAndTheIntervalEnds() {
    TableSchema schema = SCHEMA.withVisitStructure(new VisitStructure("n", 0, "stop"));
    // Two patients: visits at 0, 10, 25 and at 5; last intervals 7 and -3 (clipped to 0).
    int[] starts = {0, 3, 4};
    double[][] cells = new double[COLUMNS.size()][4];
    for (double[] column : cells) {
      Arrays.fill(column, Double.NaN);
    }
    cells[2] = new double[] {0, 10, 25, 5};
    schema.visitStructure().produce(schema, cells, starts, new double[] {7, -3});
    assertThat(cells[3]).containsExactly(0, 1, 2, 0);
    assertThat(cells[4]).containsExactly(10, 25, 32, 5);
    Table table = new Table(schema, cells);
    assertThat(table.rowCount()).isEqualTo(4);
  }

  @Test
  void holdsAtTheNextTimeOrAtOrAfterTheLastOne() {
    assertThat(VisitStructure.holdsAt(10, 0, 10)).isTrue();
    assertThat(VisitStructure.holdsAt(11, 0, 10)).isFalse();
    assertThat(VisitStructure.holdsAt(5, 5, Double.NaN)).isTrue();
    assertThat(VisitStructure.holdsAt(4, 5, Double.NaN)).isFalse();
    assertThat(VisitStructure.holdsAt(Double.NaN, 5, Double.NaN)).isFalse();
  }

  private static final String HEAD =
      "{\"formatVersion\": 1, \"target\": null, \"entityId\": \"id\", \"time\": \"start\",\n";
  private static final String COLUMNS_JSON =
      "\"columns\": [{\"name\": \"id\", \"kind\": \"identifier\"},"
          + " {\"name\": \"sex\", \"kind\": \"binary\", \"categories\": [\"f\", \"m\"],"
          + " \"static\": true},"
          + " {\"name\": \"start\", \"kind\": \"integer\"},"
          + " {\"name\": \"n\", \"kind\": \"integer\"},"
          + " {\"name\": \"stop\", \"kind\": \"integer\"}]}";

  @Test
  void theSchemaFileDeclaresThemAndWritesThemOnlyWhenSet() throws IOException {
    Path file = dir.resolve("schema.json");
    Files.writeString(
        file, HEAD + "\"visitCounter\": \"n\", \"intervalEnd\": \"stop\",\n" + COLUMNS_JSON);
    TableSchema read = SchemaJson.read(file);
    // visitCounterStart defaults to 1, the usual visit number.
    assertThat(read.visitStructure()).isEqualTo(new VisitStructure("n", 1, "stop"));
    String written = new String(SchemaJson.toBytes(read), StandardCharsets.UTF_8);
    assertThat(written)
        .contains(
            "\"visitCounter\": \"n\",\n  \"visitCounterStart\": 1,\n  \"intervalEnd\": \"stop\"");
    Path copy = dir.resolve("copy.json");
    SchemaJson.write(read, copy);
    assertThat(SchemaJson.read(copy)).isEqualTo(read);
    TableSchema off = read.withVisitStructure(VisitStructure.NONE);
    assertThat(new String(SchemaJson.toBytes(off), StandardCharsets.UTF_8))
        .doesNotContain("visitCounter")
        .doesNotContain("intervalEnd");
  }

  @Test
  void aBadDeclarationNamesItsLineAndTheFix() throws IOException {
    Path file = dir.resolve("schema.json");
    Files.writeString(file, HEAD + "\"visitCounter\": \"sex\",\n" + COLUMNS_JSON);
    assertThatThrownBy(() -> SchemaJson.read(file))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining(
            file + ", line 2: at character 1: \"visitCounter\" names column 'sex'")
        .hasMessageContaining("set \"visitCounter\" to null");
    Files.writeString(
        file, HEAD + "\"visitCounter\": \"n\",\n\"visitCounterStart\": 2,\n" + COLUMNS_JSON);
    assertThatThrownBy(() -> SchemaJson.read(file))
        .hasMessageContaining(file + ", line 3: at character 1: \"visitCounterStart\" is 2");
    Files.writeString(file, HEAD + "\"intervalEnd\": \"stops\",\n" + COLUMNS_JSON);
    assertThatThrownBy(() -> SchemaJson.read(file))
        .hasMessageContaining(
            file
                + ", line 2: at character 1: \"intervalEnd\" names column 'stops', which is not in");
  }
}
