package io.github.syntheticpatients.runtime.train;

import io.github.syntheticpatients.runtime.TrainingListener;
import io.github.syntheticpatients.runtime.dp.DpSchedule;
import io.github.syntheticpatients.runtime.dp.DpSettings;
import io.github.syntheticpatients.runtime.dp.PrivacyLedger;
import io.github.syntheticpatients.runtime.dp.PrivacySpent;
import io.github.syntheticpatients.runtime.dp.RdpAccountant;
import java.util.Map;

/**
 * One DP fitting's budget from start to record: δ for the record count, σ searched for the target ε
 * (or the given one), the empty ledger the steps are accounted in, and at the end what was spent,
 * told to the listener and put in the model card's record. The DP fittings share it so that each of
 * these rules has one owner.
 */
final class DpPlan {
  private final DpSettings dp;
  private final int records;
  private final PrivacyLedger ledger;
  private final DpSchedule schedule;

  private DpPlan(DpSettings dp, int records, PrivacyLedger ledger, DpSchedule schedule) {
    this.dp = dp;
    this.records = records;
    this.ledger = ledger;
    this.schedule = schedule;
  }

  /**
   * The plan of {@code steps} steps at sampling rate q over {@code records} records (or patients).
   */
  static DpPlan of(DpSettings dp, int records, double samplingRate, long steps) {
    double delta = dp.deltaFor(records);
    PrivacyLedger ledger = new PrivacyLedger(RdpAccountant.standard());
    double sigma = dp.noiseFor(ledger, samplingRate, steps, delta);
    return new DpPlan(
        dp,
        records,
        ledger,
        new DpSchedule(samplingRate, steps, sigma, dp.maxGradNorm(), delta, dp.targetEpsilon()));
  }

  /** The sampling rate of an expected batch of {@code batch} out of {@code records}: at most 1. */
  static double samplingRate(int batch, int records) {
    return Math.min(1, (double) batch / records);
  }

  /** The steps that make {@code passes} expected passes over the data at sampling rate q. */
  static long steps(long passes, double samplingRate) {
    return (long) Math.ceil(passes / samplingRate);
  }

  /** What every step samples and adds, and the budget: handed to the trainer. */
  DpSchedule schedule() {
    return schedule;
  }

  /** The ledger the trainer records its steps in. */
  PrivacyLedger ledger() {
    return ledger;
  }

  /** The records (or patients) the plan samples from. */
  int records() {
    return records;
  }

  /** What the ledger holds now, at the plan's δ. */
  PrivacySpent spent() {
    return ledger.spent(schedule.delta());
  }

  /**
   * The DP-SGD plan's line ({@link DpMessages#plan}).
   *
   * @param subject what is trained, e.g. {@code "argn"}
   * @param recordsWord what a record is called, e.g. {@code "patients"}
   * @param batch the expected batch
   * @param steps what a step is called, e.g. {@code "critic steps"}
   */
  String announce(String subject, String recordsWord, int batch, String steps) {
    return DpMessages.plan(subject, records, recordsWord, batch, steps, schedule);
  }

  /**
   * Tells the listener what a DP-SGD run spent ({@link DpMessages#spent}) and returns the model
   * card's record ({@link DpRecord#of}).
   *
   * @param taken the steps taken
   * @param steps what a step is called, as in {@link #announce}
   * @param clippedShare the share of clipped gradients, for the listener only
   * @param stoppedAtBudget whether the run stopped before the budget would be exceeded
   * @param unit the unit of privacy, {@code row} or {@code patient}
   * @param preprocessing how the encoding was fitted
   */
  Map<String, Object> finish(
      TrainingListener listener,
      long taken,
      String steps,
      double clippedShare,
      boolean stoppedAtBudget,
      String unit,
      String preprocessing) {
    PrivacySpent spent = spent();
    listener.onMessage(
        DpMessages.spent(taken, schedule, steps, spent, clippedShare, stoppedAtBudget));
    return DpRecord.of(
        spent,
        schedule.delta(),
        dp,
        schedule.noiseMultiplier(),
        schedule.samplingRate(),
        taken,
        schedule.steps(),
        stoppedAtBudget,
        records,
        unit,
        preprocessing);
  }
}
