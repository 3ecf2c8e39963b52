package io.github.syntheticpatients.runtime.eval.fidelity;

import io.github.syntheticpatients.runtime.data.Table;
import io.github.syntheticpatients.runtime.data.Timelines;
import io.github.syntheticpatients.runtime.schema.ColumnSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The longitudinal baseline ("independent visits"), the floor a generator must beat: each synthetic
 * patient takes a random real patient's static attributes, visit count and visit times, and every
 * visit's time-varying values are drawn independently, column by column, from the values of all
 * real visits pooled (missing values included). It keeps every marginal, the length and gap
 * distributions and the static attributes, and breaks every dependence over time and between
 * time-varying columns.
 */
public final class IndependentVisits {
  private IndependentVisits() {}

  /** {@code patients} synthetic patients drawn from {@code real} with the seed. */
  public static Timelines sample(Timelines real, int patients, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    Table visits = real.visits();
    int[] chosen = new int[patients];
    int rows = 0;
    for (int i = 0; i < patients; i++) {
      chosen[i] = random.nextInt(real.patientCount());
      rows += real.visitCount(chosen[i]);
    }
    List<Integer> timeVarying = new ArrayList<>();
    for (ColumnSchema c : real.schema().timeVaryingColumns()) {
      timeVarying.add(real.schema().indexOf(c.name()));
    }
    double[][] arrays = new double[visits.columnCount()][rows];
    int[] starts = new int[patients + 1];
    List<String> ids = new ArrayList<>();
    int next = 0;
    for (int i = 0; i < patients; i++) {
      starts[i] = next;
      ids.add("baseline-" + (i + 1));
      int from = real.firstRow(chosen[i]);
      for (int v = 0; v < real.visitCount(chosen[i]); v++, next++) {
        for (int c = 0; c < arrays.length; c++) {
          arrays[c][next] = visits.value(from + v, c);
        }
        for (int c : timeVarying) {
          arrays[c][next] = visits.value(random.nextInt(visits.rowCount()), c);
        }
      }
    }
    starts[patients] = next;
    return new Timelines(new Table(real.schema(), arrays), starts, ids);
  }
}
