package io.github.syntheticpatients.runtime.eval.fidelity;

import io.github.syntheticpatients.runtime.data.Timelines;
import java.util.ArrayList;
import java.util.List;

/**
 * The simplest link between a static attribute and the trajectory: how long after the last visit a
 * patient's follow-up ends. With the schema's {@code endTime} role (a static end of follow-up or
 * death time), each patient's margin {@code endTime − last visit time} is compared real against
 * synthetic (KS complement). A generator that draws the static follow-up time and the visits
 * independently keeps both marginals and breaks this one.
 */
public final class FollowUpLink {
  private FollowUpLink() {}

  /**
   * KS complement of the per-patient margins between end of follow-up and last visit; NaN when the
   * schema has no {@code endTime} or either side has no patient with both times present.
   */
  public static double similarity(Timelines real, Timelines synthetic) {
    if (real.schema().endTime() == null) {
      return Double.NaN;
    }
    return FidelityMetrics.ksComplement(margins(real), margins(synthetic));
  }

  /**
   * One value per patient with both times present: the end of follow-up (read at the first visit;
   * it is static) minus the time of the last visit.
   */
  public static double[] margins(Timelines timelines) {
    int time = timelines.schema().indexOf(timelines.schema().time());
    int end = timelines.schema().indexOf(timelines.schema().endTime());
    double[] t = timelines.visits().column(time);
    double[] e = timelines.visits().column(end);
    List<Double> margins = new ArrayList<>();
    for (int p = 0; p < timelines.patientCount(); p++) {
      int first = timelines.firstRow(p);
      int last = first + timelines.visitCount(p) - 1;
      if (!Double.isNaN(e[first]) && !Double.isNaN(t[last])) {
        margins.add(e[first] - t[last]);
      }
    }
    return margins.stream().mapToDouble(Double::doubleValue).toArray();
  }
}
