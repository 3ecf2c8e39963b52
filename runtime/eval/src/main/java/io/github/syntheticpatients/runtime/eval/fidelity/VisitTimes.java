package io.github.syntheticpatients.runtime.eval.fidelity;

import io.github.syntheticpatients.runtime.data.Timelines;
import io.github.syntheticpatients.runtime.eval.stats.TreeValues;
import java.util.Map;
import java.util.TreeMap;

/**
 * When visits happen, beyond the gaps that {@link TimelineQuality} scores: the first visit's time,
 * all visit times pooled, and, where the real visits follow a fixed protocol schedule ({@link
 * VisitSchedule}), the share of visits on each scheduled time. Each part is a similarity in [0, 1],
 * 1 meaning identical.
 *
 * @param firstTime KS complement of the patients' first visit times
 * @param allTimes KS complement of all visit times pooled
 * @param schedule 1 − total variation of the shares of visits per scheduled time (off-schedule
 *     visits as one more category); NaN when the real times follow no schedule
 * @param scheduledTimes how many times the real schedule has; 0 when none
 * @param score the mean of the three parts that are not NaN
 */
public record VisitTimes(
    double firstTime, double allTimes, double schedule, int scheduledTimes, double score) {

  /** Compares the visit times of synthetic and real patients. */
  public static VisitTimes compute(Timelines real, Timelines synthetic) {
    int time = real.schema().indexOf(real.schema().time());
    double[] realTimes = real.visits().column(time);
    double[] syntheticTimes = synthetic.visits().column(time);
    double first =
        FidelityMetrics.ksComplement(
            real.firstVisits().column(time), synthetic.firstVisits().column(time));
    double all = FidelityMetrics.ksComplement(realTimes, syntheticTimes);
    VisitSchedule found = VisitSchedule.detect(realTimes);
    double schedule = found == null ? Double.NaN : found.similarity(realTimes, syntheticTimes);
    return new VisitTimes(
        first,
        all,
        schedule,
        found == null ? 0 : found.times().length,
        QualityReport.nanMean(new double[] {first, all, schedule}));
  }

  /** The scores for {@code report.json} (NaN becomes null). */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new TreeMap<>();
    m.put("firstTime", TreeValues.num(firstTime));
    m.put("allTimes", TreeValues.num(allTimes));
    m.put("schedule", TreeValues.num(schedule));
    m.put("scheduledTimes", scheduledTimes);
    m.put("score", TreeValues.num(score));
    return m;
  }
}
