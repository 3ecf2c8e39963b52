package io.github.syntheticpatients.runtime.gan;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import io.github.syntheticpatients.runtime.TrainingListener;
import io.github.syntheticpatients.runtime.dp.DpSchedule;
import io.github.syntheticpatients.runtime.dp.DpSgdStep;
import io.github.syntheticpatients.runtime.dp.PoissonSampler;
import io.github.syntheticpatients.runtime.dp.PrivacyLedger;
import io.github.syntheticpatients.runtime.random.RandomStream;
import java.time.Duration;
import java.util.List;

/**
 * The DP-SGD step loop (privacy notes §1), the one owner of its order for every DP trainer: each
 * step stops before it would take the ledger past the target, Poisson-samples the records, lets the
 * caller add each sampled record's clipped gradient to a {@link DpSgdStep}, releases the noisy mean
 * (noise σ·C on the sum, divided by q·n; an empty batch releases noise only), hands it to the
 * caller's update and records the step in the ledger. The caller owns the network, its loss and its
 * optimiser.
 */
public final class DpSgdLoop {
  /** One step's sampled records. */
  public interface Batch {
    /**
     * Adds the gradient of every record of {@code batch}, each clipped to C, to {@code step}, and
     * returns what applies the released gradient; arrays made on {@code scope} live until that
     * update has run.
     */
    Update gradients(NDManager scope, int[] batch, DpSgdStep step);
  }

  /** Applies one step's released noisy mean gradient (post-processing). */
  public interface Update {
    void apply(float[][] released);
  }

  /** Runs after each step is recorded, with the steps taken so far: progress, a generator step. */
  public interface AfterStep {
    AfterStep NONE = taken -> {};

    void after(long taken);
  }

  /**
   * What the loop did.
   *
   * @param steps the steps taken
   * @param stoppedAtBudget whether it stopped before the planned steps to stay within ε
   * @param clippedShare the share of per-record gradients that were longer than the clip norm
   */
  public record Result(long steps, boolean stoppedAtBudget, double clippedShare) {}

  private DpSgdLoop() {}

  /**
   * Runs {@code schedule} over {@code records} records whose gradients have the parameter {@code
   * sizes}; the batches come from {@code random}'s first split, the noise from its second.
   */
  public static Result run(
      NDManager root,
      int records,
      int[] sizes,
      DpSchedule schedule,
      PrivacyLedger ledger,
      RandomStream random,
      Batch batches,
      AfterStep after) {
    PoissonSampler sampler =
        new PoissonSampler(records, schedule.samplingRate(), random.split().nextLong());
    DpSgdStep step =
        new DpSgdStep(
            sizes,
            schedule.maxGradNorm(),
            schedule.noiseMultiplier(),
            schedule.samplingRate() * records,
            random.split());
    long taken = 0;
    long seen = 0;
    long clipped = 0;
    boolean stopped = false;
    while (taken < schedule.steps()) {
      if (!schedule.affordsStep(ledger)) {
        stopped = true;
        break;
      }
      int[] batch = sampler.next();
      try (NDManager scope = root.newSubManager()) {
        Update update = batches.gradients(scope, batch, step);
        seen += step.records();
        clipped += step.clipped();
        update.apply(step.release());
      }
      ledger.record(schedule.samplingRate(), schedule.noiseMultiplier());
      taken++;
      after.after(taken);
    }
    return new Result(taken, stopped, seen == 0 ? 0 : (double) clipped / seen);
  }

  /**
   * Sets each parameter's gradient to the released noisy gradient G (the backward of Σ G·θ, whose
   * gradient is exactly G) and takes one step of {@code optimizer}.
   */
  public static void applyWith(
      Engine engine,
      NDManager scope,
      AdamOptimizer optimizer,
      List<NDArray> parameters,
      float[][] released) {
    try (GradientCollector collector = engine.newGradientCollector()) {
      optimizer.zeroGradients();
      NDArray surrogate = null;
      for (int p = 0; p < released.length; p++) {
        NDArray parameter = parameters.get(p);
        NDArray term = scope.create(released[p], parameter.getShape()).mul(parameter).sum();
        surrogate = surrogate == null ? term : surrogate.add(term);
      }
      collector.backward(surrogate);
    }
    optimizer.step();
  }

  /**
   * Reports an epoch to {@code listener} every {@code stepsPerEpoch} steps and after the last
   * planned one, with no loss: a loss would be computed from the training records outside the
   * budget. The clock starts now.
   */
  public static AfterStep progress(
      TrainingListener listener, long plannedSteps, long stepsPerEpoch) {
    int epochs = epochs(plannedSteps, stepsPerEpoch);
    long start = System.nanoTime();
    return taken -> {
      if (taken % stepsPerEpoch == 0 || taken == plannedSteps) {
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        listener.onEpoch(
            new TrainingListener.EpochProgress(
                epochs(taken, stepsPerEpoch),
                epochs,
                Double.NaN,
                Double.NaN,
                elapsed,
                elapsed.multipliedBy(plannedSteps - taken).dividedBy(taken)));
      }
    };
  }

  /** The epochs that {@code steps} steps make, at least one. */
  public static int epochs(long steps, long stepsPerEpoch) {
    return (int) Math.max(1, (steps + stepsPerEpoch - 1) / stepsPerEpoch);
  }
}
