package io.github.syntheticpatients.runtime.eval.fidelity;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * A fixed protocol schedule found in real visit times: a small set of times (months 0, 1, 2, 3, 6,
 * 9, 12) on which most visits fall, each patient attending a subset. Found only when it is plain:
 * the times that each hold at least {@value #MIN_TIME_SHARE} of the visits number at most {@value
 * #MAX_TIMES} and together hold at least {@value #MIN_COVERAGE} of them. Irregular times (days
 * since enrolment, ICU minutes) have no such set, and the schedule part is then left out.
 *
 * @param times the scheduled times, ascending (each held by at least {@value #MIN_TIME_SHARE} of
 *     the real visits, so never a rare value)
 * @param coverage the share of real visits that fall on one of them
 */
public record VisitSchedule(double[] times, double coverage) {
  /** A time belongs to the schedule when at least this share of visits falls on it. */
  public static final double MIN_TIME_SHARE = 0.01;

  /** A schedule has at most this many times. */
  public static final int MAX_TIMES = 24;

  /** The scheduled times must hold at least this share of the visits. */
  public static final double MIN_COVERAGE = 0.8;

  public VisitSchedule {
    times = times.clone();
  }

  @Override
  public double[] times() {
    return times.clone();
  }

  /**
   * The schedule of these visit times (missing ones skipped), or null when they follow none.
   *
   * @param visitTimes every visit's time, in the time column's unit
   */
  public static VisitSchedule detect(double[] visitTimes) {
    Map<Double, Integer> counts = new TreeMap<>();
    int visits = 0;
    for (double t : visitTimes) {
      if (!Double.isNaN(t)) {
        counts.merge(t, 1, Integer::sum);
        visits++;
      }
    }
    if (visits == 0) {
      return null;
    }
    int total = visits;
    double[] times =
        counts.entrySet().stream()
            .filter(e -> e.getValue() >= MIN_TIME_SHARE * total)
            .mapToDouble(Map.Entry::getKey)
            .toArray();
    double covered = Arrays.stream(times).mapToInt(t -> counts.get(t)).sum();
    double coverage = covered / visits;
    if (times.length == 0 || times.length > MAX_TIMES || coverage < MIN_COVERAGE) {
      return null;
    }
    return new VisitSchedule(times, coverage);
  }

  /**
   * The share of visits on each scheduled time, then the share off the schedule (missing times
   * skipped); a time counts as on the schedule only when it equals a scheduled time exactly.
   */
  public double[] shares(double[] visitTimes) {
    double[] shares = new double[times.length + 1];
    int visits = 0;
    for (double t : visitTimes) {
      if (Double.isNaN(t)) {
        continue;
      }
      int i = Arrays.binarySearch(times, t);
      shares[i >= 0 ? i : times.length]++;
      visits++;
    }
    for (int i = 0; i < shares.length && visits > 0; i++) {
      shares[i] /= visits;
    }
    return shares;
  }

  /**
   * 1 − total variation distance between the real and synthetic shares of visits per scheduled time
   * (off-schedule visits as one more category).
   */
  public double similarity(double[] realTimes, double[] syntheticTimes) {
    double[] r = shares(realTimes);
    double[] s = shares(syntheticTimes);
    double tv = 0;
    for (int i = 0; i < r.length; i++) {
      tv += Math.abs(r[i] - s[i]);
    }
    return 1 - tv / 2;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof VisitSchedule s
        && Arrays.equals(times, s.times)
        && coverage == s.coverage;
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(times) + Double.hashCode(coverage);
  }

  @Override
  public String toString() {
    return "VisitSchedule" + Arrays.toString(times) + " covering " + coverage;
  }
}
