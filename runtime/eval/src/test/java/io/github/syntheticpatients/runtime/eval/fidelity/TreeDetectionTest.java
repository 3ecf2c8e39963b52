package io.github.syntheticpatients.runtime.eval.fidelity;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.syntheticpatients.runtime.ColumnKind;
import io.github.syntheticpatients.runtime.data.Table;
import io.github.syntheticpatients.runtime.schema.ColumnSchema;
import io.github.syntheticpatients.runtime.schema.TableSchema;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TreeDetectionTest {
  private static final TableSchema SCHEMA =
      new TableSchema(
          List.of(
              new ColumnSchema("x", ColumnKind.NUMERIC, false, 0, List.of(), 2, false),
              new ColumnSchema("y", ColumnKind.NUMERIC, false, 0, List.of(), 2, false),
              new ColumnSchema(
                  "grade", ColumnKind.CATEGORICAL, false, 0, List.of("a", "b", "c", "d"), 0, false),
              new ColumnSchema(
                  "flag", ColumnKind.BINARY, false, 0, List.of("no", "yes"), 0, false)),
          null,
          null,
          null);

  @Test
  void treeDetectorCatchesIndependentColumnsThatTheLogisticOneMisses() {
    Table real = correlated(500, 11);
    Table independent = IndependentColumns.sample(correlated(500, 97), 500, 3);

    double tree = TreeDetection.auc(real, independent, 5);
    double logistic = Detection.auc(real, independent, 5);

    // Every column has its real shape, so a linear model sees nothing; the relationships are gone,
    // which trees see.
    assertThat(tree).isGreaterThanOrEqualTo(0.8);
    assertThat(logistic).isBetween(0.4, 0.6);
  }

  @Test
  void freshRealRowsAreNotDetected() {
    double fresh = TreeDetection.auc(correlated(500, 11), correlated(500, 97), 5);
    assertThat(fresh).isBetween(0.43, 0.57);
  }

  @Test
  void foldsHoldEachClassEquallyAndDoNotFollowTheFileOrder() {
    int[] labels = new int[100];
    for (int i = 50; i < 100; i++) {
      labels[i] = 1;
    }
    int[] fold = TreeDetection.stratifiedFolds(labels, 9);
    int[][] counts = new int[5][2];
    for (int i = 0; i < labels.length; i++) {
      counts[fold[i]][labels[i]]++;
    }
    for (int[] c : counts) {
      assertThat(c).containsExactly(10, 10);
    }
    // the first ten real rows (a block of the file) are not all in one fold
    assertThat(java.util.Arrays.stream(fold, 0, 10).distinct().count()).isGreaterThan(1);
  }

  /**
   * x standard normal; y follows x closely; grade is x's quartile; flag mostly says whether y is
   * positive.
   */
  private static Table correlated(int n, long seed) {
    Random random = new Random(seed);
    double[][] c = new double[4][n];
    for (int i = 0; i < n; i++) {
      double x = random.nextGaussian();
      double y = x + 0.3 * random.nextGaussian();
      c[0][i] = Math.round(x * 100) / 100.0;
      c[1][i] = Math.round(y * 100) / 100.0;
      c[2][i] = x < -0.67 ? 0 : x < 0 ? 1 : x < 0.67 ? 2 : 3;
      c[3][i] = (y > 0) == (random.nextDouble() < 0.9) ? 1 : 0;
    }
    return new Table(SCHEMA, c);
  }
}
