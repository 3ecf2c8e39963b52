package io.github.syntheticpatients.runtime.argn;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import io.github.syntheticpatients.runtime.EngineUnavailableException;
import io.github.syntheticpatients.runtime.TrainingListener;
import io.github.syntheticpatients.runtime.gan.AdamOptimizer;
import io.github.syntheticpatients.runtime.gan.DjlEngine;
import io.github.syntheticpatients.runtime.gan.GanTrainer;
import io.github.syntheticpatients.runtime.model.argn.ArgnNetwork;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.IntFunction;

/**
 * Trains a chain of softmax heads on rows of discrete symbols by cross-entropy with Adam: each
 * epoch shuffles the rows; with {@code anyOrder} each batch takes the schema's order or, with
 * probability one half, a random column order (otherwise always the schema's); and the network of
 * the epoch with the lowest validation loss (in the schema's order, the order sampling uses) is
 * kept, as the moving average of its weights over the steps ({@link ParameterAverage}) unless the
 * settings' decay is 0; training stops after {@code patience} epochs without improvement. Seeded:
 * the same data, settings and seed give the same weights (torch's generator for the initial
 * weights, a {@link SplittableRandom} for shuffles and orders).
 */
public final class ArgnTrainer {
  private static final int EVALUATION_BATCH = 2048;

  /**
   * Optimiser steps before early stopping may end training: a 200-row table has 6 steps an epoch,
   * and a few epochs of them leave the heads near their initial, almost uniform, output.
   */
  static final int MIN_STEPS = 500;

  private ArgnTrainer() {}

  /**
   * Trains.
   *
   * @param train training rows' symbols, {@code rows × owners.length} row-major
   * @param validation validation rows' symbols (may be empty: then the last epoch is kept)
   * @param vocabulary symbols per sub-column
   * @param owners the column each sub-column belongs to, non-decreasing (a column's sub-columns are
   *     adjacent and keep their order)
   */
  public static TrainedArgn train(
      int[] train,
      int[] validation,
      int[] vocabulary,
      int[] owners,
      ArgnSettings settings,
      long seed,
      TrainingListener listener) {
    return train(train, null, validation, vocabulary, owners, settings, seed, listener);
  }

  /**
   * Trains on {@code train} joined, in each epoch, by the rows {@code extra} gives for that epoch
   * (0-based; the same number of rows every epoch, or null for none): a prior's rows drawn afresh,
   * so the network learns the prior's distribution rather than one sample of it.
   */
  public static TrainedArgn train(
      int[] train,
      IntFunction<int[]> extra,
      int[] validation,
      int[] vocabulary,
      int[] owners,
      ArgnSettings settings,
      long seed,
      TrainingListener listener) {
    Objects.requireNonNull(settings, "settings");
    TrainingListener progress = Objects.requireNonNullElse(listener, TrainingListener.NONE);
    synchronized (GanTrainer.LOCK) {
      try {
        return run(train, extra, validation, vocabulary, owners, settings, seed, progress);
      } catch (NoClassDefFoundError e) {
        throw EngineUnavailableException.djlMissing(e);
      }
    }
  }

