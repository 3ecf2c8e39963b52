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
      int warmup) {}

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

  ResidualGanTraining(
      float[] real, int rows, int width, double[][] cholesky, Settings settings, long seed) {
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
    critic =
        new CriticNetwork(
            parameters, width * settings.pac(), settings.criticDims(), settings.dropout());
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

  private NDArray pack(NDArray x) {
    return x.reshape(new Shape(x.getShape().get(0) / settings.pac(), width * settings.pac()));
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
