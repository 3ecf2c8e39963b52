package io.github.syntheticpatients.runtime.eval.fidelity;

import io.github.syntheticpatients.runtime.data.Timelines;
import io.github.syntheticpatients.runtime.eval.stats.TreeValues;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a clinician looks at first in a timeline, beside {@link TimelineQuality}: when visits happen
 * ({@link VisitTimes}), how each patient's values move from one visit to the next ({@link
 * PatientAutocorrelation}), how states persist and change ({@link StateTransitions}), and whether
 * follow-up ends after the last visit as in the real data ({@link FollowUpLink}). Each part is a
 * similarity in [0, 1], 1 meaning identical, NaN when it does not apply.
 *
 * @param visitTimes first visit, all visit times and the protocol schedule
 * @param patientAutocorrelation per-patient lag-1 and lag-2 autocorrelations
 * @param stateTransitions transition matrices of the discrete time-varying columns
 * @param followUp the margin between last visit and end of follow-up; NaN without {@code endTime}
 * @param score the mean of the four parts' scores that are not NaN
 */
public record TimelineDynamics(
    VisitTimes visitTimes,
    PatientAutocorrelation patientAutocorrelation,
    StateTransitions stateTransitions,
    double followUp,
    double score) {

  /** Scores synthetic timelines against real ones. */
  public static TimelineDynamics compute(Timelines real, Timelines synthetic) {
    VisitTimes times = VisitTimes.compute(real, synthetic);
    PatientAutocorrelation auto = PatientAutocorrelation.compute(real, synthetic);
    StateTransitions transitions = StateTransitions.compute(real, synthetic);
    double followUp = FollowUpLink.similarity(real, synthetic);
    return new TimelineDynamics(
        times,
        auto,
        transitions,
        followUp,
        QualityReport.nanMean(
            new double[] {times.score(), auto.score(), transitions.score(), followUp}));
  }

  /** The scores for {@code report.json} (NaN becomes null). */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new TreeMap<>();
    m.put("score", TreeValues.num(score));
    m.put("visitTimes", visitTimes.toMap());
    m.put("patientAutocorrelation", patientAutocorrelation.toMap());
    m.put("stateTransitions", stateTransitions.toMap());
    m.put("followUp", TreeValues.num(followUp));
    m.put(
        "definitions",
        new TreeMap<>(
            Map.of(
                "visitTimes",
                "KS complement of first visit times and of all visit times; with a protocol schedule in"
                    + " the real data (at most "
                    + VisitSchedule.MAX_TIMES
                    + " times each holding >= "
                    + VisitSchedule.MIN_TIME_SHARE
                    + " of visits, together >= "
                    + VisitSchedule.MIN_COVERAGE
                    + "), 1 - TV of the shares of visits per scheduled time",
                "patientAutocorrelation",
                "KS complement of the per-patient lag-1 and lag-2 autocorrelations of each continuous"
                    + " time-varying column (patients with >= lag + 2 values; >= "
                    + PatientAutocorrelation.MIN_PATIENTS
                    + " patients a side)",
                "stateTransitions",
                "1 - real-frequency-weighted total variation between the rows of the real and synthetic"
                    + " visit-to-visit transition matrices of each discrete time-varying column",
                "followUp",
                "KS complement of end of follow-up (endTime) minus last visit time, per patient")));
    return m;
  }
}
