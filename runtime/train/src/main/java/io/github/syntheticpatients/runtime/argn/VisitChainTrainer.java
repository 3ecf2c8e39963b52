package io.github.syntheticpatients.runtime.argn;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import io.github.syntheticpatients.runtime.EngineUnavailableException;
import io.github.syntheticpatients.runtime.TrainingListener;
import io.github.syntheticpatients.runtime.gan.AdamOptimizer;
import io.github.syntheticpatients.runtime.gan.DjlEngine;
import io.github.syntheticpatients.runtime.gan.GanTrainer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Trains the visit chain of the timeline {@code argn} by cross-entropy with teacher forcing: a
 * history LSTM reads each visit's predecessor (a multi-hot vector of its symbols; a mark on the
 * first visit), and the chain's heads see the history's state and the patient's static symbols as
 * their context (with the numeric values' positions, {@link ContextPositions}, when given),
 * projected once per visit to a narrow vector shared by all heads. Batches of patients, Adam, and
 * the weights of the epoch with the lowest validation loss are kept; training stops after {@code
 * patience} epochs without improvement.
 *
 * <p>The LSTM step is composed from matrix products and element-wise gates, not DJL's fused LSTM,
 * whose numbers depend on the CPU (djl.md, pitfall 10). Seeded: torch's generator for the initial
 * weights, a {@link SplittableRandom} for the shuffles.
 */
public final class VisitChainTrainer {
  /** Visit rows per batch at most (patients × longest timeline), which bounds its memory. */
  private static final int MAX_BATCH_STEPS = 4096;

  /**
   * Width of the narrow vector the context is projected to once per visit, shared by all heads: a
   * head's first layer then reads 64 numbers instead of the whole context (~2,000 wide on an ICU
   * shape). The model stores it, so the sampler too projects once per visit.
   */
  static final int PROJECTED_CONTEXT = 64;

  /** Optimiser steps before early stopping may end training. */
  private static final int MIN_STEPS = 300;

  private VisitChainTrainer() {}

  /**
   * Trains.
   *
   * @param train the training patients
   * @param validation the validation patients (none: the last epoch is kept)
   * @param settings epochs, patience, batch size in patients, learning rate, head width
   * @param historyHidden the history LSTM's hidden width
   */
  public static TrainedVisitChain train(
      VisitSequences train,
      VisitSequences validation,
      ArgnSettings settings,
      int historyHidden,
      long seed,
      TrainingListener listener) {
    return train(train, validation, settings, historyHidden, ContextPositions.NONE, seed, listener);
  }

  /**
   * Trains with {@code positions} beside the context's symbols (folded into the exported context
   * weights).
   *
   * @param positions the numeric positions of the context symbols, or {@link ContextPositions#NONE}
   */
  public static TrainedVisitChain train(
      VisitSequences train,
      VisitSequences validation,
      ArgnSettings settings,
      int historyHidden,
      ContextPositions positions,
      long seed,
      TrainingListener listener) {
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(positions, "positions");
    TrainingListener progress = Objects.requireNonNullElse(listener, TrainingListener.NONE);
    synchronized (GanTrainer.LOCK) {
      try {
        return new Run(train, settings, historyHidden, positions, seed).train(validation, progress);
      } catch (NoClassDefFoundError e) {
        throw EngineUnavailableException.djlMissing(e);
      }
    }
  }

  /**
   * One training run's shapes and parameters. Package-private so that {@link DpVisitChainTrainer}
   * trains the same network with the same loss.
   */
  static final class Run {
    final VisitSequences data;
    final ArgnSettings settings;
    final int hiddenWidth;
    final int heads;
    final int inputs;
    final int staticSymbols;
    final int extraWidth;
    final int contextWidth;
    final int projectedWidth;
    final ContextPositions positions;
    final int[] offsets;
    final int[] staticOffsets;
    final boolean[][] sees;
    final Engine engine;
    final SplittableRandom random;

    Run(
        VisitSequences data,
        ArgnSettings settings,
        int hiddenWidth,
        ContextPositions positions,
        long seed) {
      this.data = data;
      this.settings = settings;
      this.hiddenWidth = hiddenWidth;
      this.heads = data.vocabulary().length;
      this.offsets = offsets(data.vocabulary());
      this.inputs = 1 + offsets[heads - 1] + data.vocabulary()[heads - 1];
      this.staticOffsets = offsets(data.staticVocabulary());
      int statics = 0;
      for (int v : data.staticVocabulary()) {
        statics += v;
      }
      this.staticSymbols = statics;
      // The context beyond the history: static symbols, elapsed bin, remaining bin (one-hot each).
      this.extraWidth = statics + data.timeBins()[0] + data.timeBins()[1];
      this.contextWidth = hiddenWidth + extraWidth + inputs;
      this.projectedWidth = Math.min(contextWidth, PROJECTED_CONTEXT);
      if (positions.features() > 0 && positions.symbols() != extraWidth + inputs) {
        throw new IllegalArgumentException(
            "context positions cover "
                + positions.symbols()
                + " symbols, the context has "
                + (extraWidth + inputs));
      }
      this.positions = positions;
      int[] owners = new int[heads];
      for (int j = 0; j < heads; j++) {
        owners[j] = j;
      }
      this.sees = ArgnTrainer.sees(owners, owners);
      this.engine = DjlEngine.engine();
      engine.setRandomSeed((int) (seed ^ (seed >>> 32)));
      this.random = new SplittableRandom(seed);
    }

    TrainedVisitChain train(VisitSequences validation, TrainingListener listener) {
      JniUtils.setGradMode(false);
      try (NDManager root = engine.newBaseManager()) {
        Network network = network(root);
        ChainHeads chain = network.chain();
        List<NDArray> history = network.history();
        NDArray inputWeight = history.get(0);
        NDArray recurrentWeight = history.get(1);
        NDArray bias = history.get(2);
        NDArray projection = history.get(3);
        NDArray positionWeight = history.size() > 4 ? history.get(4) : null;
        List<NDArray> parameters = network.parameters();
        AdamOptimizer optimizer =
            new AdamOptimizer(
                root, parameters, settings.learningRate(), 0.9, 0.999, settings.weightDecay());
        int patients = data.patients();
        int longest = 1;
        for (int p = 0; p < patients; p++) {
          longest = Math.max(longest, data.rows(p));
        }
        int batchSize =
            Math.max(
                1, Math.min(Math.min(settings.batchSize(), patients), MAX_BATCH_STEPS / longest));
        int steps = Math.max(1, patients / batchSize);
        int maxEpochs = settings.maxEpochs();
        double[] trainLosses = new double[maxEpochs];
        boolean validating = validation != null && validation.patients() > 0;
        double[] validationLosses = new double[validating ? maxEpochs : 0];
        double best = Double.POSITIVE_INFINITY;
        TrainedVisitChain kept = null;
        float[] keptProjection = null;
        float[] keptProjected = null;
        int bestEpoch = 0;
        int epoch = 0;
        long start = System.nanoTime();
        while (epoch < maxEpochs) {
          int[] permutation = shuffled(patients);
          double sum = 0;
          for (int step = 0; step < steps; step++) {
            int[] batch = Arrays.copyOfRange(permutation, step * batchSize, (step + 1) * batchSize);
            try (NDManager scope = root.newSubManager()) {
              double loss;
              try (GradientCollector collector = engine.newGradientCollector()) {
                optimizer.zeroGradients();
                Loss total = loss(scope, chain, history, data, batch);
                NDArray mean =
                    total
                        .sum()
                        .div(scope.full(new Shape(), (float) total.rows(), DataType.FLOAT32));
                collector.backward(mean);
                loss = mean.getFloat();
              }
              optimizer.step();
              sum += loss;
            }
          }
          trainLosses[epoch] = sum / steps;
          epoch++;
          boolean improved = true;
          if (validating) {
            double loss = evaluate(root, chain, history, validation, batchSize);
            validationLosses[epoch - 1] = loss;
            improved = loss < best;
            if (improved) {
              best = loss;
            }
          }
          if (improved) {
            bestEpoch = epoch;
            keptProjection =
                withPositions(
                    projection.toFloatArray(),
                    positionWeight == null ? null : positionWeight.toFloatArray());
            keptProjected = chain.exportContext();
            kept =
                new TrainedVisitChain(
                    chain.export(false),
                    hiddenWidth,
                    inputWeight.toFloatArray(),
                    recurrentWeight.toFloatArray(),
                    bias.toFloatArray(),
                    null,
                    null,
                    epoch,
                    epoch,
                    new double[0],
                    new double[0]);
          }
          Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
          listener.onEpoch(
              new TrainingListener.EpochProgress(
                  epoch,
                  maxEpochs,
                  trainLosses[epoch - 1],
                  validating ? validationLosses[epoch - 1] : Double.NaN,
                  elapsed,
                  elapsed.multipliedBy(maxEpochs - epoch).dividedBy(epoch),
                  TrainingListener.Losses.TRAINING_VALIDATION));
          if (epoch - bestEpoch >= settings.patience() && (long) epoch * steps >= MIN_STEPS) {
            break;
          }
        }
        return new TrainedVisitChain(
            kept.network(),
            hiddenWidth,
            kept.historyInput(),
            kept.historyRecurrent(),
            kept.historyBias(),
            keptProjected,
            keptProjection,
            bestEpoch,
            epoch,
            Arrays.copyOf(trainLosses, epoch),
            Arrays.copyOf(validationLosses, Math.min(epoch, validationLosses.length)));
      }
    }

    /**
     * The chain, and the history: the LSTM's input weight, recurrent weight and bias, the context's
     * projection and, with positions, their trained weight and the fixed positions; {@code
     * parameters} holds all the trained ones.
     */
    record Network(ChainHeads chain, List<NDArray> history, List<NDArray> parameters) {}

    /** A freshly initialised network, from torch's seeded generator. */
    Network network(NDManager root) {
      int[] dims = new int[heads];
      for (int j = 0; j < heads; j++) {
        dims[j] = settings.dims(data.vocabulary()[j]);
      }
      ChainHeads chain =
          new ChainHeads(root, data.vocabulary(), dims, settings.hidden(), projectedWidth);
      // No bias: the heads' hidden biases absorb it.
      float projectionBound = (float) (1 / Math.sqrt(contextWidth));
      NDArray projection =
          root.randomUniform(
              -projectionBound,
              projectionBound,
              new Shape(contextWidth, projectedWidth),
              DataType.FLOAT32);
      float bound = (float) (1 / Math.sqrt(hiddenWidth));
      int gates = 4 * hiddenWidth;
      NDArray inputWeight =
          root.randomUniform(-bound, bound, new Shape(inputs, gates), DataType.FLOAT32);
      NDArray recurrentWeight =
          root.randomUniform(-bound, bound, new Shape(hiddenWidth, gates), DataType.FLOAT32);
      NDArray bias = root.randomUniform(-bound, bound, new Shape(gates), DataType.FLOAT32);
      List<NDArray> history =
          new ArrayList<>(List.of(inputWeight, recurrentWeight, bias, projection));
      if (positions.features() > 0) {
        // Drawn last, so that a run without positions starts from the same weights as before.
        history.add(
            root.randomUniform(
                -projectionBound,
                projectionBound,
                new Shape(positions.features(), projectedWidth),
                DataType.FLOAT32));
        history.add(
            root.create(positions.weights(), new Shape(positions.symbols(), positions.features())));
      }
      // The history's weights, the projection and the position weights; the positions are fixed.
      List<NDArray> trained = history.subList(0, history.size() > 4 ? 5 : 4);
      for (NDArray parameter : trained) {
        parameter.setRequiresGradient(true);
      }
      List<NDArray> parameters = new ArrayList<>(chain.parameters());
      parameters.addAll(trained);
      return new Network(chain, List.copyOf(history), List.copyOf(parameters));
    }

    /** The network as it is now, as a trained chain without losses. */
    TrainedVisitChain export(Network network, int epochs) {
      List<NDArray> history = network.history();
      return new TrainedVisitChain(
          network.chain().export(false),
          hiddenWidth,
          history.get(0).toFloatArray(),
          history.get(1).toFloatArray(),
          history.get(2).toFloatArray(),
          network.chain().exportContext(),
          withPositions(
              history.get(3).toFloatArray(),
              history.size() > 4 ? history.get(4).toFloatArray() : null),
          epochs,
          epochs,
          new double[0],
          new double[0]);
    }

    /** Mean loss per visit row of {@code sequences}, without gradients. */
    double evaluate(
        NDManager root,
        ChainHeads chain,
        List<NDArray> history,
        VisitSequences sequences,
        int batchSize) {
      double sum = 0;
      long rows = 0;
      for (int first = 0; first < sequences.patients(); first += batchSize) {
        int[] batch = new int[Math.min(batchSize, sequences.patients() - first)];
        for (int b = 0; b < batch.length; b++) {
          batch[b] = first + b;
        }
        try (NDManager scope = root.newSubManager()) {
          Loss loss = loss(scope, chain, history, sequences, batch);
          sum += loss.sum().getFloat();
          rows += loss.rows();
        }
      }
      return sum / rows;
    }

    /** A batch's summed loss and its number of visit rows. */
    record Loss(NDArray sum, int rows) {}

    /**
     * The summed negative log-likelihood of the patients {@code batch} of {@code sequences}: the
     * history LSTM over each patient's visits (padded to the batch's longest), its states at the
     * real rows with the patient's static symbols as context, then the chain.
     */
    Loss loss(
        NDManager scope,
        ChainHeads chain,
        List<NDArray> history,
        VisitSequences sequences,
        int[] batch) {
      int size = batch.length;
      int longest = 1;
      int rows = 0;
      for (int p : batch) {
        longest = Math.max(longest, sequences.rows(p));
        rows += sequences.rows(p);
      }
      int staticWidth = sequences.staticVocabulary().length;
      float[] input = new float[size * longest * inputs];
      float[] extra = new float[rows * extraWidth];
      int elapsedBins = sequences.timeBins()[0];
      boolean remaining = sequences.timeBins()[1] > 0;
      long[] real = new long[rows];
      int[] codes = new int[rows * heads];
      int row = 0;
      for (int b = 0; b < size; b++) {
        int p = batch[b];
        int first = sequences.starts()[p];
        for (int t = 0; t < sequences.rows(p); t++, row++) {
          int base = (b * longest + t) * inputs;
          if (t == 0) {
            input[base] = 1f;
          } else {
            for (int j = 0; j < heads; j++) {
              input[base + 1 + offsets[j] + sequences.codes()[(first + t - 1) * heads + j]] = 1f;
            }
          }
          System.arraycopy(sequences.codes(), (first + t) * heads, codes, row * heads, heads);
          real[row] = (long) b * longest + t;
          int at = row * extraWidth;
          for (int s = 0; s < staticWidth; s++) {
            extra[at + staticOffsets[s] + sequences.staticCodes()[p * staticWidth + s]] = 1f;
          }
          extra[at + staticSymbols + sequences.timeCodes()[(first + t) * 2]] = 1f;
          if (remaining) {
            extra[at + staticSymbols + elapsedBins + sequences.timeCodes()[(first + t) * 2 + 1]] =
                1f;
          }
        }
      }
      NDArray inputWeight = history.get(0);
      NDArray recurrentWeight = history.get(1);
      NDArray bias = history.get(2);
      NDArray previous = scope.create(input, new Shape((long) size * longest, inputs));
      NDArray projected =
          previous.matMul(inputWeight).add(bias).reshape(size, longest, 4L * hiddenWidth);
      NDArray h = scope.zeros(new Shape(size, hiddenWidth), DataType.FLOAT32);
      NDArray c = scope.zeros(new Shape(size, hiddenWidth), DataType.FLOAT32);
      NDList states = new NDList(longest);
      for (int t = 0; t < longest; t++) {
        NDArray a = projected.get(new NDIndex(":, {}, :", t)).add(h.matMul(recurrentWeight));
        NDList gate = a.split(4, 1);
        c =
            Activation.sigmoid(gate.get(1))
                .mul(c)
                .add(Activation.sigmoid(gate.get(0)).mul(gate.get(2).tanh()));
        h = Activation.sigmoid(gate.get(3)).mul(c.tanh());
        states.add(h);
      }
      NDArray all = NDArrays.stack(states, 1).reshape((long) size * longest, hiddenWidth);
      // The context: the history's state, the static and time one-hots, and the history's input
      // itself (the previous visit's symbols).
      NDArray realRows = scope.create(real);
      NDArray wide =
          NDArrays.concat(
              new NDList(
                  all.get(new NDIndex("{}", realRows)),
                  scope.create(extra, new Shape(rows, extraWidth)),
                  previous.get(new NDIndex("{}", realRows))),
              1);
      NDArray context = wide.matMul(history.get(3));
      if (history.size() > 4) {
        NDArray symbols = wide.get(new NDIndex(":, {}:", hiddenWidth));
        context = context.add(symbols.matMul(history.get(5)).matMul(history.get(4)));
      }
      return new Loss(chain.negativeLogLikelihood(scope, codes, rows, sees, context), rows);
    }

    /**
     * The projection with the positions folded in: the rows of the context's symbols gain {@code
     * positions · positionWeight}, summed in plain Java in a fixed order.
     */
    private float[] withPositions(float[] projection, float[] positionWeight) {
      if (positionWeight == null) {
        return projection;
      }
      float[] folded = projection.clone();
      int features = positions.features();
      float[] weights = positions.weights();
      for (int s = 0; s < positions.symbols(); s++) {
        int row = (hiddenWidth + s) * projectedWidth;
        for (int f = 0; f < features; f++) {
          float w = weights[s * features + f];
          if (w == 0) {
            continue;
          }
          for (int k = 0; k < projectedWidth; k++) {
            folded[row + k] += w * positionWeight[f * projectedWidth + k];
          }
        }
      }
      return folded;
    }

    private int[] shuffled(int n) {
      int[] order = new int[n];
      for (int i = 0; i < n; i++) {
        order[i] = i;
      }
      for (int i = n - 1; i > 0; i--) {
        int k = random.nextInt(i + 1);
        int t = order[i];
        order[i] = order[k];
        order[k] = t;
      }
      return order;
    }

    private static int[] offsets(int[] vocabulary) {
      int[] offsets = new int[vocabulary.length];
      for (int j = 1; j < vocabulary.length; j++) {
        offsets[j] = offsets[j - 1] + vocabulary[j - 1];
      }
      return offsets;
    }
  }
}
