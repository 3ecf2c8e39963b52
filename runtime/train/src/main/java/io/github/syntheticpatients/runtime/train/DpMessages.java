package io.github.syntheticpatients.runtime.train;

import io.github.syntheticpatients.runtime.dp.DpSchedule;
import io.github.syntheticpatients.runtime.dp.PrivacySpent;
import java.util.Locale;

/**
 * The two lines a DP-SGD fitting tells the listener: the plan before training and what was spent
 * after. The clipped share in the second is read from the records outside the accountant: it goes
 * to whoever trains (to tune the clip norm), never into the model card.
 */
final class DpMessages {
  private DpMessages() {}

  /**
   * The plan, e.g. {@code "DP-SGD for argn: 1193 records, sampling rate q = …"}.
   *
   * @param subject what is trained, e.g. {@code "argn"}
   * @param records the records (or patients) sampled from, named by {@code recordsWord}
   * @param steps what a step is called, e.g. {@code "steps"} or {@code "critic steps"}
   */
  static String plan(
      String subject,
      int records,
      String recordsWord,
      int batch,
      String steps,
      DpSchedule schedule) {
    return String.format(
        Locale.ROOT,
        "DP-SGD for %s: %d %s, sampling rate q = %.5f (expected batch %d), %d %s, noise multiplier"
            + " %.4f, clip norm %.3g, delta %.3g%s",
        subject,
        records,
        recordsWord,
        schedule.samplingRate(),
        batch,
        schedule.steps(),
        steps,
        schedule.noiseMultiplier(),
        schedule.maxGradNorm(),
        schedule.delta(),
        targetNote(schedule.targetEpsilon()));
  }

  /**
   * What a plan's line ends with: {@code ", target epsilon 3.000"}, or nothing without a target.
   */
  static String targetNote(double targetEpsilon) {
    return Double.isNaN(targetEpsilon)
        ? ""
        : String.format(Locale.ROOT, ", target epsilon %.4g", targetEpsilon);
  }

  /**
   * What was spent, e.g. {@code "DP-SGD: 746 of 746 steps, epsilon = 2.9912 at delta = …"}.
   *
   * @param steps what a step is called, as in {@link #plan}
   */
  static String spent(
      long taken,
      DpSchedule schedule,
      String steps,
      PrivacySpent spent,
      double clippedShare,
      boolean stoppedAtBudget) {
    return String.format(
        Locale.ROOT,
        "DP-SGD: %d of %d %s, epsilon = %.4f at delta = %.3g (Rényi order %s), clipped share"
            + " %.3f%s",
        taken,
        schedule.steps(),
        steps,
        spent.epsilon(),
        schedule.delta(),
        spent.order(),
        clippedShare,
        stoppedAtBudget ? "; stopped before the budget would be exceeded" : "");
  }
}
