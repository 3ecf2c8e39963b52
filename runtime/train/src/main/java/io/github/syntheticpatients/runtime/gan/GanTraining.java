package io.github.syntheticpatients.runtime.gan;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import io.github.syntheticpatients.runtime.TrainingListener;
import io.github.syntheticpatients.runtime.encode.EncodedLayout;
import java.util.function.Consumer;

/**
 * One GAN training on DJL PyTorch. Parameters are plain NDArrays on one manager; every step works
 * in its own sub-manager that is closed afterwards (DJL attaches a result to the manager of the
 * array it is computed from, so one long-lived manager would grow every step). Callers hold {@link
 * GanTrainer}'s lock: DJL allows one gradient collector per JVM.
 */
final class GanTraining implements EpochLoop.Steps<TrainedGenerator>, AutoCloseable {

  /**
   * Called after every epoch with the manager that owns everything; tests use it to look for leaks.
   */
  interface EpochProbe {
    EpochProbe NONE = (epoch, manager) -> {};

    void afterEpoch(int epoch, NDManager manager);
  }

  /** Added under the square root of ‖∇‖² so its gradient stays finite at zero. */
  private static final double NORM_FLOOR = 1e-12;

  private final Engine engine;
  private final NDManager root;
  private final NDManager parameters;
  private final GanSettings settings;
  private final EncodedLayout layout;
  private final int rows;
  private final ConditionalSampler sampler;
  private final ConditionVector condition;
  private final OutputActivation activation;
  private final GeneratorNetwork generator;
  private final CriticNetwork critic;
  private final AdamOptimizer generatorOptimizer;
  private final AdamOptimizer criticOptimizer;
  private final NDArray gumbelTau;
  private final NDArray one;
  private final NDArray normFloor;
  private final NDArray penaltyWeight;

  /** CTAB-GAN+'s auxiliary classifier, or null when {@code classifierLoss} is 0. */
  private final AuxiliaryClassifier classifier;

  private final NDArray informationWeight;
  private final NDArray classifierWeight;

  GanTraining(
      Engine engine,
      float[] data,
      int rows,
      EncodedLayout layout,
      GanSettings settings,
      long seed) {
    this.engine = engine;
    this.settings = settings;
    this.layout = layout;
    this.rows = rows;
    // Seeds the one global torch generator (initial weights, noise, dropout) and grad mode, which
    // is per thread.
    engine.setRandomSeed((int) (seed ^ (seed >>> 32)));
    JniUtils.setGradMode(false);
    root = engine.newBaseManager();
    parameters = root.newSubManager();
    boolean ctgan = settings.kind() == GanSettings.Kind.CTGAN;
    sampler = new ConditionalSampler(data, rows, layout, ctgan, seed);
    condition = sampler.condition();
    activation = new OutputActivation(layout, condition);
    int condWidth = condition.width();
    generator =
        new GeneratorNetwork(
            parameters,
            settings.kind(),
            settings.latentDim() + condWidth,
            settings.generatorDims(),
            layout.width());
    critic =
        new CriticNetwork(
            parameters,
            (layout.width() + condWidth) * settings.pac(),
            settings.discriminatorDims(),
            settings.dropout(),
            settings.criticLayerNorm());
    generatorOptimizer =
        new AdamOptimizer(
            parameters,
            generator.parameters(),
            settings.generatorLearningRate(),
            settings.beta1(),
            settings.beta2(),
            settings.generatorWeightDecay());
    criticOptimizer =
        new AdamOptimizer(
            parameters,
            critic.parameters(),
            settings.discriminatorLearningRate(),
            settings.beta1(),
            settings.beta2(),
            settings.discriminatorWeightDecay());
    gumbelTau = ctgan ? Scalars.of(parameters, settings.gumbelTau()) : null;
    one = Scalars.of(parameters, 1);
    normFloor = Scalars.of(parameters, NORM_FLOOR);
    penaltyWeight = Scalars.of(parameters, settings.gradientPenalty());
    // Built after both networks, so that without it the torch generator draws what it always drew.
    classifier =
        settings.classifierLoss() > 0
            ? new AuxiliaryClassifier(parameters, layout, settings)
            : null;
    // Only when used, so that without them the managed arrays are what they always were.
    informationWeight =
        settings.informationLoss() > 0 ? Scalars.of(parameters, settings.informationLoss()) : null;
    classifierWeight =
        classifier != null ? Scalars.of(parameters, settings.classifierLoss()) : null;
  }

