package io.github.syntheticpatients.runtime.eval.privacy;

import io.github.syntheticpatients.runtime.GateCheck;
import io.github.syntheticpatients.runtime.GateResult;
import io.github.syntheticpatients.runtime.data.Table;
import io.github.syntheticpatients.runtime.data.Timelines;
import io.github.syntheticpatients.runtime.eval.stats.TableColumns;
import io.github.syntheticpatients.runtime.eval.stats.TreeValues;
import io.github.syntheticpatients.runtime.schema.TableSchema;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Patient-level privacy of synthetic timelines: a whole copied timeline is a copy, however ordinary
 * each of its visits looks. Two parts:
 *
 * <ul>
 *   <li>the privacy gate's checks G2–G12 ({@link PrivacyGate#checks}) on {@link PatientSummaries}
 *       of the training, holdout and synthetic patients (one row per patient), each check named
 *       {@code patient.<metric>};
 *   <li>G1 ({@code patient.copiedTimelines}, FAIL): the number of synthetic patients whose whole
 *       timeline equals a training patient's (same number of visits; at every visit every static
 *       and time-varying value and the time since the patient's first visit, continuous values
 *       within 10⁻⁶ of the training range, missing equal to missing) must not exceed {@code
 *       copiedTimelinesMax} (0). Times are compared as offsets from the first visit so that a copy
 *       shifted in time still counts.
 * </ul>
 *
 * <p>Noise: with the few hundred patients of a typical longitudinal study, the holdout-relative
 * checks are noisy (the DCR share of a fresh real sample spreads by about ±0.1 at 80 patients), so
 * a single spurious WARN or a borderline G4 on a small fresh sample is expected; G1 has no noise.
 *
 * @param summaryReport the privacy metrics of the patient summaries
 * @param copiedTimelines synthetic patients identical to a training patient
 * @param holdoutTimelinesInTrain holdout patients identical to a training patient (natural
 *     duplicates), -1 without holdout
 * @param trainPatients training patients
 * @param syntheticPatients synthetic patients
 * @param gate the verdict: G1 plus the patient-level G2–G12
 */
