package io.github.syntheticpatients.runtime.sampling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.syntheticpatients.runtime.ColumnKind;
import io.github.syntheticpatients.runtime.InvalidInputException;
import io.github.syntheticpatients.runtime.TestData;
import io.github.syntheticpatients.runtime.data.Timelines;
import io.github.syntheticpatients.runtime.io.csv.LongitudinalInput;
import io.github.syntheticpatients.runtime.schema.ColumnSchema;
import io.github.syntheticpatients.runtime.schema.TableSchema;
import io.github.syntheticpatients.runtime.schema.inference.SchemaInference;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchemasLongitudinalTest {
  @TempDir Path dir;

  @Test
  void aTabularSchemaFileBecomesLongitudinalWithStaticColumnsFromTheData() {
    Path pbcseq = TestData.path("pbcseq.csv");
    Path file = dir.resolve("schema.json");
    Schemas.write(Schemas.infer(pbcseq), file);
    TableSchema schema =
        TableSchema.of(Schemas.withLongitudinal(Schemas.read(file), pbcseq, "id", "day"));
    assertThat(schema.entityId()).isEqualTo("id");
    assertThat(schema.staticColumns().stream().map(ColumnSchema::name))
        .containsExactly("futime", "status", "trt", "age", "sex");
    assertThat(schema.timeVaryingColumns()).hasSize(12);
    Timelines timelines = Timelines.of(Schemas.readTimelines(pbcseq, schema));
    assertThat(timelines.patientCount()).isEqualTo(312);
    // Written and read back, the longitudinal schema keeps its roles and static flags.
    Schemas.write(schema, file);
    assertThat(TableSchema.of(Schemas.read(file))).isEqualTo(schema);
    assertThat(TableSchema.of(Schemas.withLongitudinal(schema, pbcseq, "id", "day")))
        .isSameAs(schema);
  }

  @Test
  void aDirectoryWithoutIdColumnGetsOne() {
    Path sample = TestData.path("psv-sample");
    TableSchema tabular = SchemaInference.infer(sample, LongitudinalInput.files(sample), null);
    assertThat(tabular.indexOf("patient")).isNegative();
    TableSchema schema =
        TableSchema.of(Schemas.withLongitudinal(tabular, sample, "patient", "ICULOS"));
    assertThat(schema.columns().get(0).name()).isEqualTo("patient");
    assertThat(schema.columns().get(0).kind()).isEqualTo(ColumnKind.IDENTIFIER);
    assertThat(schema.staticColumns().stream().map(ColumnSchema::name))
        .containsExactly("Age", "Gender", "Unit1", "HospAdmTime");
    assertThat(Timelines.of(Schemas.readTimelines(sample, schema)).patientCount()).isEqualTo(4);
  }

  @Test
  void aTimeColumnTheSchemaMakesCategoricalBecomesContinuous() {
    Path pbcseq = TestData.path("pbcseq.csv");
    TableSchema tabular = TableSchema.of(Schemas.infer(pbcseq));
    assertThat(tabular.column("stage").orElseThrow().kind()).isEqualTo(ColumnKind.CATEGORICAL);
    TableSchema schema = TableSchema.of(Schemas.withLongitudinal(tabular, pbcseq, "id", "stage"));
    assertThat(schema.column("stage").orElseThrow().kind()).isEqualTo(ColumnKind.INTEGER);
  }

  @Test
  void rolesTheSchemaCannotTakeAreRejected() {
    Path pbcseq = TestData.path("pbcseq.csv");
    TableSchema tabular = TableSchema.of(Schemas.infer(pbcseq));
    TableSchema dropped =
        tabular.withColumns(
            tabular.columns().stream()
                .map(
                    c ->
                        c.name().equals("day")
                            ? new ColumnSchema(
                                "day", c.kind(), c.nullable(), 0, c.categories(), 0, true)
                            : c)
                .toList());
    assertThatThrownBy(() -> TableSchema.of(Schemas.withLongitudinal(dropped, pbcseq, "id", "day")))
        .isInstanceOfSatisfying(
            InvalidInputException.class, e -> assertThat(e.parameter()).isEqualTo("synthetic.time"))
        .hasMessageContaining("'day' is dropped");
    TableSchema withoutSex =
        tabular.withColumns(
            tabular.columns().stream().filter(c -> !c.name().equals("sex")).toList());
    assertThatThrownBy(
            () -> TableSchema.of(Schemas.withLongitudinal(withoutSex, pbcseq, "sex", "day")))
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e -> assertThat(e.parameter()).isEqualTo("synthetic.entityId"))
        .hasMessageContaining("'sex' is not in the schema");
  }
}