  /** Runs all epochs, reporting progress and snapshots, and returns the final generator. */
  TrainedGenerator run(
      TrainingListener listener, Consumer<TrainedGenerator> snapshots, EpochProbe probe) {
    int epochs = settings.epochs();
    EpochLoop loop =
        new EpochLoop(
            epochs,
            EpochLoop.stepsPerEpoch(rows, settings.batchSize()),
            settings.discriminatorSteps(),
            settings.snapshotEvery());
    TrainedGenerator trained =
        loop.run(this, listener, done -> probe.afterEpoch(done, root), snapshots);
    // Unlike the timeline GAN's, this loop also hands out the last epoch when it is due.
    if (settings.snapshotEvery() > 0 && epochs % settings.snapshotEvery() == 0) {
      snapshots.accept(trained);
    }
    return trained;
  }

  @Override
  public double criticStep(int epoch) {
    return settings.kind() == GanSettings.Kind.CTGAN ? ctganCriticStep() : basicCriticStep();
  }

  @Override
  public double generatorStep(int epoch) {
    return settings.kind() == GanSettings.Kind.CTGAN ? ctganGeneratorStep() : basicGeneratorStep();
  }

  @Override
  public TrainedGenerator export(double[] generatorLosses, double[] criticLosses) {
    return new TrainedGenerator(
        settings.kind(),
        generator.export(),
        settings.latentDim(),
        condition,
        generatorLosses,
        criticLosses,
        generatorLosses.length);
  }

  /**
   * CTGAN critic step: WGAN loss on packed [row, cond] plus the gradient penalty on interpolates.
   */
  private double ctganCriticStep() {
    int batchSize = settings.batchSize();
    try (NDManager batch = root.newSubManager()) {
      ConditionalSampler.Batch sample = sampler.sample(batchSize);
      NDArray cond = matrix(batch, sample.cond(), batchSize, condition.width());
      NDArray real =
          withCondition(
              matrix(batch, sample.real(), batchSize, layout.width()),
              matrix(batch, sample.realCond(), batchSize, condition.width()));
      // Grad mode is off here, so the generator's forward pass builds no graph: the fake rows are
      // constants.
      NDArray fake =
          withCondition(
                  activation.activate(
                      generator.forward(withCondition(noise(batch), cond)), gumbelTau),
                  cond)
              .stopGradient();
      NDArray realPacked = pack(real);
      NDArray fakePacked = pack(fake);
      NDArray alpha =
          batch.randomUniform(0f, 1f, new Shape(realPacked.getShape().get(0), 1), DataType.FLOAT32);
      NDArray interpolates = fakePacked.add(realPacked.sub(fakePacked).mul(alpha));
      NDIndex[] halves = halves(realPacked.getShape().get(0));
      double loss;
      try (GradientCollector collector = engine.newGradientCollector()) {
        criticOptimizer.zeroGradients();
        // Real and fake samples in one pass (dropout masks are drawn per row either way).
        NDArray scores = critic.forward(realPacked.concat(fakePacked, 0), false).score();
        NDArray wasserstein = scores.get(halves[1]).mean().sub(scores.get(halves[0]).mean());
        NDArray gradient = critic.inputGradient(critic.forward(interpolates, true));
        NDArray norm = gradient.square().sum(new int[] {1}).add(normFloor).sqrt();
        NDArray penalty = norm.sub(one).square().mean().mul(penaltyWeight);
        collector.backward(wasserstein.add(penalty));
        loss = wasserstein.getFloat();
      }
      criticOptimizer.step();
      return loss;
    }
  }

  /**
   * CTGAN generator step: −mean D(fake) plus the conditional cross-entropy, and, when their weights
   * are set, CTAB-GAN's information loss and CTAB-GAN+'s classifier loss. Those two draw real rows
   * that satisfy the step's conditional vectors (as a critic step does), train the classifier on
   * them first, and take the critic's features of them as constants.
   */
  private double ctganGeneratorStep() {
    int batchSize = settings.batchSize();
    boolean information = settings.informationLoss() > 0;
    try (NDManager batch = root.newSubManager()) {
      NDArray cond;
      NDArray realFeatures = null;
      if (!information && classifier == null) {
        cond = matrix(batch, sampler.sampleConditions(batchSize), batchSize, condition.width());
      } else {
        ConditionalSampler.Batch sample = sampler.sample(batchSize);
        cond = matrix(batch, sample.cond(), batchSize, condition.width());
        NDArray realRows = matrix(batch, sample.real(), batchSize, layout.width());
        if (classifier != null) {
          classifier.trainStep(engine, realRows);
        }
        if (information) {
          // Grad mode is off outside the collector: the real features are constants.
          NDArray real =
              withCondition(
                  realRows, matrix(batch, sample.realCond(), batchSize, condition.width()));
          realFeatures = critic.forward(pack(real), false).features();
        }
      }
      NDArray input = withCondition(noise(batch), cond);
      double loss;
      try (GradientCollector collector = engine.newGradientCollector()) {
        generatorOptimizer.zeroGradients();
        NDArray raw = generator.forward(input);
        NDArray activated = activation.activate(raw, gumbelTau);
        NDArray fake = withCondition(activated, cond);
        CriticNetwork.Pass pass = critic.forward(pack(fake), false);
        NDArray total = pass.score().mean().neg().add(activation.conditionLoss(raw, cond));
        if (information) {
          total =
              total.add(InformationLoss.of(realFeatures, pass.features()).mul(informationWeight));
        }
        if (classifier != null) {
          total = total.add(classifier.generatorLoss(activated).mul(classifierWeight));
        }
        collector.backward(total);
        loss = total.getFloat();
      }
      generatorOptimizer.step();
      return loss;
    }
  }

