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
import io.github.syntheticpatients.runtime.dp.PrivacyLedger;
import io.github.syntheticpatients.runtime.encode.EncodedLayout;
import io.github.syntheticpatients.runtime.random.RandomStream;
import java.util.Objects;

/**
 * Trains a CTGAN with DP-SGD on the discriminator only (privacy notes §5): the generator reads the
 * real records only through the critic, so it and its samples are post-processing. Each critic step
 * is one step of {@link DpSgdLoop} on a {@link DpCritic}.
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
   * @throws InvalidInputException naming {@code pac} when packing is on, or {@code criticLayerNorm}
   *     when the critic's layer norm is
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
    if (settings.criticLayerNorm()) {
      throw InvalidInputException.inParameter(
          "criticLayerNorm",
          "DP training clips each record's gradient through plain linear critic layers, so the"
              + " critic's layer norm must be off (criticLayerNorm false)");
    }
    TrainingListener progress = Objects.requireNonNullElse(listener, TrainingListener.NONE);
    synchronized (GanTrainer.LOCK) {
      try {
        return run(data, rows, layout, settings, schedule, ledger, seed, progress);
      } catch (NoClassDefFoundError e) {
        throw EngineUnavailableException.djlMissing(e);
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
    int width = layout.width();
    try (NDManager root = engine.newBaseManager()) {
      GeneratorNetwork generator =
          new GeneratorNetwork(
              root, settings.kind(), settings.latentDim(), settings.generatorDims(), width);
      OutputActivation activation = new OutputActivation(layout, ConditionVector.NONE);
      AdamOptimizer generatorOptimizer =
          new AdamOptimizer(
              root,
              generator.parameters(),
              settings.generatorLearningRate(),
              settings.beta1(),
              settings.beta2(),
              settings.generatorWeightDecay());
      DpCritic critic =
          new DpCritic(
              engine,
              root,
              width,
              settings.discriminatorDims(),
              settings.dropout(),
              settings.discriminatorLearningRate(),
              settings.beta1(),
              settings.beta2(),
              settings.discriminatorWeightDecay(),
              settings.gradientPenalty(),
              schedule.maxGradNorm());
      NDArray gumbelTau = Scalars.of(root, settings.gumbelTau());
      long stepsPerEpoch =
          Math.max(1, Math.round(settings.discriminatorSteps() / schedule.samplingRate()));
      DpSgdLoop.AfterStep progress = DpSgdLoop.progress(listener, schedule.steps(), stepsPerEpoch);
      DpSgdLoop.Result result =
          DpSgdLoop.run(
              root,
              rows,
              critic.sizes(),
              schedule,
              ledger,
              RandomStream.of(seed),
              (scope, batch, step) -> {
                float[] real = new float[batch.length * width];
                for (int i = 0; i < batch.length; i++) {
                  System.arraycopy(data, batch[i] * width, real, i * width, width);
                }
                // Grad mode is off here: the generator's forward builds no graph.
                NDArray fake =
                    activation
                        .activate(generator.forward(noise(scope, settings)), gumbelTau)
                        .stopGradient();
                critic.addRealTerm(scope, real, batch.length, step);
                return released -> critic.update(scope, fake, released);
              },
              taken -> {
                if (taken % settings.discriminatorSteps() == 0) {
                  try (NDManager scope = root.newSubManager()) {
                    NDArray z = noise(scope, settings);
                    try (GradientCollector collector = engine.newGradientCollector()) {
                      generatorOptimizer.zeroGradients();
                      NDArray fake = activation.activate(generator.forward(z), gumbelTau);
                      collector.backward(critic.score(fake).mean().neg());
                    }
                    generatorOptimizer.step();
                  }
                }
                progress.after(taken);
              });
      int epochsRun = DpSgdLoop.epochs(result.steps(), stepsPerEpoch);
      TrainedGenerator trained =
          new TrainedGenerator(
              settings.kind(),
              generator.export(),
              settings.latentDim(),
              ConditionVector.NONE,
              new double[0],
              new double[0],
              epochsRun);
      return new Result(trained, result.steps(), result.stoppedAtBudget(), result.clippedShare());
    }
  }

  private static NDArray noise(NDManager scope, GanSettings settings) {
    return scope.randomNormal(
        0f, 1f, new Shape(settings.batchSize(), settings.latentDim()), DataType.FLOAT32);
  }
}
