package io.github.syntheticpatients.runtime.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class AutoChoiceTest {
  private static final String Q = "20 paired bootstrap resamples of 100 validation rows";
  private static final String T = "5 paired cross-validation folds";

  @Test
  void foldFigureTakesTheSpreadFromThePairedFolds() {
    double[] copula = {0.60, 0.62, 0.64, 0.66, 0.68};
    double[] ctgan = {0.90, 0.90, 0.95, 0.95, 1.00};
    AutoChoice.Figure f = AutoChoice.foldFigure(copula, ctgan);
    // by hand: copula sd = sqrt(0.004 / 4) = 0.0316228, / sqrt 5 = 0.0141421
    assertThat(f.copula()).isCloseTo(0.64, within(1e-12));
    assertThat(f.copulaError()).isCloseTo(0.0141421, within(1e-6));
    // ctgan: mean 0.94, squared deviations 0.0016 0.0016 0.0001 0.0001 0.0036 = 0.007; sd
    // sqrt(0.00175) / sqrt 5
    assertThat(f.ctgan()).isCloseTo(0.94, within(1e-12));
    assertThat(f.ctganError()).isCloseTo(0.0187083, within(1e-6));
    // differences 0.30 0.28 0.31 0.29 0.32: mean 0.30, squared deviations sum 0.001, sd
    // sqrt(0.00025) / sqrt 5
    assertThat(f.difference()).isCloseTo(0.30, within(1e-12));
    assertThat(f.differenceError()).isCloseTo(0.0070711, within(1e-6));
    // a standard error from 5 folds is uncertain: the bar is Student t with 4 degrees of freedom at
    // the tail that 2
    // normal standard errors cut off (1 - 0.0227501), 2.8693 by tables
    assertThat(f.bar()).isCloseTo(2.8693, within(1e-4));
    assertThat(f.clear()).isTrue();
    // 0.30 / 0.0070711 = 42 standard errors; a difference of 2.5 standard errors would be noise
    // here
    assertThat(new AutoChoice.Figure(0.64, 0.64 + 2.5 * 0.01, 0.01, 0.01, 0.01, f.bar()).clear())
        .isFalse();
  }

  @Test
  void aClearlyWorseTreeDetectionIsNeverPreferredForItsQuality() {
    // the CTGAN leads on quality by 10 standard errors but a forest tells it from real rows far
    // more easily
    AutoChoice.Figure quality = new AutoChoice.Figure(0.80, 0.90, 0.01, 0.01, 0.01, 2);
    AutoChoice.Figure tree = new AutoChoice.Figure(0.70, 0.95, 0.01, 0.01, 0.02, 2.87);
    AutoChoice choice = AutoChoice.decide(quality, tree, Q, T);
    assertThat(choice.ganKept()).isFalse();
    assertThat(choice.decidedBy()).isEqualTo("tree detection");
    assertThat(choice.reason())
        .startsWith(
            "auto: kept the Gaussian copula (validation quality: copula 0.8000, ctgan 0.9000;")
        .contains(
            "copula 0.700 ± 0.010, ctgan 0.950 ± 0.010; difference 0.250, standard error 0.020");
    assertThat(choice.record())
        .containsEntry("decidedBy", "tree detection")
        .containsEntry("reason", choice.reason());

    // the other way round: a copula the forest finds out is not kept by the tie rule
    AutoChoice.Figure better = new AutoChoice.Figure(0.90, 0.62, 0.01, 0.01, 0.05, 2.87);
    assertThat(
            AutoChoice.decide(new AutoChoice.Figure(0.80, 0.80, 0.01, 0.01, 0.01, 2), better, Q, T)
                .ganKept())
        .isTrue();
  }

  @Test
  void aTreeDifferenceBelowTheMeasuredNoiseNeverDecidesHoweverSmallItsFoldError() {
    // 0.043 apart with a fold standard error of 0.008 (5.4 standard errors): what two samples of
    // one copula gave on rotterdam at seed 1000, a difference that is not there
    AutoChoice.Figure tree = new AutoChoice.Figure(0.754, 0.711, 0.002, 0.002, 0.008, 2.87);
    assertThat(tree.clear()).isTrue();
    AutoChoice choice =
        AutoChoice.decide(new AutoChoice.Figure(0.90, 0.90, 0.01, 0.01, 0.01, 2), tree, Q, T);
    assertThat(choice.decidedBy()).isEqualTo("validation quality");
    assertThat(choice.ganKept()).isFalse();
    assertThat(choice.reason()).contains("or by less than 0.078");
    // 0.08 apart with the same error decides
    AutoChoice.Figure wider = new AutoChoice.Figure(0.79, 0.71, 0.002, 0.002, 0.008, 2.87);
    AutoChoice decided =
        AutoChoice.decide(new AutoChoice.Figure(0.90, 0.90, 0.01, 0.01, 0.01, 2), wider, Q, T);
    assertThat(decided.decidedBy()).isEqualTo("tree detection");
    assertThat(decided.ganKept()).isTrue();
  }

  @Test
  void withinTheTreeNoiseQualityDecidesAndTiesGoToTheCopula() {
    // tree difference 0.03 against 2 standard errors of 0.02: noise
    AutoChoice.Figure tree = new AutoChoice.Figure(0.70, 0.73, 0.01, 0.01, 0.02, 2.87);
    AutoChoice leads =
        AutoChoice.decide(new AutoChoice.Figure(0.80, 0.83, 0.01, 0.01, 0.01, 2), tree, Q, T);
    assertThat(leads.ganKept()).isTrue();
    assertThat(leads.decidedBy()).isEqualTo("validation quality");
    // a lead of 0.0014 with a standard error of 0.002 (the 114-row table of issue 15) is noise
    AutoChoice noise =
        AutoChoice.decide(new AutoChoice.Figure(0.6892, 0.6906, 0.01, 0.01, 0.002, 2), tree, Q, T);
    assertThat(noise.ganKept()).isFalse();
    // without tree folds (fewer validation rows than folds) the tree figure never decides
    AutoChoice.Figure none = AutoChoice.foldFigure(new double[0], new double[0]);
    assertThat(
            AutoChoice.decide(new AutoChoice.Figure(0.80, 0.83, 0.01, 0.01, 0.01, 2), none, Q, T)
                .ganKept())
        .isTrue();
  }

  private static final AutoChoice.Names ARGN =
      new AutoChoice.Names("copula", "argn", "Gaussian copula", "autoregressive generator");

  @Test
  void aChallengerThatTeachesAClassifierClearlyLessIsNotKeptForItsTreeDetection() {
    // argn is clearly harder to detect, but a classifier trained on its rows scores 0.08 lower on
    // the validation rows, 8 standard errors: it is not kept
    AutoChoice.Figure quality = new AutoChoice.Figure(0.90, 0.90, 0.01, 0.01, 0.01, 2);
    AutoChoice.Figure tree = new AutoChoice.Figure(0.75, 0.62, 0.01, 0.01, 0.01, 2.87);
    AutoChoice.Figure tstr = new AutoChoice.Figure(0.85, 0.77, 0.02, 0.02, 0.01, 2);
    AutoChoice choice = AutoChoice.decide(quality, tree, tstr, 0.078, Q, T, ARGN);
    assertThat(choice.ganKept()).isFalse();
    assertThat(choice.decidedBy()).isEqualTo("TSTR");
    assertThat(choice.reason())
        .startsWith("auto: kept the Gaussian copula")
        .contains("TSTR on the validation rows: copula 0.850, argn 0.770; difference -0.080")
        .contains("the autoregressive generator is clearly worse on TSTR (TSTR difference -0.080");
    assertThat(choice.record()).containsKey("tstr");
  }

  @Test
  void withinTheTreeNoiseAClearTstrLeadDecidesAndASmallOneDoesNot() {
    AutoChoice.Figure quality = new AutoChoice.Figure(0.90, 0.88, 0.01, 0.01, 0.01, 2);
    AutoChoice.Figure tree = new AutoChoice.Figure(0.70, 0.69, 0.01, 0.01, 0.02, 2.87);
    AutoChoice.Figure lead = new AutoChoice.Figure(0.80, 0.90, 0.02, 0.02, 0.02, 2);
    AutoChoice kept = AutoChoice.decide(quality, tree, lead, 0.078, Q, T, ARGN);
    assertThat(kept.ganKept()).isTrue();
    assertThat(kept.decidedBy()).isEqualTo("TSTR");
    // a lead of 5 standard errors that is smaller than the measured no-difference spread is noise,
    // and then validation quality (here behind) decides
    double small = AutoChoice.MIN_UTILITY_DIFFERENCE / 2;
    AutoChoice.Figure noise = new AutoChoice.Figure(0.80, 0.80 + small, 0.002, 0.002, small / 5, 2);
    assertThat(noise.clear()).isTrue();
    AutoChoice tie = AutoChoice.decide(quality, tree, noise, 0.078, Q, T, ARGN);
    assertThat(tie.ganKept()).isFalse();
    assertThat(tie.decidedBy()).isEqualTo("validation quality");
    assertThat(tie.reason())
        .contains("TSTR by no more than 2.00 standard errors or by less than 0.020");
  }

  @Test
  void withoutATargetTheChoiceIsTreeDetectionThenQuality() {
    AutoChoice.Figure quality = new AutoChoice.Figure(0.80, 0.83, 0.01, 0.01, 0.01, 2);
    AutoChoice.Figure tree = new AutoChoice.Figure(0.70, 0.73, 0.01, 0.01, 0.02, 2.87);
    AutoChoice choice = AutoChoice.decide(quality, tree, AutoChoice.Figure.NONE, 0.078, Q, T, ARGN);
    assertThat(choice.ganKept()).isTrue();
    assertThat(choice.reason()).contains("no TSTR: the schema declares no discrete target");
    assertThat(choice.record()).doesNotContainKey("tstr");
  }

  @Test
  void theTreeFloorFallsWithTheRowsTheDetectorUses() {
    // 1.75 / sqrt(rows), the rows capped at the detector's 500 a side
    assertThat(AutoChoice.minTreeDifference(123)).isCloseTo(0.1578, within(1e-4));
    assertThat(AutoChoice.minTreeDifference(297)).isCloseTo(0.1015, within(1e-4));
    assertThat(AutoChoice.minTreeDifference(500)).isCloseTo(0.0783, within(1e-4));
    assertThat(AutoChoice.minTreeDifference(13_000)).isEqualTo(AutoChoice.minTreeDifference(500));
    // a null difference seen on pima2's 123 validation rows (two samples of one copula, seed 1002:
    // 0.143 at 3.4 fold standard errors) no longer decides there
    AutoChoice.Figure tree = new AutoChoice.Figure(0.641, 0.498, 0.045, 0.045, 0.042, 2.87);
    assertThat(tree.clear()).isTrue();
    AutoChoice choice =
        AutoChoice.decide(
            new AutoChoice.Figure(0.90, 0.90, 0.01, 0.01, 0.01, 2),
            tree,
            AutoChoice.Figure.NONE,
            AutoChoice.minTreeDifference(123),
            Q,
            T,
            ARGN);
    assertThat(choice.decidedBy()).isEqualTo("validation quality");
  }
}
