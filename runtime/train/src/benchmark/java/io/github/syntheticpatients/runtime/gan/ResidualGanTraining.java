package io.github.syntheticpatients.runtime.gan;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import io.github.syntheticpatients.runtime.model.DenseLayer;
import io.github.syntheticpatients.runtime.model.MlpNetwork;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.BiConsumer;

/**
 * The residual GAN in the copula's latent space (prototype, issue 18): the generator maps a copula
 * draw u ~ N(0, R) and noise z to {@code u + f(u, z)}, f an MLP whose last layer starts at zero, so
 * training starts at the copula; a WGAN-GP critic (CTGAN's: LeakyReLU, dropout, PacGAN) compares
 * packed latent rows with the real rows' latent scores ({@link CopulaLatent#encode}).
 */
final class ResidualGanTraining implements AutoCloseable {

  /** The prototype's knobs; CTGAN's defaults where it has one. */
  record Settings(
      int steps,
      int batch,
      int pac,
      int noise,
      List<Integer> generatorDims,
      List<Integer> criticDims,
      double dropout,
      double generatorRate,
      double criticRate,
      int criticSteps,
      double gradientPenalty,
      double residualPenalty,
      int warmup,
      double softTemperature,
      boolean targetConditional) {}

  private static final double NORM_FLOOR = 1e-12;

  private final Engine engine;
  private final NDManager root;
  private final NDManager parameters;
  private final Settings settings;
  private final float[] real;
  private final int rows;
  private final int width;
  private final SplittableRandom random;
  private final NDArray choleskyT;
  private final List<DenseParams> hidden = new ArrayList<>();
  private final DenseParams output;
  private final CriticNetwork critic;
  private final AdamOptimizer generatorOptimizer;
  private final AdamOptimizer criticOptimizer;
  private final NDArray one;
  private final NDArray normFloor;
  private final NDArray penaltyWeight;
  private final NDArray residualWeight;

  /** With a soft temperature: continuous dimensions selected ({@code width × continuous}). */
  private final NDArray continuous;

  /**
   * Each threshold's dimension scaled by 1/τ ({@code width × thresholds}), and the thresholds/τ.
   */
  private final NDArray spread;

  private final NDArray cuts;

  /** Sigmoids to soft category memberships: {@code memberships = s · combine + offset}. */
  private final NDArray combine;

  private final NDArray offset;

  /**
   * With a conditional critic: the target's latent dimension scaled by 1/τ ({@code width × 1}) and
   * its first threshold/τ, so that the critic also sees every feature times the soft membership of
   * "target above its first category", the features' distribution given the target.
   */
  private final NDArray targetSpread;

  private final NDArray targetCut;
  private final int featureWidth;

