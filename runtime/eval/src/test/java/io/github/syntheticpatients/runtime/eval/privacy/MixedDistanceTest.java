package io.github.syntheticpatients.runtime.eval.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.syntheticpatients.runtime.ColumnKind;
import io.github.syntheticpatients.runtime.data.Table;
import io.github.syntheticpatients.runtime.eval.TestTables;
import io.github.syntheticpatients.runtime.schema.ColumnSchema;
import io.github.syntheticpatients.runtime.schema.TableSchema;
import java.util.List;
import org.junit.jupiter.api.Test;

class MixedDistanceTest {
  private static final double NAN = Double.NaN;
  private static final TableSchema SCHEMA =
      TableSchema.of(
          List.of(
              new ColumnSchema("age", ColumnKind.NUMERIC, true, 0, List.of(), 0, false),
              new ColumnSchema(
                  "sex", ColumnKind.CATEGORICAL, true, 0, List.of("f", "m", "x"), 0, false)));

  @Test
  void gowerCostsPerColumnAreAveraged() {
    // reference range of age: 0..100
    Table reference =
        TestTables.of(SCHEMA, new double[] {0, 100, 20, NAN}, new double[] {0, 1, 0, NAN});
    Table other =
        TestTables.of(SCHEMA, new double[] {30, 250, NAN, NAN}, new double[] {1, 1, 0, 2});
    MixedDistance d = MixedDistance.fittedOn(reference);
    // age |20-30|/100 = .1, sex f vs m = 1 -> .55
    assertThat(d.between(reference, 2, other, 0)).isCloseTo(0.55, within(1e-12));
    // age cost capped at 1; sex equal -> .5
    assertThat(d.between(reference, 1, other, 1)).isCloseTo(0.5, within(1e-12));
    // one side missing costs 1, both missing 0
    assertThat(d.between(reference, 0, other, 2)).isCloseTo(0.5, within(1e-12));
    assertThat(d.between(reference, 3, other, 3)).isCloseTo(0.5, within(1e-12));
    assertThat(d.between(reference, 1, reference, 1)).isEqualTo(0.0);
  }

  @Test
  void nearestTwoFindsTheTwoClosestRows() {
    Table reference =
        TestTables.of(SCHEMA, new double[] {0, 10, 50, 100}, new double[] {0, 0, 0, 0});
    Table queries = TestTables.of(SCHEMA, new double[] {12}, new double[] {0});
    MixedDistance d = MixedDistance.fittedOn(reference);
    double[][] nearest = d.nearestTwo(d.rows(queries), d.rows(reference), false);
    assertThat(nearest[0][0]).isCloseTo(0.01, within(1e-12));
    assertThat(nearest[1][0]).isCloseTo(0.06, within(1e-12));
    double[] self = d.nearest(d.rows(reference), d.rows(reference), true);
    assertThat(self[0]).isCloseTo(0.05, within(1e-12));
  }
}
