package io.github.syntheticpatients.runtime.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The benchmark's summary: means ± sd over seeds and paired differences ± standard error. */
class PairedSummaryTest {

  @Test
  void pairsEachGeneratorWithTheReferenceBySeed() {
    PairedSummary summary = new PairedSummary(List.of("shapes"));
    // Differences from the copula: 0.002, 0.004, 0.006: mean 0.004, sd 0.002, se 0.002/√3.
    summary.add("flchain", "copula", 1, 0.980);
    summary.add("flchain", "copula", 2, 0.990);
    summary.add("flchain", "copula", 3, 0.970);
    summary.add("flchain", "argn", 1, 0.982);
    summary.add("flchain", "argn", 2, 0.994);
    summary.add("flchain", "argn", 3, 0.976);
    String text = summary.format("copula");
    assertThat(text).contains("| copula | 3 | 0.9800 ± 0.0100 | – |");
    assertThat(text).contains("| argn | 3 | 0.9840 ± 0.0092 | +0.0040 ± 0.0012 * |");
  }

  @Test
  void marksNoDifferenceWithinTwoStandardErrors() {
    PairedSummary summary = new PairedSummary(List.of("shapes"));
    summary.add("pbc", "copula", 1, 0.930);
    summary.add("pbc", "copula", 2, 0.930);
    summary.add("pbc", "argn", 1, 0.945);
    summary.add("pbc", "argn", 2, 0.925);
    assertThat(summary.format("copula"))
        .contains("| argn | 2 | 0.9350 ± 0.0141 | +0.0050 ± 0.0100 |");
  }

  @Test
  void refusesARowWithTheWrongNumberOfFigures() {
    PairedSummary summary = new PairedSummary(List.of("shapes", "tree AUC"));
    assertThatThrownBy(() -> summary.add("pbc", "argn", 1, 0.9))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("one value per figure");
  }
}
