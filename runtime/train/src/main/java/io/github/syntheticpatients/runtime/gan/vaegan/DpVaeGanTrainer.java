package io.github.syntheticpatients.runtime.gan.vaegan;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
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
import io.github.syntheticpatients.runtime.model.DenseLayer;
import io.github.syntheticpatients.runtime.model.MlpNetwork;
import io.github.syntheticpatients.runtime.random.RandomStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Trains {@code dp-vaegan}'s three stages, each with DP-SGD over the same records and one ledger
 * (privacy notes §5, §6): (A) a VAE on the encoded rows without the target, every record's ELBO
 * gradient clipped and noised; (B) a generator from noise to the VAE's latent space, through the
 * frozen decoder, against a critic trained with DP-SGD ({@link DpCritic}), the generator itself
 * post-processing; (C) a labeler from the other columns to the target, trained with DP-SGD. Nothing
 * else reads the records: no loss is reported and nothing is selected.
 */
public final class DpVaeGanTrainer {
  private DpVaeGanTrainer() {}

  /**
   * The three plans; {@code labeler} is null when there is no discrete target.
   *
   * @param vae stage A
   * @param critic stage B: one generator step after every critic step
   * @param labeler stage C, or null
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
   * @param chain the generator followed by the decoder: noise to raw encoded rows without target
   * @param noiseDim the chain's noise width
   * @param labeler the labeler (activated rows without target to the target's logits), or null
   * @param steps steps taken per stage (A, B, C; C is 0 without a labeler)
   * @param stoppedAtBudget whether a stage stopped before its planned steps to stay within ε
   * @param clippedShares per stage, the share of per-record gradients longer than C
   */
  public record Result(
      MlpNetwork chain,
      int noiseDim,
      MlpNetwork labeler,
      long[] steps,
      boolean stoppedAtBudget,
      double[] clippedShares) {}

  /**
   * Trains on {@code features} ({@code rows × layout.width()}, the encoded rows without the target)
   * and {@code labels} ({@code rows × classes} one-hot, or null without a labeler).
   */
  public static Result train(
      float[] features,
      float[] labels,
      int classes,
      int rows,
      EncodedLayout layout,
      VaeGanSettings settings,
      Schedules schedules,
      PrivacyLedger ledger,
      long seed,
      TrainingListener listener) {
    TrainingListener progress = Objects.requireNonNullElse(listener, TrainingListener.NONE);
    synchronized (GanTrainer.LOCK) {
      try {
        return run(
            features, labels, classes, rows, layout, settings, schedules, ledger, seed, progress);
      } catch (NoClassDefFoundError e) {
        throw EngineUnavailableException.djlMissing(e);
      }
    }
  }

