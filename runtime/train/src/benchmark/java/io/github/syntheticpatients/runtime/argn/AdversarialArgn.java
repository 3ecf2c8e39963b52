package io.github.syntheticpatients.runtime.argn;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.norm.Dropout;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import io.github.syntheticpatients.runtime.gan.AdamOptimizer;
import io.github.syntheticpatients.runtime.gan.DjlEngine;
import io.github.syntheticpatients.runtime.gan.GanTrainer;
import io.github.syntheticpatients.runtime.model.argn.ArgnNetwork;
import io.github.syntheticpatients.runtime.model.argn.ChainSampler;
import io.github.syntheticpatients.runtime.random.RandomStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.BiConsumer;

/**
 * An adversarial stage after argn's maximum-likelihood fit (issue 18; a benchmark prototype, not a
 * generator): SeqGAN's recipe on argn's chain of softmax heads.
 *
 * <ul>
 *   <li>The generator starts from a trained argn network ({@link ChainHeads#load}).
 *   <li>A logistic critic, an MLP over the rows' one-hot symbols (LeakyReLU hidden layers, one
 *       logit), learns real training rows against rows sampled from the current generator. Its
 *       logit estimates log p_real(x) / p_gen(x), so it is the reward; a Wasserstein critic would
 *       need a gradient penalty, whose double backward leaks in DJL (djl.md, pitfall 2).
 *   <li>The generator takes REINFORCE steps on {@code (r − b) · NLL(x)} over its own sampled rows
 *       (r the critic's logit clipped to ±{@code clip}, b a moving mean of r): the gradient of the
 *       reverse KL divergence to the data, estimated by the critic. Symbols are discrete and the
 *       plain-Java sampler draws them, so there is no path for a relaxed (Gumbel-softmax) gradient
 *       without a second, differentiable sampler in DJL; REINFORCE needs only the per-row
 *       likelihood the heads already compute. A maximum-likelihood term on real rows ({@code
 *       lambda} × argn's own loss, half the batches in a random column order as argn trains) keeps
 *       the chain from collapsing.
 *   <li>Rows are sampled in plain Java ({@link ChainSampler}) from the exported weights after every
 *       step, so the policy gradient is on-policy.
 * </ul>
 *
 * Seeded: torch's generator (the critic's initial weights) and Java streams for batches and
 * samples; the same inputs give the same networks.
 */
public final class AdversarialArgn {
  private AdversarialArgn() {}

  /**
   * The adversarial stage's settings.
   *
   * @param steps generator steps (the last checkpoint)
   * @param batch rows per step, real and sampled alike
   * @param generatorRate Adam's learning rate for the heads
   * @param criticRate Adam's learning rate for the critic
   * @param lambda weight of the maximum-likelihood term on real rows
   * @param criticHidden hidden units of each of the critic's two layers
   * @param criticSteps critic steps per generator step
   * @param criticWarmup critic steps against the warm-up generator before the first generator step
   * @param clip the reward's clip, in logits
   * @param baselineDecay decay of the reward's moving mean
   * @param criticDropout dropout after each of the critic's hidden layers (0: none)
   * @param criticDecay the critic's L2 weight decay
   * @param policyWeight weight of the policy-gradient term (0: maximum likelihood only, the control
   *     that tells the adversarial term's effect from that of further likelihood steps)
   * @param averageDecay decay of the moving average of the heads' weights that is handed out, as
   *     argn's trainer keeps ({@link ParameterAverage}; 0: the weights themselves)
   * @param normalize divide the advantages by the batch's reward sd (the policy term then has a
   *     fixed scale whatever the critic's confidence)
   */
  public record Settings(
      int steps,
      int batch,
      double generatorRate,
      double criticRate,
      double lambda,
      int criticHidden,
      int criticSteps,
      int criticWarmup,
      double clip,
      double baselineDecay,
      double criticDropout,
      double criticDecay,
      double policyWeight,
      double averageDecay,
      boolean normalize) {
    public String describe() {
      return String.format(
          Locale.ROOT,
          "batch %d, lrG %.0e, lrD %.0e, lambda %s, critic %d×2, %d critic step(s) per step,"
              + " %d warm-up critic steps, clip %s, baseline decay %s, critic dropout %s, critic"
              + " decay %s, policy weight %s, weight average %s, normalised %s",
          batch,
          generatorRate,
          criticRate,
          lambda,
          criticHidden,
          criticSteps,
          criticWarmup,
          clip,
          baselineDecay,
          criticDropout,
          criticDecay,
          policyWeight,
          averageDecay,
          normalize);
    }
  }

