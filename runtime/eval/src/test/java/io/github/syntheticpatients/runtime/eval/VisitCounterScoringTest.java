package io.github.syntheticpatients.runtime.eval;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.syntheticpatients.runtime.ColumnKind;
import io.github.syntheticpatients.runtime.data.Timelines;
import io.github.syntheticpatients.runtime.eval.fidelity.QualityReport;
import io.github.syntheticpatients.runtime.eval.fidelity.VisitCounters;
import io.github.syntheticpatients.runtime.eval.privacy.GateSettings;
import io.github.syntheticpatients.runtime.eval.report.EvaluationReport;
import io.github.syntheticpatients.runtime.eval.report.HtmlReport;
import io.github.syntheticpatients.runtime.sampling.Schemas;
import io.github.syntheticpatients.runtime.schema.TableSchema;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * pbcseq with a visit number (1 to 10, each patient's first ten visits): schema inference reads a
 * number column of ten values as categories, and the evaluation scores it as the counter it is.
 */
class VisitCounterScoringTest {
  @TempDir static Path dir;

  /** pbcseq's first ten visits of each patient, with {@code visit} = 1, 2, ... in time order. */
  private static Timelines pbcseqWithVisitNumbers() throws IOException, URISyntaxException {
    List<String> lines =
        Files.readAllLines(
            Path.of(VisitCounterScoringTest.class.getResource("/data/pbcseq.csv").toURI()));
    List<String> header = List.of(lines.get(0).split(",", -1));
    int id = header.indexOf("id");
    int day = header.indexOf("day");
    Map<String, List<String[]>> patients = new LinkedHashMap<>();
    for (String line : lines.subList(1, lines.size())) {
      String[] fields = line.split(",", -1);
      patients.computeIfAbsent(fields[id], k -> new ArrayList<>()).add(fields);
    }
    List<String> out = new ArrayList<>();
    out.add(lines.get(0) + ",visit");
    for (List<String[]> visits : patients.values()) {
      visits.sort(Comparator.comparingDouble(f -> Double.parseDouble(f[day])));
      for (int v = 0; v < Math.min(10, visits.size()); v++) {
        out.add(String.join(",", visits.get(v)) + "," + (v + 1));
      }
    }
    Path csv = Files.write(dir.resolve("pbcseq-visits.csv"), out);
    TableSchema schema = TableSchema.of(Schemas.infer(csv));
    assertThat(schema.column("visit").orElseThrow().kind())
        .as("the inference this test is about")
        .isEqualTo(ColumnKind.CATEGORICAL);
    return TimelineFixtures.group(csv, schema, "id", "day");
  }

  @Test
  void aVisitNumberIsScoredAsANumberNotAsCategories() throws IOException, URISyntaxException {
    Timelines all = pbcseqWithVisitNumbers();
    VisitCounters counters = VisitCounters.find(all);
    // Only the counter: stage and the other codes do not count up visit by visit.
    assertThat(counters.columns()).containsExactly("visit");
    Timelines numbers = counters.asNumbers(all);
    assertThat(numbers.schema().column("visit").orElseThrow().kind()).isEqualTo(ColumnKind.INTEGER);
    assertThat(Arrays.stream(numbers.visits().column("visit")).distinct().sorted().toArray())
        .containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
    assertThat(numbers.visits().column("bili")).isEqualTo(all.visits().column("bili"));

    Timelines[] halves = TimelineFixtures.split(all, 0.5, 42);
    EvaluationReport report =
        EvaluationReport.computeLongitudinal(
            halves[0], null, halves[1], "status", null, GateSettings.defaults(), 3);
    assertThat(report.quality().columns())
        .filteredOn(c -> c.column().equals("visit"))
        .extracting(QualityReport.ColumnShape::metric)
        .containsExactly("KSComplement");
    assertThat(report.longitudinal().quality().visitReport().columns())
        .filteredOn(c -> c.column().equals("visit"))
        .extracting(QualityReport.ColumnShape::metric)
        .containsExactly("KSComplement");
    assertThat(HtmlReport.render(report)).contains("visit");
  }
}