public record TimelinePrivacy(
    PrivacyReport summaryReport,
    int copiedTimelines,
    int holdoutTimelinesInTrain,
    int trainPatients,
    int syntheticPatients,
    GateResult gate) {

  /** Prefix of the patient-level check names. */
  public static final String PREFIX = "patient.";

  /**
   * Runs the patient-level checks.
   *
   * @param train the training patients
   * @param holdout patients the generator never saw, or null (holdout-relative checks are then not
   *     evaluated)
   * @param synthetic the synthetic patients, over the same columns
   * @param sensitiveColumn a static column, or a time-varying one (its last value is used), for the
   *     attribute-disclosure checks; or null
   * @param settings gate thresholds
   * @param seed seed of the subsamples
   */
  public static TimelinePrivacy evaluate(
      Timelines train,
      Timelines holdout,
      Timelines synthetic,
      String sensitiveColumn,
      GateSettings settings,
      long seed) {
    TableColumns.requireSameColumns(train.visits(), synthetic.visits(), "synthetic timelines");
    boolean hasHoldout = holdout != null && holdout.patientCount() > 0;
    if (hasHoldout) {
      TableColumns.requireSameColumns(train.visits(), holdout.visits(), "holdout timelines");
    }
    Table trainSummary = PatientSummaries.of(train);
    Table synSummary = PatientSummaries.of(synthetic);
    Table holdoutSummary = hasHoldout ? PatientSummaries.of(holdout) : null;
    String sensitive = summaryColumn(trainSummary, sensitiveColumn);
    PrivacyReport report =
        PrivacyGate.report(trainSummary, holdoutSummary, synSummary, sensitive, settings, seed);

    TimelineKeys keys = new TimelineKeys(train);
    Set<Key> trainKeys = keys.all(train);
    int copied = keys.countIn(synthetic, trainKeys);
    int holdoutCopies = hasHoldout ? keys.countIn(holdout, trainKeys) : -1;

    List<GateCheck> checks = new ArrayList<>();
    checks.add(
        copiedTimelinesCheck(
            copied,
            synthetic.patientCount(),
            holdoutCopies,
            hasHoldout ? holdout.patientCount() : 0,
            settings));
    for (GateCheck c :
        PrivacyGate.checks(report, PrivacyGate.hasContinuous(trainSummary), settings)) {
      checks.add(
          new GateCheck(
              c.id(),
              PREFIX + c.name(),
              c.level(),
              c.passed(),
              c.value(),
              c.threshold(),
              c.evaluated() ? c.rule() + " (one row per patient)" : c.rule(),
              c.advice(),
              c.nullValue()));
    }
    return new TimelinePrivacy(
        report,
        copied,
        holdoutCopies,
        train.patientCount(),
        synthetic.patientCount(),
        new GateResult(PrivacyGate.passed(checks), checks));
  }

  /**
   * G1: synthetic timelines identical to a training timeline. With a holdout, fresh real patients
   * can share a whole timeline with a training patient (few visits, few distinct values), so the
   * count is tested against the holdout's own count (exact conditional binomial test at the gate's
   * family α); when no holdout patient shares a timeline with a training patient, any copy fails;
   * without a holdout, at most copiedTimelinesMax.
   */
  static GateCheck copiedTimelinesCheck(
      int copied,
      int syntheticPatients,
      int holdoutCopies,
      int holdoutPatients,
      GateSettings settings) {
    String advice =
        "The generator reproduces whole training patients: train fewer epochs, use more patients, or enable DP once"
            + " available.";
    if (holdoutPatients == 0) {
      double max = settings.get("copiedTimelinesMax");
      return new GateCheck(
          "G1",
          PREFIX + "copiedTimelines",
          PrivacyGate.FAIL,
          copied <= max,
          copied,
          max,
          "synthetic timelines identical to a training timeline (all visits, all values) <= copiedTimelinesMax (no"
              + " holdout to measure the natural rate)",
          copied <= max ? "" : advice);
    }
    double alpha = settings.get("familyAlpha") / 7;
    CalibratedTest.Outcome o =
        CalibratedTest.countExcess(
            copied, syntheticPatients, holdoutCopies, holdoutPatients, alpha);
    // a whole timeline equal to a training one, where no holdout patient shares one: a memorised
    // patient, never chance
    boolean failed = holdoutCopies == 0 ? copied > 0 : o.rejects(alpha, 0);
    double limit = holdoutCopies == 0 ? 0 : o.critical();
    return new GateCheck(
        "G1",
        PREFIX + "copiedTimelines",
        PrivacyGate.FAIL,
        !failed,
        copied,
        limit,
        String.format(
            java.util.Locale.ROOT,
            "synthetic timelines identical to a training timeline, against the holdout's own count (%d of %d"
                + " patients; expected %.2f for fresh real patients; exact binomial test, p = %.4f, alpha %.4f)",
            holdoutCopies,
            holdoutPatients,
            o.nullValue(),
            o.pValue(),
            alpha),
        failed ? advice : "",
        o.nullValue());
  }

  /**
   * The numbers for {@code report.json}: counts, the headline patient-level metrics and the checks.
   */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new TreeMap<>();
    m.put("trainPatients", trainPatients);
    m.put("syntheticPatients", syntheticPatients);
    m.put("copiedTimelines", copiedTimelines);
    m.put("holdoutTimelinesInTrain", holdoutTimelinesInTrain < 0 ? null : holdoutTimelinesInTrain);
    PrivacyReport p = summaryReport;
    m.put("dcrShare", TreeValues.num(p.dcrShare()));
    m.put(
        "dcrMedianSyntheticToTrain",
        TreeValues.num(PrivacyReport.quantile(p.dcrSyntheticToTrain(), 0.5)));
    m.put(
        "dcrMedianHoldoutToTrain",
        TreeValues.num(PrivacyReport.quantile(p.dcrHoldoutToTrain(), 0.5)));
    m.put("nndrRatio", TreeValues.num(p.nndrRatio()));
    m.put("exactMatchShareTrain", TreeValues.num(p.imsTrain()));
    m.put("exactMatchShareHoldout", TreeValues.num(p.imsHoldout()));
    m.put("copiedSummaryRows", p.copiedRows());
    m.put("miaAuc", TreeValues.num(p.miaAuc()));
    m.put("miaTprAt1PctFpr", TreeValues.num(p.miaTprAtLowFpr()));
    m.put("identifiability", TreeValues.num(p.identifiability()));
    m.put("identifiabilityHoldout", TreeValues.num(p.identifiabilityHoldout()));
    m.put("sensitiveColumn", p.sensitiveColumn());
    m.put("disclosureProtection", TreeValues.num(p.disclosureProtection()));
    m.put(
        "summaries",
        "one row per patient: static columns, visits, time.first, time.span, and per time-varying"
            + " column first, last, mean (or mode) and missing share; distances as in the tabular report");
    m.put("membershipAttacks", p.attacksTree());
    m.put("passed", gate.passed());
    List<Object> checks = new ArrayList<>();
    for (GateCheck c : gate.checks()) {
      Map<String, Object> e = new TreeMap<>();
      e.put("id", c.id());
      e.put("name", c.name());
      e.put("level", c.level());
      e.put("passed", c.passed());
      e.put("status", c.status());
      e.put("value", TreeValues.num(c.value()));
      e.put("threshold", TreeValues.num(c.threshold()));
      e.put("rule", c.rule());
      e.put("advice", c.advice());
      checks.add(e);
    }
    m.put("checks", checks);
    return m;
  }

  /**
   * The number of patients of {@code other} whose whole timeline equals a patient's of {@code
   * train} (see the class comment for what "equal" means).
   */
  public static int copiedTimelines(Timelines train, Timelines other) {
    TimelineKeys keys = new TimelineKeys(train);
    return keys.countIn(other, keys.all(train));
  }

  private static String summaryColumn(Table summary, String column) {
    if (column == null) {
      return null;
    }
    TableSchema schema = summary.schema();
    if (schema.indexOf(column) >= 0) {
      return column;
    }
    if (schema.indexOf(column + ".last") >= 0) {
      return column + ".last";
    }
    throw new IllegalArgumentException(
        "Sensitive column '"
            + column
            + "' is neither a static nor a time-varying column of the timelines");
  }

  /** A whole timeline's quantised codes. */
  private record Key(long[] codes) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Key k && Arrays.equals(codes, k.codes);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(codes);
    }

    @Override
    public String toString() {
      return Arrays.toString(codes);
    }
  }

  /**
   * Quantised timeline keys fitted on the training visits, with times as offsets from each first
   * visit.
   */
  private static final class TimelineKeys {
    private final int time;
    private final RowKeys rowKeys;

    TimelineKeys(Timelines train) {
      time = train.schema().indexOf(train.schema().time());
      rowKeys = RowKeys.fittedOn(withOffsets(train), TableColumns.learned(train.schema()));
    }

    Set<Key> all(Timelines timelines) {
      Set<Key> keys = new HashSet<>();
      Table offsets = withOffsets(timelines);
      for (int p = 0; p < timelines.patientCount(); p++) {
        keys.add(key(timelines, offsets, p));
      }
      return keys;
    }

    int countIn(Timelines timelines, Set<Key> reference) {
      Table offsets = withOffsets(timelines);
      int n = 0;
      for (int p = 0; p < timelines.patientCount(); p++) {
        if (reference.contains(key(timelines, offsets, p))) {
          n++;
        }
      }
      return n;
    }

    private Key key(Timelines timelines, Table offsets, int patient) {
      int width = rowKeys.size();
      int visits = timelines.visitCount(patient);
      long[] codes = new long[1 + visits * width];
      codes[0] = visits;
      for (int v = 0; v < visits; v++) {
        System.arraycopy(
            rowKeys.exactCodes(offsets, timelines.firstRow(patient) + v),
            0,
            codes,
            1 + v * width,
            width);
      }
      return new Key(codes);
    }

    /**
     * The visit table with the time column replaced by the time since the patient's first visit.
     */
    private Table withOffsets(Timelines timelines) {
      Table visits = timelines.visits();
      double[][] arrays = new double[visits.columnCount()][];
      for (int c = 0; c < arrays.length; c++) {
        arrays[c] = visits.column(c);
      }
      double[] t = visits.column(time);
      double[] offsets = new double[t.length];
      for (int p = 0; p < timelines.patientCount(); p++) {
        int from = timelines.firstRow(p);
        for (int r = from; r < from + timelines.visitCount(p); r++) {
          offsets[r] = t[r] - t[from];
        }
      }
      arrays[time] = offsets;
      return new Table(visits.schema(), arrays);
    }
  }
}
