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
import io.github.syntheticpatients.runtime.dp.DpSgdStep;
import io.github.syntheticpatients.runtime.dp.PoissonSampler;
import io.github.syntheticpatients.runtime.dp.PrivacyLedger;
import io.github.syntheticpatients.runtime.gan.AdamOptimizer;
import io.github.syntheticpatients.runtime.gan.DjlEngine;
import io.github.syntheticpatients.runtime.gan.GanTrainer;
import io.github.syntheticpatients.runtime.model.argn.ArgnNetwork;
import io.github.syntheticpatients.runtime.random.RandomStream;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Trains the chain of heads with DP-SGD (privacy notes §1): each step Poisson-samples the training
 * records, computes each sampled record's gradient alone (a microbatch of one row), clips it, adds
 * Gaussian noise to the sum and divides by the expected batch size ({@link DpSgdStep}); Adam then
 * applies that noisy gradient, which is post-processing. Every step, an empty one included, is
 * recorded in the ledger, and training stops before a step that would take ε past the target.
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
    // Three independent streams: column orders, batches and noise.
    SplittableRandom orders = new SplittableRandom(seed);
    RandomStream streams = RandomStream.of(seed);
    PoissonSampler sampler =
        new PoissonSampler(rows, schedule.samplingRate(), streams.split().nextLong());
    RandomStream noise = streams.split();
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
      int[] sizes = DjlEngine.sizes(parameters);
      DpSgdStep step =
          new DpSgdStep(
              sizes,
              schedule.maxGradNorm(),
              schedule.noiseMultiplier(),
              schedule.samplingRate() * rows,
              noise);
      long stepsPerEpoch = Math.max(1, Math.round(1 / schedule.samplingRate()));
      int epochs = (int) Math.max(1, (schedule.steps() + stepsPerEpoch - 1) / stepsPerEpoch);
      long taken = 0;
      long seen = 0;
      long clipped = 0;
      boolean stopped = false;
      long start = System.nanoTime();
      int[] row = new int[heads];
      while (taken < schedule.steps()) {
        if (!schedule.affordsStep(ledger)) {
          stopped = true;
          break;
        }
        int[] batch = sampler.next();
        boolean[][] sees =
            settings.anyOrder() && orders.nextBoolean()
                ? ArgnTrainer.sees(owners, ArgnTrainer.shuffled(columns, orders))
                : natural;
        for (int record : batch) {
          System.arraycopy(train, record * heads, row, 0, heads);
          step.add(gradientOf(engine, root, network, optimizer, parameters, row, sees));
        }
        seen += step.records();
        clipped += step.clipped();
        apply(engine, root, optimizer, parameters, step.release());
        ledger.record(schedule.samplingRate(), schedule.noiseMultiplier());
        taken++;
        if (taken % stepsPerEpoch == 0 || taken == schedule.steps()) {
          int epoch = (int) ((taken + stepsPerEpoch - 1) / stepsPerEpoch);
          Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
          // No loss is reported: it would be computed from the training rows outside the budget.
          listener.onEpoch(
              new TrainingListener.EpochProgress(
                  epoch,
                  epochs,
                  Double.NaN,
                  Double.NaN,
                  elapsed,
                  elapsed.multipliedBy(schedule.steps() - taken).dividedBy(taken)));
        }
      }
      ArgnNetwork kept = network.export(settings.anyOrder());
      int epochsRun = (int) Math.max(1, (taken + stepsPerEpoch - 1) / stepsPerEpoch);
      return new Result(
          new TrainedArgn(kept, epochsRun, epochsRun, new double[0], new double[0]),
          taken,
          stopped,
          seen == 0 ? 0 : (double) clipped / seen);
    }
  }

  /** One record's gradient, one float array per parameter. */
  private static float[][] gradientOf(
      Engine engine,
      NDManager root,
      ChainHeads network,
      AdamOptimizer optimizer,
      List<NDArray> parameters,
      int[] row,
      boolean[][] sees) {
    try (NDManager scope = root.newSubManager()) {
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

  /**
   * Sets each parameter's gradient to the released noisy gradient G (the backward of Σ G·θ, whose
   * gradient is exactly G) and takes one Adam step.
   */
  static void apply(
      Engine engine,
      NDManager root,
      AdamOptimizer optimizer,
      List<NDArray> parameters,
      float[][] released) {
    try (NDManager scope = root.newSubManager()) {
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
  }
}
