package io.github.syntheticpatients.runtime.io.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.syntheticpatients.runtime.ColumnKind;
import io.github.syntheticpatients.runtime.InvalidInputException;
import io.github.syntheticpatients.runtime.TestData;
import io.github.syntheticpatients.runtime.data.Timelines;
import io.github.syntheticpatients.runtime.sampling.Schemas;
import io.github.syntheticpatients.runtime.schema.ColumnSchema;
import io.github.syntheticpatients.runtime.schema.TableSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TimelineReaderTest {
  @TempDir Path dir;

  /** pid (id), t (time), sex (static), hb (time-varying). */
  private static final TableSchema SMALL =
      TableSchema.of(
              List.of(
                  new ColumnSchema("pid", ColumnKind.INTEGER, false, 0, List.of(), 0, false),
                  new ColumnSchema("t", ColumnKind.NUMERIC, false, 0, List.of(), 1, false),
                  new ColumnSchema(
                      "sex", ColumnKind.BINARY, true, 0, List.of("f", "m"), 0, false, true),
                  new ColumnSchema("hb", ColumnKind.NUMERIC, true, 0, List.of(), 1, false)))
          .withLongitudinal("pid", "t");

  private Path csv(String name, String content) throws IOException {
    return Files.writeString(dir.resolve(name), content);
  }

  private Timelines read(Path input) {
    return TimelineReader.read(input, SMALL, CsvOptions.defaults());
  }

  @Test
  void pbcseqHas312PatientsWithSortedVisits() {
    Path file = TestData.path("pbcseq.csv");
    TableSchema schema = TableSchema.of(Schemas.infer(file, "id", "day"));
    Timelines timelines = Timelines.of(Schemas.readTimelines(file, schema));
    assertThat(timelines.patientCount()).isEqualTo(312);
    assertThat(timelines.visits().rowCount()).isEqualTo(1945);
    assertThat(timelines.maxVisits()).isEqualTo(16);
    assertThat(timelines.id(0)).isEqualTo("1");
    assertThat(timelines.visitCount(0)).isEqualTo(2);
    assertThat(timelines.visitCount(1)).isEqualTo(9);
    assertThat(timelines.visits().column("id")).containsOnly(Double.NaN);
    double[] day = timelines.visits().column("day");
    for (int p = 0; p < timelines.patientCount(); p++) {
      int first = timelines.firstRow(p);
      assertThat(day[first]).isZero(); // every patient's first visit is at enrolment
      for (int row = first + 1; row < first + timelines.visitCount(p); row++) {
        assertThat(day[row]).isGreaterThan(day[row - 1]);
      }
    }
    // First patient's first and second visit, from the file: bili 14.5 then 21.3, chol 261 then
    // missing.
    assertThat(timelines.visits().column("bili")[0]).isEqualTo(14.5);
    assertThat(timelines.visits().column("bili")[1]).isEqualTo(21.3);
    assertThat(timelines.visits().column("chol")[1]).isNaN();
    assertThat(day[1]).isEqualTo(192);
  }

  @Test
  void cgdHas128PatientsAnd203Rows() {
    Path file = TestData.path("cgd.csv");
    Timelines timelines =
        Timelines.of(Schemas.readTimelines(file, Schemas.infer(file, "id", "tstart")));
    assertThat(timelines.patientCount()).isEqualTo(128);
    assertThat(timelines.visits().rowCount()).isEqualTo(203);
    assertThat(timelines.maxVisits()).isGreaterThan(1);
  }

  @Test
  void shuffledRowsGiveTheSameTimelinesInFirstAppearanceOrder() throws IOException {
    Path file = TestData.path("pbcseq.csv");
    TableSchema schema = TableSchema.of(Schemas.infer(file, "id", "day"));
    Timelines sorted = Timelines.of(Schemas.readTimelines(file, schema));
    List<String> lines = Files.readAllLines(file);
    List<String> rows = new ArrayList<>(lines.subList(1, lines.size()));
    Collections.shuffle(rows, new Random(7));
    List<String> shuffledLines = new ArrayList<>();
    shuffledLines.add(lines.get(0));
    shuffledLines.addAll(rows);
    Path shuffledFile = Files.write(dir.resolve("shuffled.csv"), shuffledLines);
    Timelines shuffled = Timelines.of(Schemas.readTimelines(shuffledFile, schema));

    assertThat(shuffled.patientCount()).isEqualTo(sorted.patientCount());
    // Patients come in the order of their first row in the shuffled file; match them by id.
    String firstId = rows.get(0).substring(0, rows.get(0).indexOf(','));
    assertThat(shuffled.id(0)).isEqualTo(firstId);
    int[] byId = new int[sorted.patientCount()];
    List<String> sortedIds = new ArrayList<>();
    for (int p = 0; p < sorted.patientCount(); p++) {
      sortedIds.add(sorted.id(p));
    }
    for (int p = 0; p < shuffled.patientCount(); p++) {
      byId[p] = sortedIds.indexOf(shuffled.id(p));
    }
    Timelines reordered = sorted.selectPatients(byId);
    assertThat(shuffled.visitCounts()).containsExactly(reordered.visitCounts());
    for (int c = 0; c < schema.columns().size(); c++) {
      assertThat(shuffled.visits().column(c)).containsExactly(reordered.visits().column(c));
    }
  }

  @Test
  void sortsVisitsByTimeStablyAndKeepsFirstAppearanceOrder() throws IOException {
    Timelines timelines =
        read(csv("v.csv", "pid,t,sex,hb\n7,2,f,12\n3,1,m,\n7,0.5,f,11\n7,2,f,13\n3,0,m,14\n"));
    assertThat(timelines.patientCount()).isEqualTo(2);
    assertThat(timelines.id(0)).isEqualTo("7");
    assertThat(timelines.id(1)).isEqualTo("3");
    assertThat(timelines.visitCounts()).containsExactly(3, 2);
    assertThat(timelines.visits().column("t")).containsExactly(0.5, 2, 2, 0, 1);
    assertThat(timelines.visits().column("hb")).containsExactly(11, 12, 13, 14, Double.NaN);
    assertThat(timelines.visits().column("sex")).containsExactly(0, 0, 0, 1, 1);
    assertThat(timelines.visits().column("pid")).containsOnly(Double.NaN);
  }

  @Test
  void readsAPsvDirectoryOnePatientPerFile() {
    Path sample = TestData.path("psv-sample");
    // Four patients: k = 1 keeps SepsisLabel's categories (one patient is septic).
    TableSchema schema = TableSchema.of(Schemas.infer(sample, "patient", "ICULOS", 1, List.of()));
    Timelines timelines = Timelines.of(Schemas.readTimelines(sample, schema));
    // Sorted relative paths: nested/p100004.psv comes before p000001.psv.
    assertThat(List.of(timelines.id(0), timelines.id(1), timelines.id(2), timelines.id(3)))
        .containsExactly("p100004", "p000001", "p000002", "p000003");
    assertThat(timelines.visitCounts()).containsExactly(4, 5, 6, 3);
    assertThat(timelines.visits().column("HR")[4]).isNaN(); // p000001 hour 1: NaN
    assertThat(timelines.visits().column("HR")[5]).isEqualTo(97);
    assertThat(timelines.visits().column("ICULOS")).startsWith(1, 2, 3, 4, 1, 2);
    ColumnSchema sepsis = schema.column("SepsisLabel").orElseThrow();
    double[] label = timelines.visits().column("SepsisLabel");
    assertThat(sepsis.categories().get((int) label[9 + 3])).isEqualTo("1"); // p000002 from hour 4
    assertThat(sepsis.categories().get((int) label[9 + 2])).isEqualTo("0");
  }

  @Test
  void directoryWithIdColumnGroupsRowsAcrossFiles() throws IOException {
    Path patients = Files.createDirectories(dir.resolve("visits"));
    csv("visits/b.csv", "pid,t,sex,hb\n2,1,m,5\n1,3,f,6\n");
    csv("visits/a.csv", "pid,t,sex,hb\n1,1,f,4\n");
    Timelines timelines = read(patients);
    assertThat(timelines.id(0)).isEqualTo("1");
    assertThat(timelines.visitCounts()).containsExactly(2, 1);
    assertThat(timelines.visits().column("hb")).containsExactly(4, 6, 5);
  }

  @Test
  void staticValueChangeNamesPatientLinesColumnAndFix() throws IOException {
    Path file = csv("change.csv", "pid,t,sex,hb\n1,0,f,1\n2,0,m,1\n1,1,f,2\n1,2,m,3\n");
    assertThatThrownBy(() -> read(file))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("change.csv, line 5, column 'sex'")
        .hasMessageContaining("patient '1' has 'm' here but 'f' on line 2")
        .hasMessageContaining("\"static\": false");
    Path missing = csv("missing.csv", "pid,t,sex,hb\n1,0,f,1\n1,1,,2\n");
    assertThatThrownBy(() -> read(missing))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("line 3, column 'sex'")
        .hasMessageContaining("a missing value here but 'f' on line 2");
  }

  @Test
  void staticValueChangeAcrossFilesNamesBothFiles() throws IOException {
    Path patients = Files.createDirectories(dir.resolve("split"));
    csv("split/a.csv", "pid,t,sex,hb\n1,1,f,4\n");
    csv("split/b.csv", "pid,t,sex,hb\n1,2,m,5\n");
    assertThatThrownBy(() -> read(patients))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("b.csv, line 2, column 'sex'")
        .hasMessageContaining("on line 2 of " + patients.resolve("a.csv"));
  }

  @Test
  void missingIdOrTimeIsAnError() throws IOException {
    Path noId = csv("noid.csv", "pid,t,sex,hb\n1,0,f,1\nNA,1,f,2\n");
    assertThatThrownBy(() -> read(noId))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("noid.csv, line 3, column 'pid'")
        .hasMessageContaining("patient id is missing ('NA')");
    Path noTime = csv("notime.csv", "pid,t,sex,hb\n1,0,f,1\n1,,f,2\n");
    assertThatThrownBy(() -> read(noTime))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("notime.csv, line 3, column 't'")
        .hasMessageContaining("visit time is missing");
    Path badTime = csv("badtime.csv", "pid,t,sex,hb\n1,0,f,1\n1,day2,f,2\n");
    assertThatThrownBy(() -> read(badTime))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("badtime.csv, line 3, column 't'")
        .hasMessageContaining("'day2' is not a number");
  }

  @Test
  void roleColumnsAbsentFromTheHeaderNameTheParameter() throws IOException {
    Path noId = csv("noidcol.csv", "patient,t,sex,hb\n1,0,f,1\n");
    assertThatThrownBy(() -> read(noId))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("patient id column 'pid' is not in the header [patient, t, sex, hb]")
        .hasMessageContaining("synthetic.entityId");
    Path noTime = csv("notimecol.csv", "pid,time,sex,hb\n1,0,f,1\n");
    assertThatThrownBy(() -> read(noTime))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("time column 't' is not in the header [pid, time, sex, hb]")
        .hasMessageContaining("synthetic.time");
    Path psvWithoutTime = Files.createDirectories(dir.resolve("psv"));
    csv("psv/p1.psv", "sex|hb\nf|1\n");
    assertThatThrownBy(() -> read(psvWithoutTime))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("time column 't'")
        .hasMessageContaining("synthetic.time");
  }

  @Test
  void directoryProblems() throws IOException {
    Path empty = Files.createDirectories(dir.resolve("empty/sub"));
    csv("empty/notes.txt", "not data");
    assertThatThrownBy(() -> read(empty.getParent()))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("no .csv or .psv files");
    Path headers = Files.createDirectories(dir.resolve("headers"));
    csv("headers/p1.psv", "t|sex|hb\n1|f|2\n");
    csv("headers/p2.psv", "t|hb|sex\n1|2|f\n");
    assertThatThrownBy(() -> read(headers))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("p2.psv, line 1")
        .hasMessageContaining("[t, hb, sex] differs from [t, sex, hb]");
    Path noRows = Files.createDirectories(dir.resolve("norows"));
    csv("norows/p1.psv", "t|sex|hb\n1|f|2\n");
    csv("norows/p2.psv", "t|sex|hb\n");
    assertThatThrownBy(() -> read(noRows))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("p2.psv")
        .hasMessageContaining("no data rows");
    Path sameName = Files.createDirectories(dir.resolve("same/a"));
    Files.createDirectories(dir.resolve("same/b"));
    csv("same/a/p1.psv", "t|sex|hb\n1|f|2\n");
    csv("same/b/p1.psv", "t|sex|hb\n1|f|2\n");
    assertThatThrownBy(() -> read(sameName.getParent()))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("same id 'p1'");
  }

  @Test
  void psvFilesWithoutIdColumnAreOnePatientEach() throws IOException {
    Path patients = Files.createDirectories(dir.resolve("icu"));
    csv("icu/p2.psv", "t|sex|hb\n2|m|NaN\n1|m|9\n");
    csv("icu/p1.psv", "t|sex|hb\n1|f|8\n");
    Timelines timelines = read(patients);
    assertThat(timelines.id(0)).isEqualTo("p1");
    assertThat(timelines.id(1)).isEqualTo("p2");
    assertThat(timelines.visits().column("hb")).containsExactly(8, 9, Double.NaN);
  }

  @Test
  void emptyLongCsvAndNonLongitudinalSchema() throws IOException {
    Path headerOnly = csv("header.csv", "pid,t,sex,hb\n");
    assertThatThrownBy(() -> read(headerOnly))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("no data rows");
    Path ok = csv("ok.csv", "pid,t,sex,hb\n1,0,f,1\n");
    TableSchema tabular = TableSchema.of(SMALL.columns());
    assertThatThrownBy(() -> TimelineReader.read(ok, tabular, null))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("synthetic.entityId");
  }
}