  /** Basic critic step: binary cross-entropy, real rows labelled 1 and fake rows 0. */
  private double basicCriticStep() {
    int batchSize = settings.batchSize();
    try (NDManager batch = root.newSubManager()) {
      NDArray real = pack(matrix(batch, sampler.sampleRows(batchSize), batchSize, layout.width()));
      NDArray fake =
          pack(activation.activate(generator.forward(noise(batch)), null)).stopGradient();
      double loss;
      try (GradientCollector collector = engine.newGradientCollector()) {
        criticOptimizer.zeroGradients();
        NDIndex[] halves = halves(real.getShape().get(0));
        NDArray logSigmoids = logSigmoids(critic.forward(real.concat(fake, 0), false).score());
        // −[mean log σ(D(real)) + mean log(1 − σ(D(fake)))]; column 1 is log σ(s), column 0 is log
        // σ(−s).
        NDArray total =
            logSigmoids
                .get(halves[0])
                .get(":, 1")
                .mean()
                .add(logSigmoids.get(halves[1]).get(":, 0").mean())
                .neg();
        collector.backward(total);
        loss = total.getFloat();
      }
      criticOptimizer.step();
      return loss;
    }
  }

  /** Basic generator step: the non-saturating loss −mean log σ(D(fake)). */
  private double basicGeneratorStep() {
    try (NDManager batch = root.newSubManager()) {
      NDArray z = noise(batch);
      double loss;
      try (GradientCollector collector = engine.newGradientCollector()) {
        generatorOptimizer.zeroGradients();
        NDArray fake = pack(activation.activate(generator.forward(z), null));
        NDArray total = logSigmoids(critic.forward(fake, false).score()).get(":, 1").mean().neg();
        collector.backward(total);
        loss = total.getFloat();
      }
      generatorOptimizer.step();
      return loss;
    }
  }

  /** Row ranges {@code [0, n)} and {@code [n, 2n)} of a real-then-fake stack. */
  private static NDIndex[] halves(long n) {
    return new NDIndex[] {new NDIndex().addSliceDim(0, n), new NDIndex().addSliceDim(n, 2 * n)};
  }

  /** {@code [log σ(−s), log σ(s)]} per row, stably: the log-softmax of {@code [0, s]}. */
  private static NDArray logSigmoids(NDArray score) {
    return score
        .getManager()
        .zeros(score.getShape(), DataType.FLOAT32)
        .concat(score, 1)
        .logSoftmax(1);
  }

  private NDArray noise(NDManager batch) {
    return batch.randomNormal(
        0f, 1f, new Shape(settings.batchSize(), settings.latentDim()), DataType.FLOAT32);
  }

  private NDArray withCondition(NDArray rowsArray, NDArray cond) {
    return condition.width() == 0 ? rowsArray : rowsArray.concat(cond, 1);
  }

  /**
   * PacGAN: {@code pac} consecutive rows become one sample (a row-major reshape, like torch's
   * {@code view}).
   */
  private NDArray pack(NDArray x) {
    long columns = x.getShape().get(1);
    return x.reshape(new Shape(x.getShape().get(0) / settings.pac(), columns * settings.pac()));
  }

  /** A {@code rowCount × columns} array, or null for zero columns (an empty conditional vector). */
  private static NDArray matrix(NDManager batch, float[] values, int rowCount, int columns) {
    return columns == 0 ? null : batch.create(values, new Shape(rowCount, columns));
  }

  @Override
  public void close() {
    root.close();
  }
}
