package io.github.syntheticpatients.runtime.gan;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import io.github.syntheticpatients.runtime.EngineUnavailableException;
import io.github.syntheticpatients.runtime.InvalidInputException;
import io.github.syntheticpatients.runtime.TrainingListener;
import io.github.syntheticpatients.runtime.dp.DpSchedule;
import io.github.syntheticpatients.runtime.dp.DpSgdStep;
import io.github.syntheticpatients.runtime.dp.PoissonSampler;
import io.github.syntheticpatients.runtime.dp.PrivacyLedger;
import io.github.syntheticpatients.runtime.encode.EncodedLayout;
import io.github.syntheticpatients.runtime.random.RandomStream;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Trains a CTGAN with DP-SGD on the discriminator only (privacy notes §5): the generator reads the
 * real records only through the critic, so it and its samples are post-processing. Each critic step
 * Poisson-samples the training records, clips each record's gradient of its real term −D(x_i) to
 * norm C ({@link PerRecordClipping}, one backward pass), adds Gaussian noise and divides by the
 * expected batch ({@link DpSgdStep}); the fake term and the gradient penalty read no record and are
 * added unclipped. Every critic step, an empty one included, is recorded in the ledger, and
 * training stops before a step that would take ε past the target.
 *
 * <p>What the non-DP CTGAN does with the records and this one does not: the gradient penalty on
 * real–fake interpolates (it reads record i outside its clipped gradient) is replaced by the same
 * penalty on the generated rows alone; the conditional vector is dropped (training-by-sampling
 * draws categories by their counts and picks rows by category, and the model would store the counts
 * for sampling); PacGAN packing is off (a pack would hold several records in one clipped gradient);
 * no loss is computed on real rows and no snapshot is selected.
 */
public final class DpGanTrainer {
  private DpGanTrainer() {}

  /**
   * What DP training did.
   *
   * @param trained the generator after the last step, with no losses
   * @param steps the critic steps taken (each one DP-SGD step)
   * @param stoppedAtBudget whether training stopped before the planned steps to stay within ε
   * @param clippedShare the share of per-record gradients that were longer than the clip norm
   */
  public record Result(
      TrainedGenerator trained, long steps, boolean stoppedAtBudget, double clippedShare) {}

  /**
   * Trains on {@code data} ({@code rows × layout.width()}, row-major) for the schedule's critic
   * steps, one generator step after every {@code settings.discriminatorSteps()} of them; fakes per
   * step: {@code settings.batchSize()}.
   *
   * @throws InvalidInputException naming {@code pac} when packing is on
   */
  public static Result train(
      float[] data,
      int rows,
      EncodedLayout layout,
      GanSettings settings,
      DpSchedule schedule,
      PrivacyLedger ledger,
      long seed,
      TrainingListener listener) {
    GanTrainer.validate(data, rows, layout);
    Objects.requireNonNull(schedule, "schedule");
    if (settings.pac() != 1) {
      throw InvalidInputException.inParameter(
          "pac",
          "DP training clips one record's gradient at a time, so PacGAN packing must be off"
              + " (pac 1), was "
              + settings.pac());
    }
    TrainingListener progress = Objects.requireNonNullElse(listener, TrainingListener.NONE);
    synchronized (GanTrainer.LOCK) {
      try {
        return run(data, rows, layout, settings, schedule, ledger, seed, progress);
      } catch (NoClassDefFoundError e) {
        throw new EngineUnavailableException(
            "DJL is not on the classpath ("
                + e.getMessage()
                + "); training needs ai.djl:api, ai.djl.pytorch:pytorch-engine and pytorch-native-cpu",
            e);
      }
    }
  }

