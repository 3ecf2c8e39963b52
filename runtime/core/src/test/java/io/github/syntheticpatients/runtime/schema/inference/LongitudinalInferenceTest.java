package io.github.syntheticpatients.runtime.schema.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.syntheticpatients.runtime.ColumnKind;
import io.github.syntheticpatients.runtime.InvalidInputException;
import io.github.syntheticpatients.runtime.TestData;
import io.github.syntheticpatients.runtime.sampling.Schemas;
import io.github.syntheticpatients.runtime.schema.ColumnSchema;
import io.github.syntheticpatients.runtime.schema.TableSchema;
import io.github.syntheticpatients.runtime.schema.ValueProtection;
import io.github.syntheticpatients.runtime.schema.VisitStructure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LongitudinalInferenceTest {
  @TempDir Path dir;

  private static List<String> names(List<ColumnSchema> columns) {
    return columns.stream().map(ColumnSchema::name).toList();
  }

  @Test
  void pbcseqStaticAttributesAreTheBaselineColumns() {
    TableSchema schema = TableSchema.of(Schemas.infer(TestData.path("pbcseq.csv"), "id", "day"));
    assertThat(schema.isLongitudinal()).isTrue();
    assertThat(schema.entityId()).isEqualTo("id");
    assertThat(schema.time()).isEqualTo("day");
    assertThat(schema.column("id").orElseThrow().kind()).isEqualTo(ColumnKind.IDENTIFIER);
    assertThat(schema.column("day").orElseThrow().kind()).isEqualTo(ColumnKind.INTEGER);
    assertThat(names(schema.staticColumns()))
        .containsExactly("futime", "status", "trt", "age", "sex");
    assertThat(names(schema.timeVaryingColumns()))
        .containsExactly(
            "ascites",
            "hepato",
            "spiders",
            "edema",
            "bili",
            "chol",
            "albumin",
            "alk.phos",
            "ast",
            "platelet",
            "protime",
            "stage");
    // Kinds as the tabular rules give them; a static column's kind is judged on one value per
    // patient.
    assertThat(schema.column("age").orElseThrow().kind()).isEqualTo(ColumnKind.NUMERIC);
    assertThat(schema.column("futime").orElseThrow().kind()).isEqualTo(ColumnKind.INTEGER);
    assertThat(schema.column("sex").orElseThrow().categories()).containsExactly("f", "m");
    assertThat(schema.column("status").orElseThrow().categories()).containsExactly("0", "1", "2");
    assertThat(schema.column("bili").orElseThrow().kind()).isEqualTo(ColumnKind.NUMERIC);
    // The tabular inference is unchanged by the longitudinal one.
    assertThat(TableSchema.of(Schemas.infer(TestData.path("pbcseq.csv"))).isLongitudinal())
        .isFalse();
  }

  @Test
  void cgdMatchesItsDataDictionary() {
    TableSchema schema = TableSchema.of(Schemas.infer(TestData.path("cgd.csv"), "id", "tstart"));
    assertThat(names(schema.staticColumns()))
        .containsExactly(
            "center",
            "random",
            "treat",
            "sex",
            "age",
            "height",
            "weight",
            "inherit",
            "steroids",
            "propylac",
            "hos.cat");
    assertThat(names(schema.timeVaryingColumns())).containsExactly("enum", "tstop", "status");
    assertThat(schema.column("tstart").orElseThrow().kind()).isEqualTo(ColumnKind.INTEGER);
    assertThat(schema.column("random").orElseThrow().kind()).isEqualTo(ColumnKind.DATE);
    // 13 centres, 5 of them with fewer than 5 patients: merged into _RARE_, counted but not named.
    ColumnSchema center = schema.column("center").orElseThrow();
    assertThat(center.categories()).hasSize(9).endsWith(ValueProtection.RARE_CATEGORY);
    assertThat(center.protectedValues()).isEqualTo(5);
    assertThat(schema.column("id").orElseThrow().kind()).isEqualTo(ColumnKind.IDENTIFIER);
  }

  @Test
  void cgdCountsItsVisitsAndEndsEachIntervalAtTheNextVisit() {
    TableSchema schema = TableSchema.of(Schemas.infer(TestData.path("cgd.csv"), "id", "tstart"));
    assertThat(schema.visitStructure()).isEqualTo(new VisitStructure("enum", 1, "tstop"));
    // enum has 8 values, 4 of them held by fewer than 5 patients: read as a count, not as codes.
    ColumnSchema counter = schema.column("enum").orElseThrow();
    assertThat(counter.kind()).isEqualTo(ColumnKind.INTEGER);
    assertThat(counter.categories()).isEmpty();
    assertThat(counter.reason()).startsWith("visit counter");
    assertThat(names(schema.learnedVisitColumns())).containsExactly("status");
  }

  @Test
  void pbcseqEndsFollowUpAtFutimeAndCgdHasNoEnd() {
    TableSchema pbcseq = TableSchema.of(Schemas.infer(TestData.path("pbcseq.csv"), "id", "day"));
    assertThat(pbcseq.endTime()).isEqualTo("futime");
    assertThat(pbcseq.column("futime").orElseThrow().reason()).startsWith("end of follow-up");
    TableSchema cgd = TableSchema.of(Schemas.infer(TestData.path("cgd.csv"), "id", "tstart"));
    assertThat(cgd.endTime()).isNull();
  }

  @Test
  void anEndOfFollowUpLiesAtOrAfterEveryVisitAndAmongTheVisitTimes() throws IOException {
    // Patient p has visits at days 0 and p. end: p + 3, at or after the last visit (missing for
    // patient 12). late: the same, but 2 for patient 5, before its last visit. age: 40 + p, after
    // every visit but never among the visit times, so a baseline measure in the same unit, not an
    // end. (Twelve distinct values, so that inference reads them as numbers, not codes.)
    StringBuilder csv = new StringBuilder("pid,t,late,end,age\n");
    for (int p = 1; p <= 12; p++) {
      String end = p == 12 ? "" : String.valueOf(p + 3);
      int late = p == 5 ? 2 : p + 3;
      for (int t : new int[] {0, p}) {
        csv.append(p + "," + t + "," + late + "," + end + "," + (40 + p) + "\n");
      }
    }
    Path file = Files.writeString(dir.resolve("follow-up.csv"), csv);
    TableSchema schema = TableSchema.of(Schemas.infer(file, "pid", "t", 1, List.of()));
    assertThat(names(schema.staticColumns())).contains("late", "end", "age");
    assertThat(schema.endTime()).isEqualTo("end");
    Path single = Files.writeString(dir.resolve("once.csv"), "pid,t,end\n1,0,5\n2,3,4\n");
    assertThat(TableSchema.of(Schemas.infer(single, "pid", "t", 1, List.of())).endTime()).isNull();
  }

  @Test
  void aCounterFromZeroAndAnIntervalEndHoldOnEveryVisitOrNotAtAll() throws IOException {
    // visit counts 0, 1, 2; stop is the next start and at or after the last; almost misses the
    // count on one visit and late the next start on one visit (9 for 8), so neither is structure.
    String csv =
        "pid,start,visit,almost,late,stop\n"
            + "1,0,0,1,10,10\n1,10,1,2,30,30\n1,30,2,3,31,30\n"
            + "2,5,0,1,9,9\n2,9,1,2,12,12\n"
            + "3,2,0,1,4,4\n3,4,1,2,9,8\n3,8,2,4,9,9\n";
    Path file = Files.writeString(dir.resolve("intervals.csv"), csv);
    TableSchema schema = TableSchema.of(Schemas.infer(file, "pid", "start", 1, List.of()));
    assertThat(schema.visitStructure()).isEqualTo(new VisitStructure("visit", 0, "stop"));
    // Without a second visit nothing counts or follows.
    Path single = Files.writeString(dir.resolve("single.csv"), "pid,t,n,stop\n1,0,1,5\n2,3,1,4\n");
    assertThat(TableSchema.of(Schemas.infer(single, "pid", "t", 1, List.of())).visitStructure())
        .isEqualTo(VisitStructure.NONE);
  }

  @Test
  void psvDirectoryWithoutIdColumnGetsOneFirst() {
    // Four patients: k = 1 so that SepsisLabel (one septic patient) stays categories.
    TableSchema schema =
        TableSchema.of(
            Schemas.infer(TestData.path("psv-sample"), "patient", "ICULOS", 1, List.of()));
    assertThat(schema.columns().get(0).name()).isEqualTo("patient");
    assertThat(schema.columns().get(0).kind()).isEqualTo(ColumnKind.IDENTIFIER);
    assertThat(schema.entityId()).isEqualTo("patient");
    assertThat(schema.column("ICULOS").orElseThrow().kind()).isEqualTo(ColumnKind.INTEGER);
    assertThat(names(schema.staticColumns()))
        .containsExactly("Age", "Gender", "Unit1", "HospAdmTime");
    assertThat(names(schema.timeVaryingColumns()))
        .containsExactly("HR", "O2Sat", "Temp", "SBP", "SepsisLabel");
    // Four patients' ages: numbers, not codes, although each is repeated on every hourly row.
    assertThat(schema.column("Age").orElseThrow().kind()).isEqualTo(ColumnKind.NUMERIC);
    assertThat(schema.column("Unit1").orElseThrow().nullable()).isTrue();
    assertThat(schema.column("SepsisLabel").orElseThrow().kind()).isEqualTo(ColumnKind.BINARY);
    assertThat(schema.column("Temp").orElseThrow().nullable()).isTrue();
  }

  @Test
  void timeColumnIsContinuousEvenWithFewValues() throws IOException {
    // Visits at months 0, 6 and 12 would be codes by the tabular rules.
    StringBuilder csv = new StringBuilder("pid,month,sex,hb\n");
    for (int p = 1; p <= 10; p++) {
      for (int month = 0; month <= 12; month += 6) {
        csv.append(p)
            .append(',')
            .append(month)
            .append(',')
            .append(p % 2 == 0 ? "f" : "m")
            .append(',')
            .append(10 + p + month / 6.0)
            .append('\n');
      }
    }
    Path file = Files.writeString(dir.resolve("visits.csv"), csv);
    TableSchema schema = TableSchema.of(Schemas.infer(file, "pid", "month"));
    assertThat(schema.column("month").orElseThrow().kind()).isEqualTo(ColumnKind.INTEGER);
    assertThat(names(schema.staticColumns())).containsExactly("sex");
    assertThat(names(schema.timeVaryingColumns())).containsExactly("hb");
  }

  @Test
  void nothingIsStaticWithoutRepeatVisits() throws IOException {
    Path file = Files.writeString(dir.resolve("single.csv"), "pid,t,sex\n1,0,f\n2,0,m\n3,5,f\n");
    TableSchema schema = TableSchema.of(Schemas.infer(file, "pid", "t", 1, List.of()));
    assertThat(schema.staticColumns()).isEmpty();
    assertThat(names(schema.timeVaryingColumns())).containsExactly("sex");
  }

  @Test
  void missingCountsAsAValue() throws IOException {
    Path file =
        Files.writeString(
            dir.resolve("missing.csv"), "pid,t,lab,unit\n1,0,,NA\n1,1,5,NA\n2,0,4,x\n2,1,4,x\n");
    TableSchema schema = TableSchema.of(Schemas.infer(file, "pid", "t", 1, List.of()));
    assertThat(names(schema.staticColumns())).containsExactly("unit");
    assertThat(names(schema.timeVaryingColumns())).containsExactly("lab");
  }

  @Test
  void rejectsAbsentRoleColumnsNamingTheParameter() {
    Path pbcseq = TestData.path("pbcseq.csv");
    assertThatThrownBy(() -> TableSchema.of(Schemas.infer(pbcseq, "patient", "day")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("'patient'")
        .hasMessageContaining("synthetic.entityId")
        .hasMessageContaining("[id, futime");
    assertThatThrownBy(() -> TableSchema.of(Schemas.infer(pbcseq, "id", "visit")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("'visit'")
        .hasMessageContaining("synthetic.time");
    assertThatThrownBy(() -> TableSchema.of(Schemas.infer(pbcseq, "id", "id")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("synthetic.time");
    assertThatThrownBy(() -> TableSchema.of(Schemas.infer(pbcseq, "id", "sex")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("time column holds text (letters, first at pbcseq.csv line 2)")
        .message()
        .doesNotContain("'f'");
  }

  @Test
  void rejectsMissingIdAndDifferingHeaders() throws IOException {
    Path file = Files.writeString(dir.resolve("noid.csv"), "pid,t,x\n1,0,1\n,1,2\n");
    assertThatThrownBy(() -> TableSchema.of(Schemas.infer(file, "pid", "t")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("noid.csv, line 3, column 'pid'")
        .hasMessageContaining("patient id is missing");
    Path patients = Files.createDirectory(dir.resolve("patients"));
    Files.writeString(patients.resolve("a.psv"), "t|x\n1|2\n");
    Files.writeString(patients.resolve("b.psv"), "t|y\n1|2\n");
    assertThatThrownBy(() -> TableSchema.of(Schemas.infer(patients, "pid", "t")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("b.psv")
        .hasMessageContaining("[t, y] differs from [t, x]");
  }

  @Test
  void severalFilesInferLikeTheirRowsInOneFile() throws IOException {
    List<String> lines = Files.readAllLines(TestData.path("pbcseq.csv"));
    Path first = Files.write(dir.resolve("a.csv"), lines.subList(0, 1000));
    List<String> rest = new java.util.ArrayList<>(List.of(lines.get(0)));
    rest.addAll(lines.subList(1000, lines.size()));
    Path second = Files.write(dir.resolve("b.csv"), rest);
    TableSchema split = SchemaInference.infer(dir, List.of(first, second), null);
    assertThat(split).isEqualTo(SchemaInference.infer(TestData.path("pbcseq.csv")));
  }
}
