package io.github.syntheticpatients.runtime.eval.fidelity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import io.github.syntheticpatients.runtime.data.Table;
import io.github.syntheticpatients.runtime.eval.TestTables;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

class DetectionAndUtilityTest {
  private static final int OUTCOME = TestTables.SCHEMA.indexOf("outcome");
  private static final int STAGE = TestTables.SCHEMA.indexOf("stage");

  @Test
  void detectionAucIsNearHalfForTheSameDistributionAndHighForAShiftedOne() {
    Table real = TestTables.patients(600, 1);
    double same = Detection.auc(real, TestTables.patients(600, 2), 7);
    assertThat(same).isBetween(0.35, 0.62);
    double[][] c = new double[real.columnCount()][];
    for (int i = 0; i < c.length; i++) {
      c[i] = TestTables.patients(600, 3).column(i).clone();
    }
    for (int i = 0; i < c[1].length; i++) {
      c[1][i] += 25; // everyone 25 years older
    }
    double shifted = Detection.auc(real, new Table(real.schema(), c), 7);
    assertThat(shifted).isGreaterThan(0.9);
    assertThat(Detection.score(0.5)).isEqualTo(1.0);
    assertThat(Detection.score(1.0)).isEqualTo(0.0);
  }

  @Test
  void tstrFollowsWhatTheSyntheticLabelsTeach() {
    Table train = TestTables.patients(800, 1);
    Table test = TestTables.patients(800, 2);

    Utility.Result fresh = Utility.tstr(train, test, TestTables.patients(800, 3), "outcome", 5);
    Utility.Result flipped =
        Utility.tstr(train, test, relabel(train, OUTCOME, y -> 1 - y), "outcome", 5);
    Utility.Result shuffled = Utility.tstr(train, test, shuffle(train, OUTCOME, 6), "outcome", 5);
    Utility.Result noise = Utility.tstr(train, test, TestTables.noise(train, 800, 3), "outcome", 5);
    double bayes = bayesAuc(test);

    assertThat(fresh.metric()).isEqualTo("AUROC");
    // A forest taught by real rows cannot rank the unseen test patients better than their true risk
    // does.
    assertThat(fresh.trtr())
        .as("TRTR against the true risk's AUROC %.3f", bayes)
        .isBetween(bayes - 0.1, bayes + 0.01);
    // Synthetic rows from the same distribution teach about as much as real ones ...
    assertThat(fresh.ratio()).isBetween(0.9, 1.05);
    // ... rows with every label inverted teach the opposite ranking ...
    assertThat(flipped.tstr()).isCloseTo(1 - fresh.trtr(), offset(0.03));
    // ... and labels that carry no information, or pure noise, teach nothing.
    assertThat(shuffled.tstr()).isBetween(0.4, 0.6);
    assertThat(noise.tstr()).isBetween(0.4, 0.6);
    assertThat(noise.ratio()).isLessThan(0.8);
  }

  @Test
  void multiClassTargetUsesMacroF1() {
    Table train = TestTables.patients(600, 1);
    Table test = TestTables.patients(600, 2);
    Utility.Result fresh = Utility.tstr(train, test, TestTables.patients(600, 3), "stage", 5);
    Utility.Result shuffled = Utility.tstr(train, test, shuffle(train, STAGE, 6), "stage", 5);
    double rule = macroF1OfTheAgeRule(test);

    assertThat(fresh.metric()).isEqualTo("macroF1");
    // Chance for four classes is about 0.25 (0.22 measured with shuffled labels); the rule that
    // generated the
    // stages scores 0.51 on these rows. A fresh synthetic sample must teach close to the rule,
    // shuffled labels not.
    assertThat(fresh.tstr())
        .as("TSTR against the generating rule's macro-F1 %.3f", rule)
        .isBetween(rule - 0.1, rule + 0.05);
    assertThat(fresh.ratio()).isGreaterThan(0.85);
    assertThat(shuffled.tstr()).isLessThan(0.3);
    assertThat(fresh.tstr() - shuffled.tstr()).isGreaterThan(0.15);
    assertThatThrownBy(() -> Utility.tstr(train, train, train, "age", 5))
        .hasMessageContaining("BINARY or CATEGORICAL");
  }