  private static Result run(
      float[] features,
      float[] labels,
      int classes,
      int rows,
      EncodedLayout layout,
      VaeGanSettings settings,
      Schedules schedules,
      PrivacyLedger ledger,
      long seed,
      TrainingListener listener) {
    Engine engine = DjlEngine.engine();
    engine.setRandomSeed((int) (seed ^ (seed >>> 32)));
    JniUtils.setGradMode(false);
    RandomStream streams = RandomStream.of(seed);
    int width = layout.width();
    int latent = settings.latentDim();
    Heads heads = new Heads(layout);
    try (NDManager root = engine.newBaseManager()) {
      NDArray half = constant(root, 0.5);
      NDArray one = constant(root, 1);
      // Stage A: the VAE.
      LinearStack encoder = new LinearStack(root, width, settings.vaeDims(), 2 * latent);
      LinearStack decoder = new LinearStack(root, latent, reversed(settings.vaeDims()), width);
      List<NDArray> vaeParameters = new ArrayList<>(encoder.parameters());
      vaeParameters.addAll(decoder.parameters());
      AdamOptimizer vaeOptimizer =
          new AdamOptimizer(root, vaeParameters, settings.vaeLearningRate(), 0.9, 0.999, 0);
      listener.onMessage("dp-vaegan stage A: the VAE, " + schedules.vae().steps() + " steps");
      DpSgdLoop.Result a =
          DpStage.run(
              engine,
              root,
              vaeParameters,
              vaeOptimizer,
              rows,
              (scope, batch, probes) -> {
                NDArray x = rowsOf(scope, features, width, batch);
                NDArray encoded = encoder.forward(x, probes);
                NDArray mu = encoded.get(":, 0:" + latent);
                NDArray logVariance = encoded.get(":, " + latent + ":" + 2 * latent);
                NDArray epsilon =
                    scope.randomNormal(0f, 1f, new Shape(batch.length, latent), DataType.FLOAT32);
                NDArray z = mu.add(logVariance.mul(half).exp().mul(epsilon));
                NDArray raw = decoder.forward(z, probes);
                // KL(N(μ, σ²) ‖ N(0, 1)) = ½ Σ (μ² + σ² − 1 − log σ²)
                NDArray kl =
                    mu.square()
                        .add(logVariance.exp())
                        .sub(one)
                        .sub(logVariance)
                        .sum(new int[] {1})
                        .mul(half);
                return heads.reconstruction(raw, x).add(kl);
              },
              schedules.vae(),
              ledger,
              streams.split());

      // Stage B: the generator through the frozen decoder, against a DP critic.
      listener.onMessage(
          "dp-vaegan stage B: the GAN on the decoder, " + schedules.critic().steps() + " steps");
      LinearStack generator =
          new LinearStack(root, settings.noiseDim(), settings.generatorDims(), latent);
      AdamOptimizer generatorOptimizer =
          new AdamOptimizer(root, generator.parameters(), settings.ganLearningRate(), 0.5, 0.9, 0);
      RandomStream ganStream = streams.split();
      DpSchedule critic = schedules.critic();
      DpCritic dpCritic =
          new DpCritic(
              engine,
              root,
              width,
              settings.criticDims(),
              0,
              settings.ganLearningRate(),
              0.5,
              0.9,
              0,
              settings.gradientPenalty(),
              critic.maxGradNorm());
      int fakes = (int) Math.max(2, Math.round(critic.samplingRate() * rows));
      DpSgdLoop.Result b =
          DpSgdLoop.run(
              root,
              rows,
              dpCritic.sizes(),
              critic,
              ledger,
              ganStream,
              (scope, batch, step) -> {
                NDArray fake =
                    heads
                        .activate(
                            decoder.forward(
                                generator.forward(noise(scope, fakes, settings), null), null))
                        .stopGradient();
                dpCritic.addRealTerm(scope, gather(features, width, batch), batch.length, step);
                return released -> dpCritic.update(scope, fake, released);
              },
              taken -> {
                try (NDManager scope = root.newSubManager()) {
                  NDArray z = noise(scope, fakes, settings);
                  try (GradientCollector collector = engine.newGradientCollector()) {
                    generatorOptimizer.zeroGradients();
                    vaeOptimizer
                        .zeroGradients(); // the decoder is frozen: its gradients are dropped
                    NDArray fake =
                        heads.activate(decoder.forward(generator.forward(z, null), null));
                    collector.backward(dpCritic.score(fake).mean().neg());
                  }
                  generatorOptimizer.step();
                }
              });
      long bSteps = b.steps();
      boolean stopped = a.stoppedAtBudget() || b.stoppedAtBudget();

      // Stage C: the labeler.
      MlpNetwork labelerNetwork = null;
      long cSteps = 0;
      double cClipped = 0;
      if (schedules.labeler() != null) {
        listener.onMessage(
            "dp-vaegan stage C: the labeler, " + schedules.labeler().steps() + " steps");
        LinearStack labeler = new LinearStack(root, width, settings.labelerDims(), classes);
        AdamOptimizer labelerOptimizer =
            new AdamOptimizer(
                root, labeler.parameters(), settings.vaeLearningRate(), 0.9, 0.999, 0);
        DpSgdLoop.Result c =
            DpStage.run(
                engine,
                root,
                labeler.parameters(),
                labelerOptimizer,
                rows,
                (scope, batch, probes) ->
                    labeler
                        .forward(rowsOf(scope, features, width, batch), probes)
                        .logSoftmax(1)
                        .mul(rowsOf(scope, labels, classes, batch))
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
      List<DenseLayer> chain = new ArrayList<>(generator.layers());
      chain.addAll(decoder.layers());
      return new Result(
          new MlpNetwork(chain),
          settings.noiseDim(),
          labelerNetwork,
          new long[] {a.steps(), bSteps, cSteps},
          stopped,
          new double[] {a.clippedShare(), b.clippedShare(), cClipped});
    }
  }

  private static NDArray rowsOf(NDManager scope, float[] data, int width, int[] batch) {
    return scope.create(gather(data, width, batch), new Shape(batch.length, width));
  }

  private static float[] gather(float[] data, int width, int[] batch) {
    float[] out = new float[batch.length * width];
    for (int i = 0; i < batch.length; i++) {
      System.arraycopy(data, batch[i] * width, out, i * width, width);
    }
    return out;
  }

  private static NDArray noise(NDManager scope, int rows, VaeGanSettings settings) {
    return scope.randomNormal(0f, 1f, new Shape(rows, settings.noiseDim()), DataType.FLOAT32);
  }

  /** A torch-owned 0-d constant (djl.md pitfall 1: no Number overloads inside a collector). */
  private static NDArray constant(NDManager manager, double value) {
    return manager.full(new Shape(), (float) value, DataType.FLOAT32);
  }

  private static List<Integer> reversed(List<Integer> dims) {
    List<Integer> out = new ArrayList<>(dims);
    java.util.Collections.reverse(out);
    return out;
  }
}
