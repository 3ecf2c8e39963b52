package io.github.syntheticpatients.runtime.eval;

import io.github.syntheticpatients.runtime.GateCheck;
import io.github.syntheticpatients.runtime.GateResult;
import io.github.syntheticpatients.runtime.data.Table;
import io.github.syntheticpatients.runtime.data.Timelines;
import io.github.syntheticpatients.runtime.eval.privacy.GateSettings;
import io.github.syntheticpatients.runtime.eval.privacy.PrivacyGate;
import io.github.syntheticpatients.runtime.eval.privacy.TimelinePrivacy;
import io.github.syntheticpatients.runtime.eval.stats.TableColumns;
import io.github.syntheticpatients.runtime.fit.copula.GaussianCopulaFitter;
import io.github.syntheticpatients.runtime.random.RandomStream;
import io.github.syntheticpatients.runtime.schema.ValueProtection;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The privacy gate's own error rates (docs/evaluation.md, "How good is the gate"): each table is
 * split at random into thirds T (training), H (holdout) and F (fresh real rows, what a perfect
 * generator would emit), and the gate judges several "synthetic" tables against T and H:
 *
 * <ul>
 *   <li>{@code fresh}: F itself; every refusal is a false refusal;
 *   <li>{@code copula}: a Gaussian copula fitted on T (a sound model that learned no row);
 *   <li>{@code copy}: T itself;
 *   <li>{@code nearCopy}: T with uniform ±0.2 % (of the column's range) jitter on every continuous
 *       column;
 *   <li>{@code memoriser}: training rows drawn with replacement, continuous columns moved by
 *       Gaussian noise of 5 % of the range and one discrete value in ten replaced by another row's
 *       (an overfit generator that emits lightly perturbed training rows).
 * </ul>
 *
 * Usage: {@code mvn -B -pl runtime/train -am -Pbenchmark test-compile exec:exec
 * -Dbenchmark.class=io.github.syntheticpatients.runtime.eval.GateBenchmark "-Dbenchmark.args=40 pbc
 * pima2"} (the number of splits, then the tables from src/test/resources/data; default 40 splits of
 * the six tabular tables); {@code "-Dbenchmark.args=40 timelines"} runs the patient-level gate on
 * thirds of pbcseq and cgd instead.
 */
public final class GateBenchmark {
  static final List<String> CASES = List.of("fresh", "copula", "copy", "nearCopy", "memoriser");

  private GateBenchmark() {}

  /**
   * The synthetic table of one case; the copula is fitted here, the other cases are {@link
   * GateCases}.
   */
  static Table synthetic(String name, Table train, Table fresh, long seed) {
    return name.equals("copula")
        ? GaussianCopulaFitter.fit(train, ValueProtection.DEFAULT_K)
            .sample(train.rowCount(), RandomStream.of(seed))
        : GateCases.synthetic(name, train, fresh, seed);
  }

  private static double value(GateResult gate, String name) {
    return gate.checks().stream()
        .filter(c -> c.name().equals(name))
        .findFirst()
        .orElseThrow()
        .value();
  }

  /** The TPR at 10 % FPR of the stronger attack (0.10 for fresh real rows). */
  private static double tprAt10Pct(GateResult gate) {
    return value(gate, "miaTprAt10PctFpr");
  }

  /**
   * The patient-level gate (G1 and the patient.* checks of {@link TimelinePrivacy}) on thirds of a
   * longitudinal table: fresh patients, and a copy of the training patients.
   */
  static void timelines(String name, String id, String time, int splits) {
    Timelines all = TimelineFixtures.load(name, id, time);
    for (String kase : List.of("fresh", "copy")) {
      int refused = 0;
      Map<String, Integer> reasons = new TreeMap<>();
      for (int s = 0; s < splits; s++) {
        long seed = 1000L * s + 17;
        int[] order = TableColumns.permutation(all.patientCount(), seed);
        int third = all.patientCount() / 3;
        Timelines train = all.selectPatients(Arrays.copyOfRange(order, 0, third));
        Timelines holdout = all.selectPatients(Arrays.copyOfRange(order, third, 2 * third));
        Timelines fresh = all.selectPatients(Arrays.copyOfRange(order, 2 * third, 3 * third));
        GateResult gate =
            TimelinePrivacy.evaluate(
                    train,
                    holdout,
                    kase.equals("fresh") ? fresh : train,
                    null,
                    GateSettings.defaults(),
                    seed)
                .gate();
        if (!gate.passed()) {
          refused++;
        }
        for (GateCheck c : gate.failures()) {
          reasons.merge(c.id() + " " + c.name(), 1, Integer::sum);
        }
      }
      System.out.printf(
          Locale.ROOT,
          "| %s (patients) | %d | %s | %d of %d | | | | %s |%n",
          name,
          all.patientCount() / 3,
          kase,
          refused,
          splits,
          reasons.isEmpty() ? "–" : reasons.toString());
      System.out.flush();
    }
  }

  public static void main(String[] arguments) {
    // exec:exec passes benchmark.args as one argument
    String[] args =
        String.join(" ", arguments).trim().isEmpty()
            ? new String[0]
            : String.join(" ", arguments).trim().split("\\s+");
    int splits = args.length > 0 ? Integer.parseInt(args[0]) : 40;
    if (args.length > 1 && args[1].equals("timelines")) {
      System.out.println(
          "| table | patients per third | case | refused | | | | failed checks (count) |");
      System.out.println("|---|---|---|---|---|---|---|---|");
      timelines("pbcseq", "id", "day", splits);
      timelines("cgd", "id", "tstart", splits);
      return;
    }
    List<String> tables =
        args.length > 1
            ? List.of(Arrays.copyOfRange(args, 1, args.length))
            : List.of("pbc", "pima2", "colon", "rotterdam", "flchain", "nafld1");
    System.out.println(
        "| table | rows per third | case | refused | mean distance-MIA AUC | mean DOMIAS AUC | mean TPR@10%FPR"
            + " (stronger attack) | failed checks (count) |");
    System.out.println("|---|---|---|---|---|---|---|---|");
    Map<String, int[]> totals = new LinkedHashMap<>();
    for (String name : tables) {
      Table all = EvaluationBenchmark.load(name);
      for (String kase : CASES) {
        int refused = 0;
        Map<String, Integer> reasons = new TreeMap<>();
        double[] sums = new double[3];
        for (int s = 0; s < splits; s++) {
          long seed = 1000L * s + 17;
          Table[] p = GateCases.thirds(all, seed);
          GateResult gate =
              PrivacyGate.evaluate(
                  p[0],
                  p[1],
                  synthetic(kase, p[0], p[2], seed + 1),
                  null,
                  GateSettings.defaults(),
                  seed);
          if (!gate.passed()) {
            refused++;
          }
          sums[0] += value(gate, "miaAuc") / splits;
          sums[1] += value(gate, "domiasAuc") / splits;
          sums[2] += tprAt10Pct(gate) / splits;
          for (GateCheck c : gate.failures()) {
            reasons.merge(c.id() + " " + c.name(), 1, Integer::sum);
          }
        }
        int[] t = totals.computeIfAbsent(kase, k -> new int[2]);
        t[0] += refused;
        t[1] += splits;
        System.out.printf(
            Locale.ROOT,
            "| %s | %d | %s | %d of %d | %.3f | %.3f | %.3f | %s |%n",
            name,
            all.rowCount() / 3,
            kase,
            refused,
            splits,
            sums[0],
            sums[1],
            sums[2],
            reasons.isEmpty() ? "–" : reasons.toString());
        System.out.flush();
      }
    }
    totals.forEach(
        (kase, t) ->
            System.out.printf(
                Locale.ROOT,
                "| all | | %s | %d of %d (%.1f %%) | | | | |%n",
                kase,
                t[0],
                t[1],
                100.0 * t[0] / t[1]));
  }
}
