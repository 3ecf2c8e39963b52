package io.github.syntheticpatients.runtime.gan;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import io.github.syntheticpatients.runtime.TrainingListener;
import io.github.syntheticpatients.runtime.encode.EncodedLayout;
import io.github.syntheticpatients.runtime.model.TimelineGenerator;
import java.util.Random;
import java.util.function.Consumer;

/**
 * One timeline-GAN training on DJL PyTorch (see {@link TimelineGanTrainer} for the method).
 * Parameters are plain NDArrays on one manager; every step works in its own sub-manager that is
 * closed afterwards (a result attaches to the manager of the array it is computed from). Callers
 * hold {@link GanTrainer#LOCK}.
 */
final class TimelineTraining implements EpochLoop.Steps<TrainedTimelineGenerator>, AutoCloseable {
  /**
   * Added under the square root of the real−fake distance so that identical sequences do not divide
   * by zero.
   */
  private static final double NORM_FLOOR = 1e-12;

  /**
   * Added to each variance so that a feature constant within a batch gets correlation ~0 rather
   * than NaN.
   */
  private static final double VARIANCE_FLOOR = 1e-6;

  private final Engine engine;
  private final NDManager root;
  private final TimelineTrainingData data;
  private final TimelineGanSettings settings;
  private final int batchSize;
  private final OutputActivation activation;
  private final TimelineGeneratorNetwork generator;
  private final TimelineCriticNetwork critic;
  private final AdamOptimizer generatorOptimizer;
  private final AdamOptimizer criticOptimizer;
  private final Random batchRandom;
  private final int[] order;
  private final NDArray one;
  private final NDArray normFloor;
  private final NDArray varianceFloor;
  private final NDArray step;
  private final NDArray inverseTwoSteps;
  private final NDArray penaltyWeight;
  private final NDArray correlationWeight;
  private final NDArray momentWeight;

  TimelineTraining(
      Engine engine,
      TimelineTrainingData data,
      EncodedLayout layout,
      TimelineGanSettings settings,
      long seed) {
    this.engine = engine;
    this.data = data;
    this.settings = settings;
    // Seeds the one global torch generator (initial weights, noise) and grad mode, which is per
    // thread.
    engine.setRandomSeed((int) (seed ^ (seed >>> 32)));
    JniUtils.setGradMode(false);
    root = engine.newBaseManager();
    NDManager parameters = root.newSubManager();
    batchSize = Math.min(settings.batchSize(), data.patients());
    activation = new OutputActivation(layout, ConditionVector.NONE);
    generator =
        new TimelineGeneratorNetwork(
            parameters,
            settings.latentDim(),
            data.staticWidth(),
            settings.lstmHidden(),
            settings.mlpHidden(),
            data.stepWidth());
    critic =
        new TimelineCriticNetwork(
            parameters, data.stepWidth() + data.staticWidth(), settings.criticHidden());
    generatorOptimizer =
        new AdamOptimizer(
            parameters,
            generator.parameters(),
            settings.generatorLearningRate(),
            settings.beta1(),
            settings.beta2(),
            0);
    criticOptimizer =
        new AdamOptimizer(
            parameters,
            critic.parameters(),
            settings.criticLearningRate(),
            settings.beta1(),
            settings.beta2(),
            0);
    batchRandom = new Random(seed);
    order = new int[data.patients()];
    for (int p = 0; p < order.length; p++) {
      order[p] = p;
    }
    one = Scalars.of(parameters, 1);
    normFloor = Scalars.of(parameters, NORM_FLOOR);
    varianceFloor = Scalars.of(parameters, VARIANCE_FLOOR);
    step = Scalars.of(parameters, settings.finiteDifferenceStep());
    inverseTwoSteps = Scalars.of(parameters, 1 / (2 * settings.finiteDifferenceStep()));
    penaltyWeight = Scalars.of(parameters, settings.penaltyWeight());
    correlationWeight = Scalars.of(parameters, settings.correlationWeight());
    momentWeight = Scalars.of(parameters, settings.momentWeight());
  }

  static TimelineTraining open(
      TimelineTrainingData data, EncodedLayout layout, TimelineGanSettings settings, long seed) {
    return new TimelineTraining(DjlEngine.engine(), data, layout, settings, seed);
  }

  /** Runs all epochs, reporting progress, and returns the final generator. */
  TrainedTimelineGenerator run(TrainingListener listener, GanTraining.EpochProbe probe) {
    return run(listener, probe, 0, snapshot -> {});
  }