  @Test
  void predictionsKeepEachTestRowSoTwoClassifiersCompareOnTheSameResamples() {
    Table test = TestTables.patients(400, 2);
    Utility.Predictions fresh =
        Utility.predictions(TestTables.patients(800, 3), test, "outcome", 5).orElseThrow();
    Utility.Predictions flipped =
        Utility.predictions(
                relabel(TestTables.patients(800, 3), OUTCOME, y -> 1 - y), test, "outcome", 5)
            .orElseThrow();
    assertThat(fresh.metric()).isEqualTo("AUROC");
    assertThat(fresh.truth()).hasSize(400).isEqualTo(flipped.truth());
    // inverted labels teach the opposite ranking of the same rows
    assertThat(flipped.value()).isCloseTo(1 - fresh.value(), offset(0.03));
    // the metric over every row once is the metric; over a resample it is that resample's
    int[] firstHalf = new int[200];
    for (int i = 0; i < firstHalf.length; i++) {
      firstHalf[i] = i;
    }
    assertThat(fresh.value(firstHalf)).isNotEqualTo(fresh.value()).isBetween(0.5, 1.0);
    // a multi-class target is scored by macro-F1 on the predicted classes
    Utility.Predictions stage =
        Utility.predictions(TestTables.patients(600, 3), test, "stage", 5).orElseThrow();
    assertThat(stage.metric()).isEqualTo("macroF1");
    assertThat(stage.predicted()).hasSize(400);
    // one class only: no classifier can be trained
    assertThat(
            Utility.predictions(
                relabel(TestTables.patients(200, 3), OUTCOME, y -> 0), test, "outcome", 5))
        .isEmpty();
    assertThatThrownBy(() -> Utility.predictions(test, test, "age", 5))
        .hasMessageContaining("BINARY or CATEGORICAL");
  }

  /**
   * ROC AUC of the true risk score ({@link TestTables#patients}'s logit), counted over all pairs.
   */
  private static double bayesAuc(Table test) {
    int age = test.schema().indexOf("age");
    int stage = test.schema().indexOf("stage");
    int sex = test.schema().indexOf("sex");
    List<Double> positive = new ArrayList<>();
    List<Double> negative = new ArrayList<>();
    for (int i = 0; i < test.rowCount(); i++) {
      double risk =
          0.08 * test.value(i, age) + 0.5 * test.value(i, stage) + 0.4 * test.value(i, sex);
      (test.value(i, OUTCOME) == 1 ? positive : negative).add(risk);
    }
    double wins = 0;
    for (double p : positive) {
      for (double n : negative) {
        wins += p > n ? 1 : p == n ? 0.5 : 0;
      }
    }
    return wins / ((double) positive.size() * negative.size());
  }

  /**
   * Macro-F1 of predicting stage from age alone with the rule that generated it, noise left out.
   */
  private static double macroF1OfTheAgeRule(Table test) {
    int age = test.schema().indexOf("age");
    int stage = test.schema().indexOf("stage");
    int[] truePositives = new int[4];
    int[] predictedCount = new int[4];
    int[] actualCount = new int[4];
    for (int i = 0; i < test.rowCount(); i++) {
      int predicted = (int) Math.max(0, Math.min(3, Math.floor((test.value(i, age) - 20) / 15)));
      int actual = (int) test.value(i, stage);
      predictedCount[predicted]++;
      actualCount[actual]++;
      if (predicted == actual) {
        truePositives[actual]++;
      }
    }
    double sum = 0;
    for (int c = 0; c < 4; c++) {
      int both = predictedCount[c] + actualCount[c];
      sum += both == 0 ? 0 : 2.0 * truePositives[c] / both;
    }
    return sum / 4;
  }

  /**
   * {@code table} with column {@code col} mapped value by value (e.g. every binary label inverted).
   */
  private static Table relabel(Table table, int col, DoubleUnaryOperator f) {
    double[][] c = new double[table.columnCount()][];
    for (int i = 0; i < c.length; i++) {
      c[i] = table.column(i).clone();
    }
    for (int i = 0; i < c[col].length; i++) {
      c[col][i] = f.applyAsDouble(c[col][i]);
    }
    return new Table(table.schema(), c);
  }

  /**
   * {@code table} with column {@code col} shuffled, which keeps its distribution and breaks every
   * link to the rest.
   */
  private static Table shuffle(Table table, int col, long seed) {
    double[][] c = new double[table.columnCount()][];
    for (int i = 0; i < c.length; i++) {
      c[i] = table.column(i).clone();
    }
    Random random = new Random(seed);
    double[] v = c[col];
    for (int i = v.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      double t = v[i];
      v[i] = v[j];
      v[j] = t;
    }
    return new Table(table.schema(), c);
  }
}
