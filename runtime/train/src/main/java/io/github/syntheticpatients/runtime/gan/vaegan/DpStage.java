package io.github.syntheticpatients.runtime.gan.vaegan;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import io.github.syntheticpatients.runtime.dp.DpSchedule;
import io.github.syntheticpatients.runtime.dp.PrivacyLedger;
import io.github.syntheticpatients.runtime.gan.AdamOptimizer;
import io.github.syntheticpatients.runtime.gan.DjlEngine;
import io.github.syntheticpatients.runtime.gan.DpSgdLoop;
import io.github.syntheticpatients.runtime.gan.PerRecordClipping;
import io.github.syntheticpatients.runtime.random.RandomStream;
import java.util.List;

/**
 * One DP-SGD stage over linear stacks (privacy notes §1), a step of {@link DpSgdLoop} each: the
 * sampled records' loss gradients clipped to C in one backward pass ({@link PerRecordClipping}),
 * then Adam on the released gradient.
 */
final class DpStage {
  /** Each sampled record's loss, computed inside the gradient collector through {@code probes}. */
  interface Loss {
    /**
     * @return one loss per record of {@code batch}, each depending on that record alone
     */
    NDArray perRecord(NDManager scope, int[] batch, PerRecordClipping probes);
  }

  private DpStage() {}

  /**
   * Runs {@code schedule} over {@code records} records; {@code parameters} must be in the order
   * {@code loss} probes them.
   */
  static DpSgdLoop.Result run(
      Engine engine,
      NDManager root,
      List<NDArray> parameters,
      AdamOptimizer optimizer,
      int records,
      Loss loss,
      DpSchedule schedule,
      PrivacyLedger ledger,
      RandomStream random) {
    return DpSgdLoop.run(
        root,
        records,
        DjlEngine.sizes(parameters),
        schedule,
        ledger,
        random,
        (scope, batch, step) -> {
          if (batch.length > 0) {
            PerRecordClipping probes = new PerRecordClipping(scope, batch.length);
            try (GradientCollector collector = engine.newGradientCollector()) {
              collector.backward(loss.perRecord(scope, batch, probes).sum());
            }
            PerRecordClipping.Clipped sum = probes.clip(schedule.maxGradNorm());
            step.addClippedSum(sum.sum(), batch.length, sum.clipped());
          }
          return released -> DpSgdLoop.applyWith(engine, scope, optimizer, parameters, released);
        },
        DpSgdLoop.AfterStep.NONE);
  }
}