  /**
   * Runs all epochs, reporting progress, hands {@code snapshots} the generator after every {@code
   * snapshotEvery}-th epoch before the last (none when 0), and returns the final generator.
   */
  TrainedTimelineGenerator run(
      TrainingListener listener,
      GanTraining.EpochProbe probe,
      int snapshotEvery,
      Consumer<TrainedTimelineGenerator> snapshots) {
    EpochLoop loop =
        new EpochLoop(
            settings.epochs(),
            EpochLoop.stepsPerEpoch(data.patients(), batchSize),
            settings.criticSteps(),
            snapshotEvery);
    return loop.run(this, listener, done -> probe.afterEpoch(done, root), snapshots);
  }

  @Override
  public double criticStep(int epoch) {
    return trainCritic(horizon(epoch));
  }

  @Override
  public double generatorStep(int epoch) {
    return trainGenerator(horizon(epoch));
  }

  @Override
  public TrainedTimelineGenerator export(double[] generatorLosses, double[] criticLosses) {
    return new TrainedTimelineGenerator(
        generator.export(), generatorLosses, criticLosses, generatorLosses.length);
  }

  /** The generator as it is now, in plain Java. */
  TimelineGenerator currentGenerator() {
    return generator.export();
  }

  /**
   * The curriculum: the steps per sequence that epoch {@code epoch} trains on. A quarter of {@code
   * maxSteps} in the first quarter of the epochs, half in the second quarter, then all.
   */
  int horizon(int epoch) {
    int maxSteps = data.maxSteps();
    if (!settings.curriculum()) {
      return maxSteps;
    }
    int epochs = settings.epochs();
    if (4L * epoch < epochs) {
      return Math.max(1, (maxSteps + 3) / 4);
    }
    if (2L * epoch < epochs) {
      return Math.max(1, (maxSteps + 1) / 2);
    }
    return maxSteps;
  }

  /** The critic step: Wasserstein loss plus the finite-difference gradient penalty. */
  private double trainCritic(int horizon) {
    try (NDManager batch = root.newSubManager()) {
      TimelineBatch sample = sample(horizon);
      NDArray real = sample.real(batch);
      // Grad mode is off here, so the generator builds no graph: the fake sequences are constants.
      NDArray fake = generate(noise(batch, sample), sample).stopGradient();
      NDArray difference = real.sub(fake);
      NDArray alpha = batch.randomUniform(0f, 1f, new Shape(sample.size, 1, 1), DataType.FLOAT32);
      NDArray interpolate = fake.add(difference.mul(alpha));
      NDArray length = difference.square().sum(new int[] {1, 2}, true).add(normFloor).sqrt();
      NDArray offset = difference.div(length).mul(step);
      NDArray stacked =
          NDArrays.concat(
              new NDList(real, fake, interpolate.add(offset), interpolate.sub(offset)), 0);
      double loss;
      try (GradientCollector collector = engine.newGradientCollector()) {
        criticOptimizer.zeroGradients();
        NDArray scores = critic.score(stacked, sample, 4);
        NDArray wasserstein =
            scores.get(rows(sample, 1)).mean().sub(scores.get(rows(sample, 0)).mean());
        NDArray slope =
            scores.get(rows(sample, 2)).sub(scores.get(rows(sample, 3))).mul(inverseTwoSteps);
        NDArray penalty = slope.sub(one).square().mean().mul(penaltyWeight);
        collector.backward(wasserstein.add(penalty));
        loss = wasserstein.getFloat();
      }
      criticOptimizer.step();
      return loss;
    }
  }