  /** What one logged stretch of steps saw (means over the stretch). */
  public record Progress(
      int step,
      double criticLoss,
      double trainProbability,
      double fakeProbability,
      double validationProbability,
      double reward,
      double rewardSd,
      double realNll,
      double fakeNll) {
    public String line() {
      return String.format(
          Locale.ROOT,
          "step %5d: critic loss %.4f, D(training rows) %.3f, D(sampled) %.3f, D(validation) %.3f, reward"
              + " %.3f ± %.3f, NLL real %.3f, NLL sampled %.3f",
          step,
          criticLoss,
          trainProbability,
          fakeProbability,
          validationProbability,
          reward,
          rewardSd,
          realNll,
          fakeNll);
    }
  }

  /**
   * Runs the stage from {@code start} on {@code real} and hands the network after each step in
   * {@code checkpoints} (ascending; 0 is the start) to {@code onCheckpoint}.
   *
   * @param real the training rows' symbols, {@code rows × start.heads()} row-major
   * @param validation real rows the critic never learns from, laid out alike: the critic's mean
   *     probability on them, beside its mean on training and sampled rows, tells a critic that
   *     tells the distributions apart from one that memorises the training rows
   * @param owners the column of each sub-column (argn's encoding)
   * @param every log a {@link Progress} every this many generator steps
   */
  public static void run(
      ArgnNetwork start,
      int[] real,
      int[] validation,
      int[] owners,
      Settings settings,
      int[] checkpoints,
      long seed,
      int every,
      java.util.function.Consumer<Progress> log,
      BiConsumer<Integer, ArgnNetwork> onCheckpoint) {
    synchronized (GanTrainer.LOCK) {
      new Stage(start, real, validation, owners, settings, seed)
          .run(checkpoints, every, log, onCheckpoint);
    }
  }

  /** One run's state. */
  private static final class Stage {
    private final ArgnNetwork start;
    private final int[] real;
    private final int[] validation;
    private final int[] vocabulary;
    private final int[] owners;
    private final int heads;
    private final int rows;
    private final int[] symbolOffset;
    private final int symbols;
    private final Settings settings;
    private final long seed;

    Stage(
        ArgnNetwork start,
        int[] real,
        int[] validation,
        int[] owners,
        Settings settings,
        long seed) {
      this.start = start;
      this.real = real;
      this.validation = validation;
      this.vocabulary = start.vocabulary();
      this.owners = owners;
      this.heads = vocabulary.length;
      this.rows = real.length / heads;
      this.settings = settings;
      this.seed = seed;
      symbolOffset = new int[heads];
      int total = 0;
      for (int j = 0; j < heads; j++) {
        symbolOffset[j] = total;
        total += vocabulary[j];
      }
      symbols = total;
    }

