package io.github.syntheticpatients.runtime.argn;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import io.github.syntheticpatients.runtime.EngineUnavailableException;
import io.github.syntheticpatients.runtime.TrainingListener;
import io.github.syntheticpatients.runtime.dp.DpSchedule;
import io.github.syntheticpatients.runtime.dp.PrivacyLedger;
import io.github.syntheticpatients.runtime.gan.AdamOptimizer;
import io.github.syntheticpatients.runtime.gan.DjlEngine;
import io.github.syntheticpatients.runtime.gan.DpSgdLoop;
import io.github.syntheticpatients.runtime.gan.GanTrainer;
import io.github.syntheticpatients.runtime.model.argn.ArgnNetwork;
import io.github.syntheticpatients.runtime.random.RandomStream;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Trains the chain of heads with DP-SGD (privacy notes §1) in {@link DpSgdLoop}: each sampled
 * record's gradient is computed alone (a microbatch of one row) and clipped, and Adam applies the
 * released noisy gradient, which is post-processing.
 *
 * <p>Nothing else reads the training rows: no validation loss, no early stopping, no model
 * selection (the network after the last step is kept), and no loss is reported, since each of those
 * is a release outside the accountant.
 */
public final class DpArgnTrainer {
  private DpArgnTrainer() {}

  /**
   * What DP training did.
   *
   * @param trained the network after the last step; no losses
   * @param steps the steps taken
   * @param stoppedAtBudget whether training stopped before the planned steps to stay within ε
   * @param clippedShare the share of per-record gradients that were longer than the clip norm
   */
  public record Result(
      TrainedArgn trained, long steps, boolean stoppedAtBudget, double clippedShare) {}

  /**
   * Trains on {@code train} (row-major symbols, {@code rows × owners.length}) with the schedule;
   * every step goes into {@code ledger}.
   */
  public static Result train(
      int[] train,
      int[] vocabulary,
      int[] owners,
      ArgnSettings settings,
      DpSchedule schedule,
      PrivacyLedger ledger,
      long seed,
      TrainingListener listener) {
    Objects.requireNonNull(schedule, "schedule");
    TrainingListener progress = Objects.requireNonNullElse(listener, TrainingListener.NONE);
    synchronized (GanTrainer.LOCK) {
      try {
        return run(train, vocabulary, owners, settings, schedule, ledger, seed, progress);
      } catch (NoClassDefFoundError e) {
        throw EngineUnavailableException.djlMissing(e);
      }
    }
  }

  private static Result run(
      int[] train,
      int[] vocabulary,
      int[] owners,
      ArgnSettings settings,
      DpSchedule schedule,
      PrivacyLedger ledger,
      long seed,
      TrainingListener listener) {
    int heads = vocabulary.length;
    int rows = train.length / heads;
    Engine engine = DjlEngine.engine();
    engine.setRandomSeed((int) (seed ^ (seed >>> 32)));
    JniUtils.setGradMode(false);
    // Three independent streams: column orders, then batches and noise (the loop's).
    SplittableRandom orders = new SplittableRandom(seed);
    int[] dims = new int[heads];
    for (int j = 0; j < heads; j++) {
      dims[j] = settings.dims(vocabulary[j]);
    }
    int columns = heads == 0 ? 0 : owners[heads - 1] + 1;
    boolean[][] natural = ArgnTrainer.sees(owners, ArgnTrainer.identity(columns));
    try (NDManager root = engine.newBaseManager()) {
      ChainHeads network = new ChainHeads(root, vocabulary, dims, settings.hidden(), 0);
      List<NDArray> parameters = network.parameters();
      AdamOptimizer optimizer =
          new AdamOptimizer(
              root, parameters, settings.learningRate(), 0.9, 0.999, settings.weightDecay());
      long stepsPerEpoch = Math.max(1, Math.round(1 / schedule.samplingRate()));
      int[] row = new int[heads];
      DpSgdLoop.Result result =
          DpSgdLoop.run(
              root,
              rows,
              DjlEngine.sizes(parameters),
              schedule,
              ledger,
              RandomStream.of(seed),
              (scope, batch, step) -> {
                boolean[][] sees =
                    settings.anyOrder() && orders.nextBoolean()
                        ? ArgnTrainer.sees(owners, ArgnTrainer.shuffled(columns, orders))
                        : natural;
                for (int record : batch) {
                  System.arraycopy(train, record * heads, row, 0, heads);
                  step.add(gradientOf(engine, scope, network, optimizer, parameters, row, sees));
                }
                return released ->
                    DpSgdLoop.applyWith(engine, scope, optimizer, parameters, released);
              },
              DpSgdLoop.progress(listener, schedule.steps(), stepsPerEpoch));
      ArgnNetwork kept = network.export(settings.anyOrder());
      int epochsRun = DpSgdLoop.epochs(result.steps(), stepsPerEpoch);
      return new Result(
          new TrainedArgn(kept, epochsRun, epochsRun, new double[0], new double[0]),
          result.steps(),
          result.stoppedAtBudget(),
          result.clippedShare());
    }
  }

  /** One record's gradient, one float array per parameter. */
  private static float[][] gradientOf(
      Engine engine,
      NDManager parent,
      ChainHeads network,
      AdamOptimizer optimizer,
      List<NDArray> parameters,
      int[] row,
      boolean[][] sees) {
    try (NDManager scope = parent.newSubManager()) {
      try (GradientCollector collector = engine.newGradientCollector()) {
        optimizer.zeroGradients();
        collector.backward(network.negativeLogLikelihood(scope, row, 1, sees, null));
      }
      return gradients(parameters);
    }
  }

  /**
   * The gradients the last backward pass left on {@code parameters}, one float array per parameter
   * (zeros for a parameter it did not reach).
   */
  static float[][] gradients(List<NDArray> parameters) {
    float[][] gradient = new float[parameters.size()][];
    for (int p = 0; p < gradient.length; p++) {
      PtNDArray parameter = (PtNDArray) parameters.get(p);
      PtNDArray g = JniUtils.getGradient(parameter);
      if (g == null) {
        gradient[p] = new float[Math.toIntExact(parameter.size())];
      } else {
        try (g) {
          gradient[p] = g.toFloatArray();
        }
      }
    }
    return gradient;
  }
}
