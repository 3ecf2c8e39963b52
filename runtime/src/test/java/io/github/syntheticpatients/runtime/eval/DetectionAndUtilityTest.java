package io.github.syntheticpatients.runtime.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.syntheticpatients.runtime.data.Table;
import org.junit.jupiter.api.Test;

class DetectionAndUtilityTest {
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
  void tstrMatchesTrtrForRealDataAndDropsForNoise() {
    Table train = TestTables.patients(800, 1);
    Table test = TestTables.patients(800, 2);
    Utility.Result self = Utility.tstr(train, test, train, "outcome", 5);
    assertThat(self.metric()).isEqualTo("AUROC");
    assertThat(self.trtr()).isGreaterThan(0.65);
    assertThat(self.ratio()).isEqualTo(1.0);
    Utility.Result noise = Utility.tstr(train, test, TestTables.noise(train, 800, 3), "outcome", 5);
    assertThat(noise.ratio()).isLessThan(0.85);
  }

  @Test
  void multiClassTargetUsesMacroF1() {
    Table train = TestTables.patients(600, 1);
    Utility.Result r = Utility.tstr(train, TestTables.patients(600, 2), TestTables.patients(600, 3), "stage", 5);
    assertThat(r.metric()).isEqualTo("macroF1");
    assertThat(r.tstr()).isBetween(0.2, 1.0);
    assertThatThrownBy(() -> Utility.tstr(train, train, train, "age", 5))
        .hasMessageContaining("BINARY or CATEGORICAL");
  }
}