    void run(
        int[] checkpoints,
        int every,
        java.util.function.Consumer<Progress> log,
        BiConsumer<Integer, ArgnNetwork> onCheckpoint) {
      Engine engine = DjlEngine.engine();
      engine.setRandomSeed((int) (seed ^ (seed >>> 32)));
      JniUtils.setGradMode(false);
      SplittableRandom random = new SplittableRandom(seed);
      RandomStream sampling = RandomStream.of(seed ^ 0x616476L);
      int batch = settings.batch();
      int columns = owners[heads - 1] + 1;
      boolean[][] natural = ArgnTrainer.sees(owners, ArgnTrainer.identity(columns));
      try (NDManager root = engine.newBaseManager()) {
        ChainHeads generator = new ChainHeads(root, vocabulary, start.dims(), start.hidden(), 0);
        generator.load(start);
        ChainHeads kept = generator;
        ParameterAverage average = null;
        if (settings.averageDecay() > 0) {
          kept = new ChainHeads(root, vocabulary, start.dims(), start.hidden(), 0);
          kept.load(start);
          average =
              new ParameterAverage(
                  root, generator.parameters(), kept.parameters(), settings.averageDecay());
        }
        Critic critic =
            new Critic(root, symbols, settings.criticHidden(), settings.criticDropout());
        AdamOptimizer generatorOptimizer =
            new AdamOptimizer(
                root, generator.parameters(), settings.generatorRate(), 0.9, 0.999, 0);
        AdamOptimizer criticOptimizer =
            new AdamOptimizer(
                root, critic.parameters(), settings.criticRate(), 0.5, 0.9, settings.criticDecay());
        NDArray batchSize = root.full(new Shape(), (float) batch, DataType.FLOAT32);
        NDArray lambda = root.full(new Shape(), (float) settings.lambda(), DataType.FLOAT32);
        NDArray policyWeight =
            root.full(new Shape(), (float) settings.policyWeight(), DataType.FLOAT32);
        ArgnNetwork current = start;
        ChainSampler sampler = new ChainSampler(current);
        ChainSampler.Scratch scratch = sampler.scratch();
        int next = 0;
        if (checkpoints.length > 0 && checkpoints[0] == 0) {
          onCheckpoint.accept(0, current);
          next++;
        }
        for (int w = 0; w < settings.criticWarmup(); w++) {
          criticStep(
              root,
              engine,
              critic,
              criticOptimizer,
              sample(sampler, scratch, sampling),
              realBatch(random));
        }
        double baseline = Double.NaN;
        double[] sums = new double[8];
        int logged = 0;
        for (int step = 1; step <= settings.steps(); step++) {
          int[] fake = sample(sampler, scratch, sampling);
          double[] criticSeen = null;
          for (int c = 0; c < settings.criticSteps(); c++) {
            criticSeen = criticStep(root, engine, critic, criticOptimizer, fake, realBatch(random));
            if (c + 1 < settings.criticSteps()) {
              fake = sample(sampler, scratch, sampling);
            }
          }
          float[] rewards;
          double validationProbability;
          double trainProbability;
          try (NDManager scope = root.newSubManager()) {
            trainProbability =
                meanSigmoid(critic.score(oneHot(scope, realBatch(random)), false).toFloatArray());
            rewards = critic.score(oneHot(scope, fake), false).toFloatArray();
            validationProbability =
                meanSigmoid(critic.score(oneHot(scope, validation), false).toFloatArray());
          }
          double fakeProbability = meanSigmoid(rewards);
          double mean = 0;
          for (int r = 0; r < batch; r++) {
            rewards[r] = (float) Math.max(-settings.clip(), Math.min(settings.clip(), rewards[r]));
            mean += rewards[r];
          }
          mean /= batch;
          baseline =
              Double.isNaN(baseline)
                  ? mean
                  : settings.baselineDecay() * baseline + (1 - settings.baselineDecay()) * mean;
          double sq = 0;
          for (int r = 0; r < batch; r++) {
            sq += (rewards[r] - mean) * (rewards[r] - mean);
          }
          double sd = Math.sqrt(sq / Math.max(1, batch - 1));
          double scale = settings.normalize() ? 1 / Math.max(sd, 1e-6) : 1;
          float[] advantage = new float[batch];
          for (int r = 0; r < batch; r++) {
            advantage[r] = (float) ((rewards[r] - baseline) * scale);
          }
          int[] realRows = realBatch(random);
          boolean[][] sees =
              random.nextBoolean()
                  ? ArgnTrainer.sees(owners, ArgnTrainer.shuffled(columns, random))
                  : natural;
          double realNll;
          double fakeNll;
          try (NDManager scope = root.newSubManager()) {
            try (GradientCollector collector = engine.newGradientCollector()) {
              generatorOptimizer.zeroGradients();
              NDArray perRow =
                  generator.negativeLogLikelihoodPerRow(scope, fake, batch, natural, null);
              NDArray policy = perRow.mul(scope.create(advantage)).sum().div(batchSize);
              NDArray likelihood =
                  generator
                      .negativeLogLikelihood(scope, realRows, batch, sees, null)
                      .div(batchSize);
              NDArray loss = policy.mul(policyWeight).add(likelihood.mul(lambda));
              collector.backward(loss);
              realNll = likelihood.getFloat();
              fakeNll = perRow.sum().getFloat() / batch;
            }
            generatorOptimizer.step();
            if (average != null) {
              average.update();
            }
          }
          current = generator.export(start.anyOrder());
          sampler = new ChainSampler(current);
          scratch = sampler.scratch();
          sums[0] += criticSeen[0];
          sums[1] += trainProbability;
          sums[2] += fakeProbability;
          sums[3] += mean;
          sums[4] += validationProbability;
          sums[5] += sd;
          sums[6] += realNll;
          sums[7] += fakeNll;
          logged++;
          if (step % every == 0) {
            log.accept(
                new Progress(
                    step,
                    sums[0] / logged,
                    sums[1] / logged,
                    sums[2] / logged,
                    sums[4] / logged,
                    sums[3] / logged,
                    sums[5] / logged,
                    sums[6] / logged,
                    sums[7] / logged));
            java.util.Arrays.fill(sums, 0);
            logged = 0;
          }
          while (next < checkpoints.length && checkpoints[next] == step) {
            onCheckpoint.accept(step, average == null ? current : kept.export(start.anyOrder()));
            next++;
          }
        }
      }
    }

