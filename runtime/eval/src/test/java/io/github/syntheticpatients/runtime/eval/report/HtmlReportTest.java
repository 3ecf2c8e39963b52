package io.github.syntheticpatients.runtime.eval.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.syntheticpatients.runtime.GateCheck;
import io.github.syntheticpatients.runtime.data.Table;
import io.github.syntheticpatients.runtime.eval.TestTables;
import io.github.syntheticpatients.runtime.eval.fidelity.IndependentColumns;
import io.github.syntheticpatients.runtime.eval.fidelity.QualityReport;
import io.github.syntheticpatients.runtime.eval.privacy.GateSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class HtmlReportTest {
  private static final Table TRAIN = TestTables.patients(300, 1);
  private static final Table SYNTHETIC = IndependentColumns.sample(TRAIN, 300, 3);

  /** The legend paragraph of the distance chart. */
  private static String distanceLegend(String html) {
    int heading = html.indexOf("<h2>Privacy: distance to closest record</h2>");
    return html.substring(heading, html.indexOf("</p>", heading));
  }

  @Test
  void withoutAHoldoutTheDistanceLegendNamesOnlyTheCurveDrawnAndSaysHowToGetTheOthers() {
    EvaluationReport report =
        EvaluationReport.compute(TRAIN, null, SYNTHETIC, null, null, GateSettings.defaults(), 7);

    String html = HtmlReport.render(report);

    String legend = distanceLegend(html);
    assertThat(legend).contains("synthetic → training");
    assertThat(legend).doesNotContain("synthetic → holdout").doesNotContain("holdout → training");
    assertThat(html).contains("No holdout: the synthetic → holdout and holdout → training");
  }

  @Test
  void withAHoldoutTheLegendNamesAllThreeCurves() {
    EvaluationReport report =
        EvaluationReport.compute(
            TRAIN,
            TestTables.patients(300, 2),
            SYNTHETIC,
            null,
            "stage",
            GateSettings.defaults(),
            7);

    String legend = distanceLegend(HtmlReport.render(report));

    assertThat(legend)
        .contains("synthetic → training", "synthetic → holdout", "holdout → training (natural)");
  }

  @Test
  void checksThatWereNotRunSayHowToRunThem() {
    GateCheck notRun =
        new GateCheck(
            "G4",
            "dcrCloser",
            "FAIL",
            true,
            Double.NaN,
            Double.NaN,
            "not evaluated: no holdout: pass a holdout of real rows the generator never saw",
            "");
    GateCheck failed =
        new GateCheck("G2", "exactMatchShare", "FAIL", false, 0.2, 0.1, "share <= 0.1", "Retrain.");

    assertThat(GateAdvice.whatToChange(notRun))
        .isEqualTo(
            "Not run, so no evidence either way. To run it: no holdout: pass a holdout of real rows"
                + " the generator never saw. With synthetic:evaluate pass"
                + " -Dsynthetic.holdout=<real rows the generator never saw>; synthetic:train keeps"
                + " its own holdout when trained with -Dsynthetic.options=splitDir=<dir>.");
    assertThat(GateAdvice.whatToChange(failed)).isEqualTo("Retrain.");
  }

  @Test
  void thePairTableIsSortedWorstFirst() {
    EvaluationReport report =
        EvaluationReport.compute(TRAIN, null, SYNTHETIC, null, null, GateSettings.defaults(), 7);
    String html = HtmlReport.render(report);
    String table = html.substring(html.indexOf("<h2>Column pairs</h2>"));
    table = table.substring(0, table.indexOf("</table>"));

    // The score is the fourth cell of each row.
    Matcher row =
        Pattern.compile("<tr><td>[^<]*</td><td>[^<]*</td><td>[^<]*</td><td>([^<]*)</td>")
            .matcher(table);
    List<String> cells = new ArrayList<>();
    while (row.find()) {
      cells.add(row.group(1));
    }
    List<QualityReport.ColumnPair> pairs = report.quality().pairs();
    assertThat(cells).hasSize(pairs.size());
    // Pairs without a score ("n/a") come last; the scored ones rise.
    int scored = cells.contains("n/a") ? cells.indexOf("n/a") : cells.size();
    assertThat(cells.subList(scored, cells.size())).allMatch("n/a"::equals);
    List<Double> scores = cells.subList(0, scored).stream().map(Double::parseDouble).toList();
    assertThat(scores).hasSizeGreaterThan(2).isSorted();
    assertThat(scores.get(0)).isLessThan(scores.get(scores.size() - 1));
    assertThat(table).contains("Worst first");
  }
}
