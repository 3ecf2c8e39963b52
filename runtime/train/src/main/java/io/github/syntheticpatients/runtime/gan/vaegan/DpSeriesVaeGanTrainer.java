package io.github.syntheticpatients.runtime.gan.vaegan;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import io.github.syntheticpatients.runtime.EngineUnavailableException;
import io.github.syntheticpatients.runtime.TrainingListener;
import io.github.syntheticpatients.runtime.dp.DpSchedule;
import io.github.syntheticpatients.runtime.dp.PrivacyLedger;
import io.github.syntheticpatients.runtime.encode.EncodedLayout;
import io.github.syntheticpatients.runtime.gan.AdamOptimizer;
import io.github.syntheticpatients.runtime.gan.DjlEngine;
import io.github.syntheticpatients.runtime.gan.DpCritic;
import io.github.syntheticpatients.runtime.gan.DpSgdLoop;
import io.github.syntheticpatients.runtime.gan.GanTrainer;
import io.github.syntheticpatients.runtime.model.MlpNetwork;
import io.github.syntheticpatients.runtime.model.SeriesDecoder;
import io.github.syntheticpatients.runtime.random.RandomStream;
import java.util.List;
import java.util.Objects;

/**
 * Trains {@code dp-vaegan} on fixed-length series, one patient per record, with DP-SGD in each
 * stage over the same patients and one ledger (privacy notes §5, §6): (A) a Conv1d VAE ({@link
 * SeriesVae}) on each patient's encoded steps and patient row, every patient's ELBO gradient over
 * encoder and decoder clipped as one by {@link SeriesClipping} in one backward pass, noised; (B) a
 * generator from noise to the latent space, through the frozen decoder, against a critic over the
 * whole flattened series and patient row trained with DP-SGD ({@link DpCritic}), the generator
 * itself post-processing; (C) with a discrete static target, a labeler from the rest of the patient
 * (the flattened steps and the patient row without the target, as the critic reads them) to the
 * target, trained with DP-SGD on the same patients. Nothing else reads the patients: no loss is
 * reported and nothing is selected.
 */
public final class DpSeriesVaeGanTrainer {
  private DpSeriesVaeGanTrainer() {}

  /**
   * The patients' encoded data.
   *
   * @param steps {@code patients × length × stepLayout.width()} encoded steps
   * @param statics {@code patients × staticLayout.width()} encoded patient rows, without the target
   *     when there is a labeler
   * @param labels {@code patients × classes} one-hot targets for the labeler, or null without one
   * @param classes the target's categories (0 without a labeler)
   * @param patients the number of patients
   * @param length the steps per patient
   * @param stepLayout one step's layout
   * @param staticLayout the patient row's layout (without the target when there is a labeler)
   */
  public record Data(
      float[] steps,
      float[] statics,
      float[] labels,
      int classes,
      int patients,
      int length,
      EncodedLayout stepLayout,
      EncodedLayout staticLayout) {
    public Data {
      if (steps.length != patients * length * stepLayout.width()
          || statics.length != patients * staticLayout.width()
          || (labels != null && labels.length != patients * classes)) {
        throw new IllegalArgumentException("The encoded arrays do not match the layouts");
      }
    }
  }

  /**
   * The plans of the stages.
   *
   * @param vae stage A
   * @param critic stage B: one generator step after every critic step
   * @param labeler stage C, or null without a discrete target
   */
  public record Schedules(DpSchedule vae, DpSchedule critic, DpSchedule labeler) {
    public Schedules {
      Objects.requireNonNull(vae, "vae");
      Objects.requireNonNull(critic, "critic");
    }
  }

  /**
   * What training produced.
   *
   * @param decoder the generator followed by the decoder, in plain Java
   * @param labeler the labeler (activated flattened steps, then the patient row without the target,
   *     to the target's logits), or null
   * @param steps steps taken per stage (A, B, C; C is 0 without a labeler)
   * @param stoppedAtBudget whether a stage stopped before its planned steps to stay within ε
   * @param clippedShares per stage, the share of per-patient gradients longer than C
   */
  public record Result(
      SeriesDecoder decoder,
      MlpNetwork labeler,
      long[] steps,
      boolean stoppedAtBudget,
      double[] clippedShares) {}

  public static Result train(
      Data data,
      SeriesVaeGanSettings settings,
      Schedules schedules,
      PrivacyLedger ledger,
      long seed,
      TrainingListener listener) {
    TrainingListener progress = Objects.requireNonNullElse(listener, TrainingListener.NONE);
    synchronized (GanTrainer.LOCK) {
      try {
        return run(data, settings, schedules, ledger, seed, progress);
      } catch (NoClassDefFoundError e) {
        throw EngineUnavailableException.djlMissing(e);
      }
    }
  }

