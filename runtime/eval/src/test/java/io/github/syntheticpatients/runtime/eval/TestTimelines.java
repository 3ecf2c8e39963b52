package io.github.syntheticpatients.runtime.eval;

import io.github.syntheticpatients.runtime.ColumnKind;
import io.github.syntheticpatients.runtime.data.Table;
import io.github.syntheticpatients.runtime.data.Timelines;
import io.github.syntheticpatients.runtime.schema.ColumnSchema;
import io.github.syntheticpatients.runtime.schema.TableSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Hand-made seeded timelines with known structure for the longitudinal metric tests. */
public final class TestTimelines {
  private TestTimelines() {}

  static final TableSchema SCHEMA =
      new TableSchema(
          List.of(
              new ColumnSchema("id", ColumnKind.IDENTIFIER, false, 0, List.of(), 0, false),
              new ColumnSchema(
                  "sex", ColumnKind.BINARY, false, 0, List.of("f", "m"), 0, false, true),
              new ColumnSchema("day", ColumnKind.INTEGER, false, 0, List.of(), 0, false),
              new ColumnSchema("lab", ColumnKind.NUMERIC, true, 0, List.of(), 2, false),
              new ColumnSchema("dose", ColumnKind.NUMERIC, false, 0, List.of(), 2, false),
              new ColumnSchema(
                  "state", ColumnKind.CATEGORICAL, false, 0, List.of("a", "b", "c"), 0, false)),
          null,
          "id",
          "day");

  /**
   * Patients with {@code minVisits..maxVisits} visits about 30 days apart. {@code lab} rises with
   * time at a patient-specific slope around a common level, plus a slowly wandering (AR(1), φ =
   * 0.8) term, 5 % missing; {@code dose} follows {@code lab}; {@code state} mostly keeps its
   * category from one visit to the next.
   */
  public static Timelines patients(int n, int minVisits, int maxVisits, long seed) {
    Random random = new Random(seed);
    List<double[]> rows = new ArrayList<>();
    int[] starts = new int[n + 1];
    List<String> ids = new ArrayList<>();
    for (int p = 0; p < n; p++) {
      starts[p] = rows.size();
      ids.add("p" + p);
      int visits = minVisits + random.nextInt(maxVisits - minVisits + 1);
      double sex = random.nextBoolean() ? 1 : 0;
      double slope = 0.02 + 0.01 * random.nextGaussian();
      double wander = 0;
      int state = random.nextInt(3);
      double day = 0;
      for (int v = 0; v < visits; v++) {
        wander = 0.8 * wander + random.nextGaussian();
        double lab = 10 + slope * day + wander;
        double dose = 2 * lab + random.nextGaussian();
        if (random.nextDouble() < 0.1) {
          state = random.nextInt(3);
        }
        rows.add(
            new double[] {
              Double.NaN, sex, day, random.nextDouble() < 0.05 ? Double.NaN : lab, dose, state
            });
        day += 20 + random.nextInt(21);
      }
    }
    starts[n] = rows.size();
    return of(rows, starts, ids);
  }

  /**
   * The same patients with each patient's time-varying values shuffled across its visits (times
   * kept).
   */
  public static Timelines shuffledVisits(Timelines t, long seed) {
    Random random = new Random(seed);
    Table visits = t.visits();
    List<double[]> rows = new ArrayList<>();
    int[] starts = new int[t.patientCount() + 1];
    List<String> ids = new ArrayList<>();
    for (int p = 0; p < t.patientCount(); p++) {
      starts[p] = rows.size();
      ids.add(t.id(p));
      int from = t.firstRow(p);
      int n = t.visitCount(p);
      List<Integer> order = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        order.add(from + i);
      }
      java.util.Collections.shuffle(order, random);
      for (int v = 0; v < n; v++) {
        int src = order.get(v);
        rows.add(
            new double[] {
              Double.NaN,
              visits.value(from, 1),
              visits.value(from + v, 2),
              visits.value(src, 3),
              visits.value(src, 4),
              visits.value(src, 5)
            });
      }
    }
    starts[t.patientCount()] = rows.size();
    return of(rows, starts, ids);
  }

  public static Timelines of(List<double[]> rows, int[] starts, List<String> ids) {
    double[][] c = new double[SCHEMA.columns().size()][rows.size()];
    for (int r = 0; r < rows.size(); r++) {
      for (int k = 0; k < c.length; k++) {
        c[k][r] = rows.get(r)[k];
      }
    }
    return new Timelines(new Table(SCHEMA, c), starts, ids);
  }
}