  private static Result run(
      float[] data,
      int rows,
      EncodedLayout layout,
      GanSettings settings,
      DpSchedule schedule,
      PrivacyLedger ledger,
      long seed,
      TrainingListener listener) {
    Engine engine = DjlEngine.engine();
    engine.setRandomSeed((int) (seed ^ (seed >>> 32)));
    JniUtils.setGradMode(false);
    RandomStream streams = RandomStream.of(seed);
    PoissonSampler sampler =
        new PoissonSampler(rows, schedule.samplingRate(), streams.split().nextLong());
    RandomStream noise = streams.split();
    int width = layout.width();
    try (NDManager root = engine.newBaseManager()) {
      GeneratorNetwork generator =
          new GeneratorNetwork(
              root, settings.kind(), settings.latentDim(), settings.generatorDims(), width);
      CriticNetwork critic =
          new CriticNetwork(root, width, settings.discriminatorDims(), settings.dropout());
      OutputActivation activation = new OutputActivation(layout, ConditionVector.NONE);
      AdamOptimizer generatorOptimizer =
          new AdamOptimizer(
              root,
              generator.parameters(),
              settings.generatorLearningRate(),
              settings.beta1(),
              settings.beta2(),
              settings.generatorWeightDecay());
      List<NDArray> criticParameters = critic.parameters();
      AdamOptimizer criticOptimizer =
          new AdamOptimizer(
              root,
              criticParameters,
              settings.discriminatorLearningRate(),
              settings.beta1(),
              settings.beta2(),
              settings.discriminatorWeightDecay());
      int[] sizes = new int[criticParameters.size()];
      for (int p = 0; p < sizes.length; p++) {
        sizes[p] = Math.toIntExact(criticParameters.get(p).size());
      }
      DpSgdStep step =
          new DpSgdStep(
              sizes,
              schedule.maxGradNorm(),
              schedule.noiseMultiplier(),
              schedule.samplingRate() * rows,
              noise);
      Constants constants =
          new Constants(
              settings.kind() == GanSettings.Kind.CTGAN
                  ? Scalars.of(root, settings.gumbelTau())
                  : null,
              Scalars.of(root, 1),
              Scalars.of(root, 1e-12),
              Scalars.of(root, settings.gradientPenalty()));
      long stepsPerEpoch =
          Math.max(1, Math.round(settings.discriminatorSteps() / schedule.samplingRate()));
      int epochs = (int) Math.max(1, (schedule.steps() + stepsPerEpoch - 1) / stepsPerEpoch);
      long taken = 0;
      long seen = 0;
      long clipped = 0;
      boolean stopped = false;
      long start = System.nanoTime();
      while (taken < schedule.steps()) {
        if (!schedule.affordsStep(ledger)) {
          stopped = true;
          break;
        }
        int[] batch = sampler.next();
        try (NDManager scope = root.newSubManager()) {
          if (batch.length > 0) {
            float[] real = new float[batch.length * width];
            for (int i = 0; i < batch.length; i++) {
              System.arraycopy(data, batch[i] * width, real, i * width, width);
            }
            PerRecordClipping.Clipped sum =
                PerRecordClipping.criticRealTerm(
                    engine,
                    critic,
                    scope.create(real, new Shape(batch.length, width)),
                    schedule.maxGradNorm());
            step.addClippedSum(sum.sum(), batch.length, sum.clipped());
          }
          seen += step.records();
          clipped += step.clipped();
          float[][] released = step.release();
          criticStep(
              engine,
              scope,
              settings,
              generator,
              critic,
              activation,
              criticOptimizer,
              criticParameters,
              released,
              constants);
        }
        ledger.record(schedule.samplingRate(), schedule.noiseMultiplier());
        taken++;
        if (taken % settings.discriminatorSteps() == 0) {
          try (NDManager scope = root.newSubManager()) {
            generatorStep(
                engine,
                scope,
                settings,
                generator,
                critic,
                activation,
                generatorOptimizer,
                constants);
          }
        }
        if (taken % stepsPerEpoch == 0 || taken == schedule.steps()) {
          int epoch = (int) ((taken + stepsPerEpoch - 1) / stepsPerEpoch);
          Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
          // No loss is reported: the critic's would be computed on the training rows.
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
      int epochsRun = (int) Math.max(1, (taken + stepsPerEpoch - 1) / stepsPerEpoch);
      TrainedGenerator trained =
          new TrainedGenerator(
              settings.kind(),
              generator.export(),
              settings.latentDim(),
              ConditionVector.NONE,
              new double[0],
              new double[0],
              epochsRun);
      return new Result(trained, taken, stopped, seen == 0 ? 0 : (double) clipped / seen);
    }
  }

  /** Torch-owned constants (djl.md pitfall 1: no Number overloads inside a collector). */
  private record Constants(NDArray gumbelTau, NDArray one, NDArray normFloor, NDArray penalty) {}

  /**
   * Applies the released real-term gradient plus the gradient of mean D(fake) and of the penalty on
   * the generated rows, in one backward: the released part enters as Σ G·θ, whose gradient is
   * exactly G.
   */
  private static void criticStep(
      Engine engine,
      NDManager scope,
      GanSettings settings,
      GeneratorNetwork generator,
      CriticNetwork critic,
      OutputActivation activation,
      AdamOptimizer optimizer,
      List<NDArray> parameters,
      float[][] released,
      Constants constants) {
    // Grad mode is off here: the generator's forward builds no graph.
    NDArray fake =
        activation
            .activate(generator.forward(noise(scope, settings)), constants.gumbelTau())
            .stopGradient();
    try (GradientCollector collector = engine.newGradientCollector()) {
      optimizer.zeroGradients();
      NDArray total = critic.forward(fake, false).score().mean();
      if (settings.gradientPenalty() > 0) {
        NDArray gradient = critic.inputGradient(critic.forward(fake, true));
        NDArray norm = gradient.square().sum(new int[] {1}).add(constants.normFloor()).sqrt();
        total = total.add(norm.sub(constants.one()).square().mean().mul(constants.penalty()));
      }
      for (int p = 0; p < released.length; p++) {
        NDArray parameter = parameters.get(p);
        total = total.add(scope.create(released[p], parameter.getShape()).mul(parameter).sum());
      }
      collector.backward(total);
    }
    optimizer.step();
  }

  /** −mean D(fake): reads the critic only. */
  private static void generatorStep(
      Engine engine,
      NDManager scope,
      GanSettings settings,
      GeneratorNetwork generator,
      CriticNetwork critic,
      OutputActivation activation,
      AdamOptimizer optimizer,
      Constants constants) {
    NDArray z = noise(scope, settings);
    try (GradientCollector collector = engine.newGradientCollector()) {
      optimizer.zeroGradients();
      NDArray fake = activation.activate(generator.forward(z), constants.gumbelTau());
      collector.backward(critic.forward(fake, false).score().mean().neg());
    }
    optimizer.step();
  }

  private static NDArray noise(NDManager scope, GanSettings settings) {
    return scope.randomNormal(
        0f, 1f, new Shape(settings.batchSize(), settings.latentDim()), DataType.FLOAT32);
  }
}