  private static Result run(
      Data data,
      SeriesVaeGanSettings settings,
      Schedules schedules,
      PrivacyLedger ledger,
      long seed,
      TrainingListener listener) {
    Engine engine = DjlEngine.engine();
    engine.setRandomSeed((int) (seed ^ (seed >>> 32)));
    JniUtils.setGradMode(false);
    RandomStream streams = RandomStream.of(seed);
    int length = data.length();
    int stepWidth = data.stepLayout().width();
    int staticWidth = data.staticLayout().width();
    int seriesWidth = length * stepWidth;
    Heads stepHeads = new Heads(data.stepLayout());
    Heads staticHeads = new Heads(data.staticLayout());
    try (NDManager root = engine.newBaseManager()) {
      NDArray half = constant(root, 0.5);
      NDArray one = constant(root, 1);
      SeriesVae vae = new SeriesVae(root, length, stepWidth, staticWidth, settings);
      int latent = vae.latent();
      List<NDArray> vaeParameters = vae.parameters();
      AdamOptimizer vaeOptimizer =
          new AdamOptimizer(root, vaeParameters, settings.vaeLearningRate(), 0.9, 0.999, 0);
      listener.onMessage(
          "dp-vaegan stage A: the Conv1d VAE over "
              + length
              + " steps, "
              + schedules.vae().steps()
              + " steps of DP-SGD");
      DpSgdLoop.Result a =
          DpSgdLoop.run(
              root,
              data.patients(),
              DjlEngine.sizes(vaeParameters),
              schedules.vae(),
              ledger,
              streams.split(),
              (scope, batch, step) -> {
                if (batch.length > 0) {
                  int rows = batch.length;
                  SeriesClipping probes = new SeriesClipping(scope, rows);
                  try (GradientCollector collector = engine.newGradientCollector()) {
                    NDArray x =
                        scope.create(
                            gather(data.steps(), seriesWidth, batch),
                            new Shape(rows, length, stepWidth));
                    NDArray statics =
                        scope.create(
                            gather(data.statics(), staticWidth, batch),
                            new Shape(rows, staticWidth));
                    NDArray encoded = vae.encode(x, statics, probes);
                    NDArray mu = encoded.get(":, 0:" + latent);
                    NDArray logVariance = encoded.get(":, " + latent + ":" + 2 * latent);
                    NDArray epsilon =
                        scope.randomNormal(0f, 1f, new Shape(rows, latent), DataType.FLOAT32);
                    NDArray z = mu.add(logVariance.mul(half).exp().mul(epsilon));
                    NDList raw = vae.decode(z, probes);
                    NDArray seriesLoss =
                        stepHeads
                            .reconstruction(
                                raw.get(1).reshape((long) rows * length, stepWidth),
                                x.reshape((long) rows * length, stepWidth))
                            .reshape(rows, length)
                            .sum(new int[] {1});
                    // KL(N(μ, σ²) ‖ N(0, 1)) = ½ Σ (μ² + σ² − 1 − log σ²)
                    NDArray kl =
                        mu.square()
                            .add(logVariance.exp())
                            .sub(one)
                            .sub(logVariance)
                            .sum(new int[] {1})
                            .mul(half);
                    NDArray loss =
                        seriesLoss.add(staticHeads.reconstruction(raw.get(0), statics)).add(kl);
                    collector.backward(loss.sum());
                  }
                  SeriesClipping.Clipped sum = probes.clip(schedules.vae().maxGradNorm());
                  step.addClippedSum(sum.sum(), rows, sum.clipped());
                }
                return released ->
                    DpSgdLoop.applyWith(engine, scope, vaeOptimizer, vaeParameters, released);
              },
              DpSgdLoop.AfterStep.NONE);

      listener.onMessage(
          "dp-vaegan stage B: the GAN on the decoder, " + schedules.critic().steps() + " steps");
      LinearStack generator =
          new LinearStack(root, settings.noiseDim(), settings.generatorDims(), latent);
      AdamOptimizer generatorOptimizer =
          new AdamOptimizer(root, generator.parameters(), settings.ganLearningRate(), 0.5, 0.9, 0);
      DpSchedule critic = schedules.critic();
      int realWidth = seriesWidth + staticWidth;
      float[] real = flatten(data, seriesWidth, staticWidth);
      DpCritic dpCritic =
          new DpCritic(
              engine,
              root,
              realWidth,
              settings.criticDims(),
              0,
              settings.ganLearningRate(),
              0.5,
              0.9,
              0,
              settings.gradientPenalty(),
              critic.maxGradNorm());
      int fakes = (int) Math.max(2, Math.round(critic.samplingRate() * data.patients()));
      Fakes fake =
          (scope, rows) -> {
            NDArray z =
                scope.randomNormal(0f, 1f, new Shape(rows, settings.noiseDim()), DataType.FLOAT32);
            NDList raw = vae.decode(generator.forward(z, null), null);
            NDArray series =
                stepHeads
                    .activate(raw.get(1).reshape((long) rows * length, stepWidth))
                    .reshape(rows, seriesWidth);
            return NDArrays.concat(new NDList(series, staticHeads.activate(raw.get(0))), 1);
          };
      DpSgdLoop.Result b =
          DpSgdLoop.run(
              root,
              data.patients(),
              dpCritic.sizes(),
              critic,
              ledger,
              streams.split(),
              (scope, batch, step) -> {
                NDArray generated = fake.make(scope, fakes).stopGradient();
                dpCritic.addRealTerm(scope, gather(real, realWidth, batch), batch.length, step);
                return released -> dpCritic.update(scope, generated, released);
              },
              taken -> {
                try (NDManager scope = root.newSubManager()) {
                  try (GradientCollector collector = engine.newGradientCollector()) {
                    generatorOptimizer.zeroGradients();
                    vaeOptimizer.zeroGradients(); // the decoder is frozen: its gradients dropped
                    collector.backward(dpCritic.score(fake.make(scope, fakes)).mean().neg());
                  }
                  generatorOptimizer.step();
                }
              });
      boolean stopped = a.stoppedAtBudget() || b.stoppedAtBudget();

      // Stage C: the labeler, from what the critic reads of a patient to the target.
      MlpNetwork labelerNetwork = null;
      long cSteps = 0;
      double cClipped = 0;
      if (schedules.labeler() != null) {
        listener.onMessage(
            "dp-vaegan stage C: the labeler, " + schedules.labeler().steps() + " steps");
        LinearStack labeler =
            new LinearStack(root, realWidth, settings.labelerDims(), data.classes());
        AdamOptimizer labelerOptimizer =
            new AdamOptimizer(
                root, labeler.parameters(), settings.vaeLearningRate(), 0.9, 0.999, 0);
        DpSgdLoop.Result c =
            DpStage.run(
                engine,
                root,
                labeler.parameters(),
                labelerOptimizer,
                data.patients(),
                (scope, batch, probes) ->
                    labeler
                        .forward(
                            scope.create(
                                gather(real, realWidth, batch), new Shape(batch.length, realWidth)),
                            probes)
                        .logSoftmax(1)
                        .mul(
                            scope.create(
                                gather(data.labels(), data.classes(), batch),
                                new Shape(batch.length, data.classes())))
                        .sum(new int[] {1})
                        .neg(),
                schedules.labeler(),
                ledger,
                streams.split());
        labelerNetwork = labeler.export();
        cSteps = c.steps();
        cClipped = c.clippedShare();
        stopped |= c.stoppedAtBudget();
      }
      return new Result(
          vae.export(generator.layers(), settings.noiseDim(), settings.kernel()),
          labelerNetwork,
          new long[] {a.steps(), b.steps(), cSteps},
          stopped,
          new double[] {a.clippedShare(), b.clippedShare(), cClipped});
    }
  }

  /** Generated rows, activated and flattened as the critic reads real ones. */
  private interface Fakes {
    NDArray make(NDManager scope, int rows);
  }

  /** Each patient's steps then its patient row, one critic input per patient. */
  private static float[] flatten(Data data, int seriesWidth, int staticWidth) {
    int width = seriesWidth + staticWidth;
    float[] out = new float[data.patients() * width];
    for (int p = 0; p < data.patients(); p++) {
      System.arraycopy(data.steps(), p * seriesWidth, out, p * width, seriesWidth);
      System.arraycopy(data.statics(), p * staticWidth, out, p * width + seriesWidth, staticWidth);
    }
    return out;
  }

  private static float[] gather(float[] data, int width, int[] batch) {
    float[] out = new float[batch.length * width];
    for (int i = 0; i < batch.length; i++) {
      System.arraycopy(data, batch[i] * width, out, i * width, width);
    }
    return out;
  }

  /** A torch-owned 0-d constant (djl.md pitfall 1: no Number overloads inside a collector). */
  private static NDArray constant(NDManager manager, double value) {
    return manager.full(new Shape(), (float) value, DataType.FLOAT32);
  }
}