  ResidualGanTraining(
      float[] real,
      int rows,
      int width,
      double[][] cholesky,
      double[][] thresholds,
      Settings settings,
      int targetDimension,
      long seed) {
    this.engine = DjlEngine.engine();
    this.settings = settings;
    this.real = real;
    this.rows = rows;
    this.width = width;
    this.random = new SplittableRandom(seed);
    engine.setRandomSeed((int) (seed ^ (seed >>> 32)));
    JniUtils.setGradMode(false);
    root = engine.newBaseManager();
    parameters = root.newSubManager();
    float[] lt = new float[width * width];
    for (int a = 0; a < width; a++) {
      for (int b = 0; b <= a; b++) {
        lt[b * width + a] = (float) cholesky[a][b];
      }
    }
    choleskyT = parameters.create(lt, new Shape(width, width));
    int in = width + settings.noise();
    for (int dim : settings.generatorDims()) {
      hidden.add(new DenseParams(parameters, in, dim, false));
      in = dim;
    }
    output = new DenseParams(parameters, in, width, false);
    // f starts at zero: the generator is the copula until the critic finds what it misses.
    NDArray zero = Scalars.of(parameters, 0);
    output.weight.muli(zero);
    output.bias.muli(zero);
    if (settings.softTemperature() > 0) {
      double tau = settings.softTemperature();
      int nCont = 0;
      int nCuts = 0;
      int nCats = 0;
      for (double[] t : thresholds) {
        if (t == null) {
          nCont++;
        } else if (t.length > 0) {
          nCuts += t.length;
          nCats += t.length + 1;
        }
      }
      float[] select = new float[width * nCont];
      float[] e = new float[width * nCuts];
      float[] cut = new float[nCuts];
      float[] comb = new float[nCuts * nCats];
      float[] off = new float[nCats];
      int ci = 0;
      int ki = 0;
      int gi = 0;
      for (int j = 0; j < width; j++) {
        double[] t = thresholds[j];
        if (t == null) {
          select[j * nCont + ci++] = 1;
          continue;
        }
        if (t.length == 0) {
          continue;
        }
        int k = t.length;
        for (int c = 0; c < k; c++) {
          e[j * nCuts + ki + c] = (float) (1 / tau);
          cut[ki + c] = (float) (t[c] / tau);
        }
        // Category 0: 1 − s_1; category c: s_c − s_{c+1}; the last: s_k.
        off[gi] = 1;
        comb[ki * nCats + gi] = -1;
        for (int c = 1; c < k; c++) {
          comb[(ki + c - 1) * nCats + gi + c] = 1;
          comb[(ki + c) * nCats + gi + c] = -1;
        }
        comb[(ki + k - 1) * nCats + gi + k] = 1;
        ki += k;
        gi += k + 1;
      }
      continuous = parameters.create(select, new Shape(width, nCont));
      spread = parameters.create(e, new Shape(width, nCuts));
      cuts = parameters.create(cut, new Shape(1, nCuts));
      combine = parameters.create(comb, new Shape(nCuts, nCats));
      offset = parameters.create(off, new Shape(1, nCats));
      featureWidth = (nCont + nCats) * (settings.targetConditional() ? 2 : 1);
    } else {
      continuous = null;
      spread = null;
      cuts = null;
      combine = null;
      offset = null;
      featureWidth = width * (settings.targetConditional() ? 2 : 1);
    }
    if (settings.targetConditional()) {
      double tau = settings.softTemperature() > 0 ? settings.softTemperature() : 0.1;
      float[] t = new float[width];
      t[targetDimension] = (float) (1 / tau);
      targetSpread = parameters.create(t, new Shape(width, 1));
      targetCut =
          Scalars.of(parameters, thresholds[targetDimension][0] / tau).reshape(new Shape(1, 1));
    } else {
      targetSpread = null;
      targetCut = null;
    }
    critic =
        new CriticNetwork(
            parameters, featureWidth * settings.pac(), settings.criticDims(), settings.dropout());
    List<NDArray> generatorParameters = new ArrayList<>();
    for (DenseParams layer : hidden) {
      generatorParameters.addAll(layer.parameters());
    }
    generatorParameters.addAll(output.parameters());
    generatorOptimizer =
        new AdamOptimizer(
            parameters, generatorParameters, settings.generatorRate(), 0.5, 0.9, 1e-6);
    criticOptimizer =
        new AdamOptimizer(parameters, critic.parameters(), settings.criticRate(), 0.5, 0.9, 1e-6);
    one = Scalars.of(parameters, 1);
    normFloor = Scalars.of(parameters, NORM_FLOOR);
    penaltyWeight = Scalars.of(parameters, settings.gradientPenalty());
    residualWeight = Scalars.of(parameters, settings.residualPenalty());
  }

  /** Runs the steps, handing {@code (step, f)} to {@code snapshots} every {@code every} steps. */
  void run(int every, BiConsumer<Integer, MlpNetwork> snapshots) {
    snapshots.accept(0, export());
    // The critic learns what the copula misses before its gradients move the generator.
    for (int c = 0; c < settings.warmup(); c++) {
      criticStep();
    }
    for (int step = 1; step <= settings.steps(); step++) {
      for (int c = 0; c < settings.criticSteps(); c++) {
        criticStep();
      }
      generatorStep();
      if (step % every == 0) {
        snapshots.accept(step, export());
      }
    }
  }

