package io.github.syntheticpatients.runtime.eval.privacy;

import io.github.syntheticpatients.runtime.GateCheck;
import io.github.syntheticpatients.runtime.GateResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * G11 of the privacy gate (docs/privacy.md §9): a model trained with DP keeps its promise only if
 * the composed ε stayed within the target, δ lies below 1/n, batches were Poisson-sampled (what the
 * accountant assumes) and nothing else read the training records outside the accountant (no
 * encoder, loss or model selection fitted on them). A FAIL-level check; the empirical checks G2–G10
 * still run beside it, and under DP a failure there points at a leak outside the accountant.
 */
public final class DpAccountingCheck {
  private DpAccountingCheck() {}

  /**
   * What DP training recorded.
   *
   * @param epsilon the composed ε spent
   * @param targetEpsilon the budget, or NaN when only a noise multiplier was given
   * @param delta δ
   * @param records the training records (patients for longitudinal data)
   * @param poissonSampling whether every step's batch was Poisson-sampled
   * @param recordsReadOutsideAccountant whether anything besides the DP-SGD steps read the training
   *     records (an encoder fitted on them, early stopping, a loss term on real data)
   */
  public record Accounting(
      double epsilon,
      double targetEpsilon,
      double delta,
      long records,
      boolean poissonSampling,
      boolean recordsReadOutsideAccountant) {}

  /** The G11 check for {@code accounting}. */
  public static GateCheck check(Accounting a) {
    List<String> problems = new ArrayList<>();
    if (!Double.isNaN(a.targetEpsilon()) && !(a.epsilon() <= a.targetEpsilon())) {
      problems.add(
          String.format(
              Locale.ROOT, "epsilon %.4g exceeds the target %.4g", a.epsilon(), a.targetEpsilon()));
    }
    if (!(a.delta() * a.records() < 1)) {
      problems.add("delta " + a.delta() + " is not below 1/" + a.records());
    }
    if (!a.poissonSampling()) {
      problems.add("batches were not Poisson-sampled");
    }
    if (a.recordsReadOutsideAccountant()) {
      problems.add("training records were read outside the accountant");
    }
    boolean ok = problems.isEmpty();
    String rule =
        "composed epsilon <= target; delta < 1/n; Poisson sampling; no record read outside the"
            + " accountant";
    return new GateCheck(
        "G11",
        "dpAccounting",
        PrivacyGate.FAIL,
        ok,
        a.epsilon(),
        Double.isNaN(a.targetEpsilon()) ? Double.POSITIVE_INFINITY : a.targetEpsilon(),
        ok ? rule : rule + ": " + String.join("; ", problems),
        ok
            ? ""
            : "The DP guarantee does not hold as recorded: retrain with the DP options and the"
                + " argn generator, which samples, clips, adds noise and stops at the budget.");
  }

  /** {@code gate} with G11 for {@code accounting} added in id order, and the verdict recomputed. */
  public static GateResult with(GateResult gate, Accounting accounting) {
    List<GateCheck> checks = new ArrayList<>(gate.checks());
    int at = checks.size();
    for (int i = 0; i < checks.size(); i++) {
      if (order(checks.get(i).id()) > 11) {
        at = i;
        break;
      }
    }
    checks.add(at, check(accounting));
    return new GateResult(PrivacyGate.passed(checks), checks);
  }

  private static int order(String id) {
    try {
      return Integer.parseInt(id.substring(1));
    } catch (RuntimeException e) {
      return Integer.MAX_VALUE; // F1 and other non-G checks come after the G checks
    }
  }
}
