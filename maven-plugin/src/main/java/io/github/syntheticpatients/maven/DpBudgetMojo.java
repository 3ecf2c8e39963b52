package io.github.syntheticpatients.maven;

import io.github.syntheticpatients.runtime.InvalidInputException;
import io.github.syntheticpatients.runtime.training.DpBudget;
import io.github.syntheticpatients.runtime.training.DpBudgetRequest;
import io.github.syntheticpatients.runtime.training.PrivacyBudget;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Plans a differential-privacy budget for DP-SGD training, like TensorFlow Privacy's {@code
 * compute_dp_sgd_privacy}: given the sampling rate (or dataset and batch size), the length of
 * training (epochs or steps), δ and a noise multiplier, prints ε and the optimal Rényi order; given
 * a target ε instead of the noise multiplier, prints the noise multiplier it needs. The accountant
 * is the RDP accountant of the Poisson-subsampled Gaussian mechanism (docs/privacy-dp.md). Needs no
 * project, data or native library. The last line, printed on standard output so that it shows even
 * with {@code mvn -q}, is {@code epsilon=<value> order=<value>} or {@code noiseMultiplier=<value>}.
 */
@Mojo(name = DpBudgetMojo.GOAL_NAME, requiresProject = false, threadSafe = true)
public final class DpBudgetMojo extends AbstractSyntheticMojo {
  static final String GOAL_NAME = "dp-budget";

  /** The property behind each request parameter, so an error names what to change. */
  static final Map<String, String> PROPERTY_BY_PARAMETER =
      Map.of(
          "samplingRate", PropertyNames.DP_SAMPLING_RATE,
          "datasetSize", PropertyNames.DP_DATASET_SIZE,
          "batchSize", PropertyNames.BATCH_SIZE,
          "noiseMultiplier", PropertyNames.DP_NOISE_MULTIPLIER,
          "epsilon", PropertyNames.DP_EPSILON,
          "epochs", PropertyNames.EPOCHS,
          "steps", PropertyNames.DP_STEPS,
          "delta", PropertyNames.DP_DELTA);

  /**
   * The chance that a patient joins a batch (Poisson sampling), in (0, 1]. Or give {@code
   * datasetSize} and {@code batchSize}.
   */
  @Parameter(property = PropertyNames.DP_SAMPLING_RATE)
  private Double samplingRate;

  /**
   * The number of patients (each one record): gives δ's default and bound, and the sampling rate.
   */
  @Parameter(property = PropertyNames.DP_DATASET_SIZE)
  private Long datasetSize;

  /** The expected batch size: the sampling rate is batchSize / datasetSize. */
  @Parameter(property = PropertyNames.BATCH_SIZE)
  private Integer batchSize;

  /** The noise's standard deviation over the clip norm, σ: the goal prints ε. */
  @Parameter(property = PropertyNames.DP_NOISE_MULTIPLIER)
  private Double noiseMultiplier;

  /** A target ε instead of the noise multiplier: the goal prints the noise multiplier it needs. */
  @Parameter(property = PropertyNames.DP_EPSILON)
  private Double epsilon;

  /** Passes over the data: steps = ⌈epochs / sampling rate⌉. Or give {@code steps}. */
  @Parameter(property = PropertyNames.EPOCHS)
  private Double epochs;

  /** Noisy gradient steps. Or give {@code epochs}. */
  @Parameter(property = PropertyNames.DP_STEPS)
  private Long steps;

  /**
   * δ, below 1/datasetSize. Default with {@code datasetSize}: min(1e-5, datasetSize^-1.1); required
   * without it.
   */
  @Parameter(property = PropertyNames.DP_DELTA)
  private Double delta;

  /** Skips this goal. */
  @Parameter(property = PropertyNames.DP_BUDGET_SKIP, defaultValue = "false")
  private boolean skipDpBudget;

  /** Where the machine-readable last line goes. */
  private PrintStream out = System.out;

  @Override
  protected String goal() {
    return GOAL_NAME;
  }

  @Override
  protected boolean isGoalSkipped() {
    return skipDpBudget;
  }

  @Override
  protected String goalSkipProperty() {
    return PropertyNames.DP_BUDGET_SKIP;
  }

  @Override
  protected void run() throws MojoFailureException {
    DpBudget budget;
    try {
      budget =
          PrivacyBudget.plan(
              new DpBudgetRequest(
                  samplingRate,
                  datasetSize,
                  batchSize,
                  noiseMultiplier,
                  epsilon,
                  epochs,
                  steps,
                  delta));
    } catch (InvalidInputException e) {
      throw failure(e);
    }
    report(budget).forEach(getLog()::info);
    if (budget.orderAtEdge()) {
      getLog()
          .warn(
              "The optimal Rényi order is the accountant's smallest or largest: a wider grid of"
                  + " orders might give a smaller ε.");
    }
    out.println(lastLine(budget));
  }

  /** The request's parameter named as the {@code -D} property and POM element to change. */
  static MojoFailureException failure(InvalidInputException e) {
    String property = PROPERTY_BY_PARAMETER.get(e.parameter());
    if (property == null) {
      return new MojoFailureException(e.getMessage(), e);
    }
    return new MojoFailureException(
        "-D"
            + property
            + " (<"
            + e.parameter()
            + "> in the POM): "
            + Failures.sentence(e.getMessage()),
        e);
  }

  /** The human-readable lines: the schedule read, the accountant, and the answer. */
  static List<String> report(DpBudget budget) {
    List<String> lines = new ArrayList<>();
    lines.add("DP-SGD budget, " + budget.accountant() + ":");
    lines.add("  sampling rate q = " + number(budget.samplingRate()));
    lines.add("  steps T = " + budget.steps());
    lines.add(
        "  delta = "
            + number(budget.delta())
            + (budget.defaultDelta() ? " (default: min(1e-5, datasetSize^-1.1))" : ""));
    if (budget.noiseSearched()) {
      lines.add(
          "The noise multiplier "
              + number(budget.noiseMultiplier())
              + " gives epsilon = "
              + number(budget.epsilon())
              + " (at most the target, within "
              + DpBudget.SEARCH_TOLERANCE
              + ") at Rényi order "
              + order(budget.order())
              + ".");
    } else {
      lines.add("  noise multiplier sigma = " + number(budget.noiseMultiplier()));
      lines.add(
          "epsilon = "
              + number(budget.epsilon())
              + " at Rényi order "
              + order(budget.order())
              + " (delta = "
              + number(budget.delta())
              + ").");
    }
    return lines;
  }

  /** {@code epsilon=<ε> order=<α>}, or {@code noiseMultiplier=<σ>} when σ was searched. */
  static String lastLine(DpBudget budget) {
    if (budget.noiseSearched()) {
      return "noiseMultiplier=" + number(budget.noiseMultiplier());
    }
    return "epsilon=" + number(budget.epsilon()) + " order=" + order(budget.order());
  }

  /** Shortest round-trip decimal: what a script parses back to the same double. */
  private static String number(double value) {
    return Double.toString(value);
  }

  /**
   * Whole orders without ".0" (19, not 19.0); others as doubles (3.9); NaN when none is optimal.
   */
  private static String order(double order) {
    return order == Math.rint(order) && !Double.isInfinite(order)
        ? Long.toString((long) order)
        : number(order);
  }

  /** For tests: where the machine-readable line goes. */
  void printTo(PrintStream stream) {
    this.out = stream;
  }
}