  private static TrainedArgn run(
      int[] real,
      IntFunction<int[]> extra,
      int[] validation,
      int[] vocabulary,
      int[] owners,
      ArgnSettings settings,
      long seed,
      TrainingListener listener) {
    int heads = vocabulary.length;
    int[] train = joined(real, extra, 0);
    int rows = train.length / heads;
    int validationRows = validation.length / heads;
    Engine engine = DjlEngine.engine();
    engine.setRandomSeed((int) (seed ^ (seed >>> 32)));
    JniUtils.setGradMode(false);
    SplittableRandom random = new SplittableRandom(seed);
    int[] dims = new int[heads];
    for (int j = 0; j < heads; j++) {
      dims[j] = settings.dims(vocabulary[j]);
    }
    int columns = heads == 0 ? 0 : owners[heads - 1] + 1;
    boolean[][] natural = sees(owners, identity(columns));
    try (NDManager root = engine.newBaseManager()) {
      ChainHeads network = new ChainHeads(root, vocabulary, dims, settings.hidden(), 0);
      // Validated and kept: the weights' moving average, or the weights themselves.
      ChainHeads kept = network;
      ParameterAverage average = null;
      if (settings.averageDecay() > 0) {
        kept = new ChainHeads(root, vocabulary, dims, settings.hidden(), 0);
        average =
            new ParameterAverage(
                root, network.parameters(), kept.parameters(), settings.averageDecay());
      }
      AdamOptimizer optimizer =
          new AdamOptimizer(
              root,
              network.parameters(),
              settings.learningRate(),
              0.9,
              0.999,
              settings.weightDecay());
      int batchSize = Math.min(settings.batchSize(), rows);
      int steps = Math.max(1, rows / batchSize);
      double[] trainLosses = new double[settings.maxEpochs()];
      double[] validationLosses = new double[validationRows > 0 ? settings.maxEpochs() : 0];
      double best = Double.POSITIVE_INFINITY;
      ArgnNetwork bestNetwork = null;
      int bestEpoch = 0;
      int epoch = 0;
      long start = System.nanoTime();
      int[] batch = new int[batchSize * heads];
      while (epoch < settings.maxEpochs()) {
        if (epoch > 0 && extra != null) {
          train = joined(real, extra, epoch);
        }
        int[] permutation = shuffled(rows, random);
        double sum = 0;
        for (int step = 0; step < steps; step++) {
          for (int r = 0; r < batchSize; r++) {
            System.arraycopy(
                train, permutation[step * batchSize + r] * heads, batch, r * heads, heads);
          }
          // Any order: half the batches in the schema's order (the order unconditional sampling
          // uses), half in a random one (so conditioned columns can come first).
          boolean[][] sees =
              settings.anyOrder() && random.nextBoolean()
                  ? sees(owners, shuffled(columns, random))
                  : natural;
          try (NDManager scope = root.newSubManager()) {
            double loss;
            try (GradientCollector collector = engine.newGradientCollector()) {
              optimizer.zeroGradients();
              NDArray total = network.negativeLogLikelihood(scope, batch, batchSize, sees, null);
              NDArray mean =
                  total.div(scope.full(new Shape(), (float) batchSize, DataType.FLOAT32));
              collector.backward(mean);
              loss = mean.getFloat();
            }
            optimizer.step();
            if (average != null) {
              average.update();
            }
            sum += loss;
          }
        }
        trainLosses[epoch] = sum / steps;
        epoch++;
        boolean improved;
        if (validationRows > 0) {
          double loss = evaluate(root, kept, validation, validationRows, heads, natural);
          validationLosses[epoch - 1] = loss;
          improved = loss < best;
          if (improved) {
            best = loss;
          }
        } else {
          improved = true;
        }
        if (improved) {
          bestEpoch = epoch;
          bestNetwork = kept.export(settings.anyOrder());
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        listener.onEpoch(
            new TrainingListener.EpochProgress(
                epoch,
                settings.maxEpochs(),
                trainLosses[epoch - 1],
                validationRows > 0 ? validationLosses[epoch - 1] : Double.NaN,
                elapsed,
                elapsed.multipliedBy(settings.maxEpochs() - epoch).dividedBy(epoch),
                TrainingListener.Losses.TRAINING_VALIDATION));
        // Small tables take few steps an epoch: stop early only after MIN_STEPS steps.
        if (epoch - bestEpoch >= settings.patience() && (long) epoch * steps >= MIN_STEPS) {
          break;
        }
      }
      return new TrainedArgn(
          bestNetwork,
          bestEpoch,
          epoch,
          Arrays.copyOf(trainLosses, epoch),
          Arrays.copyOf(validationLosses, Math.min(epoch, validationLosses.length)));
    }
  }

  /** The real rows followed by {@code extra}'s rows for {@code epoch}. */
  private static int[] joined(int[] real, IntFunction<int[]> extra, int epoch) {
    if (extra == null) {
      return real;
    }
    int[] rows = extra.apply(epoch);
    int[] both = Arrays.copyOf(real, real.length + rows.length);
    System.arraycopy(rows, 0, both, real.length, rows.length);
    return both;
  }

  /** Mean negative log-likelihood per row in the given order, without gradients. */
  private static double evaluate(
      NDManager root, ChainHeads network, int[] codes, int rows, int heads, boolean[][] sees) {
    double sum = 0;
    for (int first = 0; first < rows; first += EVALUATION_BATCH) {
      int count = Math.min(EVALUATION_BATCH, rows - first);
      int[] part = Arrays.copyOfRange(codes, first * heads, (first + count) * heads);
      try (NDManager scope = root.newSubManager()) {
        sum += network.negativeLogLikelihood(scope, part, count, sees, null).getFloat();
      }
    }
    return sum / rows;
  }

  /**
   * Which sub-columns each head sees when the columns come in {@code order} ({@code order[p]} is
   * the column at position p): those of earlier columns, and the earlier sub-columns of its own.
   */
  static boolean[][] sees(int[] owners, int[] order) {
    int[] position = new int[order.length];
    for (int p = 0; p < order.length; p++) {
      position[order[p]] = p;
    }
    int heads = owners.length;
    boolean[][] sees = new boolean[heads][heads];
    for (int j = 0; j < heads; j++) {
      for (int i = 0; i < heads; i++) {
        int pi = position[owners[i]];
        int pj = position[owners[j]];
        sees[j][i] = pi < pj || (pi == pj && i < j);
      }
    }
    return sees;
  }

  static int[] identity(int n) {
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    return order;
  }

  /** A Fisher–Yates shuffle of 0..n−1. */
  static int[] shuffled(int n, SplittableRandom random) {
    int[] order = identity(n);
    for (int i = n - 1; i > 0; i--) {
      int k = random.nextInt(i + 1);
      int t = order[i];
      order[i] = order[k];
      order[k] = t;
    }
    return order;
  }
}
