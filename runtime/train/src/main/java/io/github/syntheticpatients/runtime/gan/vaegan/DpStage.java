package io.github.syntheticpatients.runtime.gan.vaegan;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import io.github.syntheticpatients.runtime.dp.DpSchedule;
import io.github.syntheticpatients.runtime.dp.DpSgdStep;
import io.github.syntheticpatients.runtime.dp.PoissonSampler;
import io.github.syntheticpatients.runtime.dp.PrivacyLedger;
import io.github.syntheticpatients.runtime.gan.AdamOptimizer;
import io.github.syntheticpatients.runtime.gan.DjlEngine;
import io.github.syntheticpatients.runtime.gan.PerRecordClipping;
import io.github.syntheticpatients.runtime.random.RandomStream;
import java.util.List;

/**
 * One DP-SGD stage over linear stacks (privacy notes §1): per step, Poisson sampling of the
 * records, each record's loss gradient clipped to C in one backward pass ({@link
 * PerRecordClipping}), Gaussian noise and division by the expected batch ({@link DpSgdStep}), then
 * Adam on the released gradient; one ledger entry per step, empty batches included, and a stop
 * before a step that would take the ledger past the target.
 */
final class DpStage {
  /** Each sampled record's loss, computed inside the gradient collector through {@code probes}. */
  interface Loss {
    /**
     * @return one loss per record of {@code batch}, each depending on that record alone
     */
    NDArray perRecord(NDManager scope, int[] batch, PerRecordClipping probes);
  }

  /**
   * What the stage did.
   *
   * @param steps the steps taken
   * @param stoppedAtBudget whether it stopped before its planned steps to stay within ε
   * @param clippedShare the share of per-record gradients longer than C
   */
  record Result(long steps, boolean stoppedAtBudget, double clippedShare) {}

  private DpStage() {}

  /**
   * Runs {@code schedule} over {@code records} records; {@code parameters} must be in the order
   * {@code loss} probes them.
   */
  static Result run(
      Engine engine,
      NDManager root,
      List<NDArray> parameters,
      AdamOptimizer optimizer,
      int records,
      Loss loss,
      DpSchedule schedule,
      PrivacyLedger ledger,
      RandomStream random) {
    PoissonSampler sampler =
        new PoissonSampler(records, schedule.samplingRate(), random.split().nextLong());
    int[] sizes = DjlEngine.sizes(parameters);
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
    while (taken < schedule.steps()) {
      if (!schedule.affordsStep(ledger)) {
        return new Result(taken, true, seen == 0 ? 0 : (double) clipped / seen);
      }
      int[] batch = sampler.next();
      try (NDManager scope = root.newSubManager()) {
        if (batch.length > 0) {
          PerRecordClipping probes = new PerRecordClipping(scope, batch.length);
          try (GradientCollector collector = engine.newGradientCollector()) {
            collector.backward(loss.perRecord(scope, batch, probes).sum());
          }
          PerRecordClipping.Clipped sum = probes.clip(schedule.maxGradNorm());
          step.addClippedSum(sum.sum(), batch.length, sum.clipped());
        }
        seen += step.records();
        clipped += step.clipped();
        float[][] released = step.release();
        // The released gradient enters as Σ G·θ, whose gradient is exactly G.
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
      ledger.record(schedule.samplingRate(), schedule.noiseMultiplier());
      taken++;
    }
    return new Result(taken, false, seen == 0 ? 0 : (double) clipped / seen);
  }
}