    /**
     * One logistic critic step: softplus(−D(real)) + softplus(D(fake)), batch means. Returns the
     * loss and the mean probabilities the critic gave real and sampled rows (dropout on).
     */
    private double[] criticStep(
        NDManager root,
        Engine engine,
        Critic critic,
        AdamOptimizer optimizer,
        int[] fake,
        int[] realRows) {
      double[] seen = new double[3];
      try (NDManager scope = root.newSubManager()) {
        try (GradientCollector collector = engine.newGradientCollector()) {
          optimizer.zeroGradients();
          NDArray realScore = critic.score(oneHot(scope, realRows), true);
          NDArray fakeScore = critic.score(oneHot(scope, fake), true);
          NDArray loss = softplus(realScore.neg()).mean().add(softplus(fakeScore).mean());
          collector.backward(loss);
          seen[0] = loss.getFloat();
          seen[1] = meanSigmoid(realScore.stopGradient().toFloatArray());
          seen[2] = meanSigmoid(fakeScore.stopGradient().toFloatArray());
        }
        optimizer.step();
      }
      return seen;
    }

    private static double meanSigmoid(float[] logits) {
      double sum = 0;
      for (float z : logits) {
        sum += 1 / (1 + Math.exp(-z));
      }
      return sum / logits.length;
    }

    /** softplus(x) = relu(x) + log(1 + e^−|x|), composed from element-wise ops. */
    private static NDArray softplus(NDArray x) {
      NDArray ones = x.getManager().ones(x.getShape(), DataType.FLOAT32);
      return Activation.relu(x).add(x.abs().neg().exp().add(ones).log());
    }

    private int[] sample(ChainSampler sampler, ChainSampler.Scratch scratch, RandomStream stream) {
      int batch = settings.batch();
      int[] codes = new int[batch * heads];
      int[] order = ArgnTrainer.identity(heads);
      for (int r = 0; r < batch; r++) {
        sampler.sampleRow(order, codes, r * heads, null, null, null, stream, scratch);
      }
      return codes;
    }

    private int[] realBatch(SplittableRandom random) {
      int batch = settings.batch();
      int[] codes = new int[batch * heads];
      for (int r = 0; r < batch; r++) {
        System.arraycopy(real, random.nextInt(rows) * heads, codes, r * heads, heads);
      }
      return codes;
    }

    private NDArray oneHot(NDManager scope, int[] codes) {
      int batch = codes.length / heads;
      float[] x = new float[batch * symbols];
      for (int r = 0; r < batch; r++) {
        for (int j = 0; j < heads; j++) {
          x[r * symbols + symbolOffset[j] + codes[r * heads + j]] = 1f;
        }
      }
      return scope.create(x, new Shape(batch, symbols));
    }
  }

  /**
   * The critic: two LeakyReLU(0.2) layers, each with dropout in training, and a linear logit,
   * initialised as torch's Linear.
   */
  private static final class Critic {
    private final List<NDArray> weights = new ArrayList<>();
    private final List<NDArray> biases = new ArrayList<>();
    private final double dropout;

    Critic(NDManager manager, int inputs, int hidden, double dropout) {
      this.dropout = dropout;
      int[] widths = {inputs, hidden, hidden, 1};
      for (int l = 0; l < 3; l++) {
        float bound = (float) (1 / Math.sqrt(widths[l]));
        NDArray w =
            manager.randomUniform(
                -bound, bound, new Shape(widths[l], widths[l + 1]), DataType.FLOAT32);
        NDArray b =
            manager.randomUniform(-bound, bound, new Shape(1, widths[l + 1]), DataType.FLOAT32);
        w.setRequiresGradient(true);
        b.setRequiresGradient(true);
        weights.add(w);
        biases.add(b);
      }
    }

    List<NDArray> parameters() {
      List<NDArray> list = new ArrayList<>();
      for (int l = 0; l < weights.size(); l++) {
        list.add(weights.get(l));
        list.add(biases.get(l));
      }
      return list;
    }

    /** The logits ({@code rows}), on {@code x}'s manager; dropout only when {@code training}. */
    NDArray score(NDArray x, boolean training) {
      NDArray h = x;
      for (int l = 0; l < weights.size(); l++) {
        h = h.matMul(weights.get(l)).add(biases.get(l));
        if (l < weights.size() - 1) {
          h = Activation.leakyRelu(h, 0.2f);
          if (training && dropout > 0) {
            h = Dropout.dropout(h, (float) dropout, true).singletonOrThrow();
          }
        }
      }
      return h.reshape(-1);
    }
  }
}