  private NDArray residual(NDArray u, NDManager batch) {
    NDArray z =
        batch.randomNormal(0f, 1f, new Shape(settings.batch(), settings.noise()), DataType.FLOAT32);
    NDArray x = u.concat(z, 1);
    for (DenseParams layer : hidden) {
      x = Activation.leakyRelu(layer.linear(x), DenseLayer.LEAKY_SLOPE);
    }
    return output.linear(x);
  }

  private NDArray copulaDraw(NDManager batch) {
    return batch
        .randomNormal(0f, 1f, new Shape(settings.batch(), width), DataType.FLOAT32)
        .matMul(choleskyT);
  }

  private void criticStep() {
    int n = settings.batch();
    try (NDManager batch = root.newSubManager()) {
      float[] rowsReal = new float[n * width];
      for (int r = 0; r < n; r++) {
        System.arraycopy(real, random.nextInt(rows) * width, rowsReal, r * width, width);
      }
      NDArray realPacked = pack(batch.create(rowsReal, new Shape(n, width)));
      NDArray u = copulaDraw(batch);
      NDArray fakePacked = pack(u.add(residual(u, batch))).stopGradient();
      NDArray alpha =
          batch.randomUniform(0f, 1f, new Shape(realPacked.getShape().get(0), 1), DataType.FLOAT32);
      NDArray interpolates = fakePacked.add(realPacked.sub(fakePacked).mul(alpha));
      long half = realPacked.getShape().get(0);
      try (GradientCollector collector = engine.newGradientCollector()) {
        criticOptimizer.zeroGradients();
        NDArray scores = critic.forward(realPacked.concat(fakePacked, 0), false).score();
        NDArray wasserstein =
            scores
                .get(new NDIndex().addSliceDim(half, 2 * half))
                .mean()
                .sub(scores.get(new NDIndex().addSliceDim(0, half)).mean());
        NDArray gradient = critic.inputGradient(critic.forward(interpolates, true));
        NDArray norm = gradient.square().sum(new int[] {1}).add(normFloor).sqrt();
        NDArray penalty = norm.sub(one).square().mean().mul(penaltyWeight);
        collector.backward(wasserstein.add(penalty));
      }
      criticOptimizer.step();
    }
  }

  private void generatorStep() {
    try (NDManager batch = root.newSubManager()) {
      NDArray u = copulaDraw(batch);
      try (GradientCollector collector = engine.newGradientCollector()) {
        generatorOptimizer.zeroGradients();
        NDArray f = residual(u, batch);
        NDArray score = critic.forward(pack(u.add(f)), false).score();
        NDArray loss = score.mean().neg().add(f.square().mean().mul(residualWeight));
        collector.backward(loss);
      }
      generatorOptimizer.step();
    }
  }

  /**
   * What the critic sees of latent rows, packed: the latent scores themselves, or with a soft
   * temperature continuous scores beside soft category memberships, so that where a score lies
   * inside its category's interval (which decoding ignores) is not something to tell apart.
   */
  private NDArray pack(NDArray x) {
    NDArray features = x;
    if (continuous != null) {
      NDArray soft = Activation.sigmoid(x.matMul(spread).sub(cuts)).matMul(combine).add(offset);
      features = x.matMul(continuous).concat(soft, 1);
    }
    if (targetSpread != null) {
      NDArray member = Activation.sigmoid(x.matMul(targetSpread).sub(targetCut));
      features = features.concat(features.mul(member), 1);
    }
    return features.reshape(
        new Shape(x.getShape().get(0) / settings.pac(), featureWidth * settings.pac()));
  }

  /** f as a plain-Java network: input {@code [u, z]}, output the residual. */
  MlpNetwork export() {
    List<DenseLayer> layers = new ArrayList<>();
    for (DenseParams layer : hidden) {
      layers.add(layer.export(DenseLayer.Activation.LEAKY_RELU, false));
    }
    layers.add(output.export(DenseLayer.Activation.NONE, false));
    return new MlpNetwork(layers);
  }

  @Override
  public void close() {
    root.close();
  }
}