  /** The generator step: −mean D(fake) plus the weighted correlation-alignment loss. */
  private double trainGenerator(int horizon) {
    try (NDManager batch = root.newSubManager()) {
      TimelineBatch sample = sample(horizon);
      NDArray noise = noise(batch, sample);
      NDArray validMask =
          sample.mask(batch, 1).reshape(new Shape((long) sample.size * sample.steps, 1));
      NDArray inverseCount = Scalars.of(batch, 1.0 / sample.validSteps());
      NDArray realCorrelation =
          settings.correlationWeight() > 0
              ? correlation(flat(sample.real(batch), sample), validMask, inverseCount)
              : null;
      NDArray[] realMoments =
          settings.momentWeight() > 0
              ? moments(flat(sample.real(batch), sample), validMask, inverseCount)
              : null;
      double loss;
      try (GradientCollector collector = engine.newGradientCollector()) {
        generatorOptimizer.zeroGradients();
        NDArray fake = generate(noise, sample);
        NDArray total = critic.score(fake, sample, 1).mean().neg();
        if (realCorrelation != null) {
          NDArray gap =
              realCorrelation
                  .sub(correlation(flat(fake, sample), validMask, inverseCount))
                  .abs()
                  .mean();
          total = total.add(gap.mul(correlationWeight));
        }
        if (realMoments != null) {
          NDArray[] fakeMoments = moments(flat(fake, sample), validMask, inverseCount);
          NDArray gap =
              realMoments[0]
                  .sub(fakeMoments[0])
                  .abs()
                  .mean()
                  .add(realMoments[1].sub(fakeMoments[1]).abs().mean());
          total = total.add(gap.mul(momentWeight));
        }
        collector.backward(total);
        loss = total.getFloat();
      }
      generatorOptimizer.step();
      return loss;
    }
  }

  /** Activated synthetic steps ({@code B × T × stepWidth}), zero after each length. */
  private NDArray generate(NDArray noise, TimelineBatch sample) {
    NDManager batch = noise.getManager();
    NDArray jitter =
        settings.staticNoise() > 0 && sample.staticWidth > 0
            ? batch.randomNormal(
                0f,
                (float) settings.staticNoise(),
                new Shape(sample.size, 1, sample.staticWidth),
                DataType.FLOAT32)
            : null;
    NDArray activated = activation.activate(generator.forward(noise, sample, jitter), null);
    return activated
        .reshape(new Shape(sample.size, sample.steps, sample.stepWidth))
        .mul(sample.mask(batch, 1));
  }

  /**
   * The correlation matrix of the columns of {@code x} ({@code N × F}) over the rows where {@code
   * mask} ({@code N × 1}) is 1; {@code inverseCount} is one over their number.
   */
  private NDArray correlation(NDArray x, NDArray mask, NDArray inverseCount) {
    NDArray mean = x.mul(mask).sum(new int[] {0}, true).mul(inverseCount);
    NDArray centred = x.sub(mean).mul(mask);
    NDArray covariance = centred.transpose().matMul(centred).mul(inverseCount);
    NDArray deviation =
        centred.square().sum(new int[] {0}, true).mul(inverseCount).add(varianceFloor).sqrt();
    return covariance.div(deviation.transpose().matMul(deviation));
  }

  /**
   * The per-column mean and standard deviation ({@code 1 × F} each) of {@code x} ({@code N × F})
   * over the rows where {@code mask} is 1. It counters the generator's under-dispersion: the
   * critic, which sees whole sequences, let spreads of 0.65–0.8 of the real ones pass on pbcseq.
   */
  private NDArray[] moments(NDArray x, NDArray mask, NDArray inverseCount) {
    NDArray mean = x.mul(mask).sum(new int[] {0}, true).mul(inverseCount);
    NDArray deviation =
        x.sub(mean)
            .mul(mask)
            .square()
            .sum(new int[] {0}, true)
            .mul(inverseCount)
            .add(varianceFloor)
            .sqrt();
    return new NDArray[] {mean, deviation};
  }

  private static NDArray flat(NDArray steps, TimelineBatch sample) {
    return steps.reshape(new Shape((long) sample.size * sample.steps, sample.stepWidth));
  }

  /** Rows {@code [k·B, (k+1)·B)} of a stack of batches. */
  private static NDIndex rows(TimelineBatch sample, int k) {
    return new NDIndex().addSliceDim((long) k * sample.size, (long) (k + 1) * sample.size);
  }

  private NDArray noise(NDManager batch, TimelineBatch sample) {
    return batch.randomNormal(
        0f, 1f, new Shape(sample.size, sample.steps, settings.latentDim()), DataType.FLOAT32);
  }

  /** A batch of distinct patients drawn uniformly (a partial Fisher–Yates shuffle). */
  private TimelineBatch sample(int horizon) {
    int[] picked = new int[batchSize];
    for (int i = 0; i < batchSize; i++) {
      int j = i + batchRandom.nextInt(order.length - i);
      int swap = order[i];
      order[i] = order[j];
      order[j] = swap;
      picked[i] = order[i];
    }
    return TimelineBatch.of(data, picked, horizon);
  }

  @Override
  public void close() {
    root.close();
  }
}
