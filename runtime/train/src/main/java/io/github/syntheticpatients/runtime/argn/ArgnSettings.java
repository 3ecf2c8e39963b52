package io.github.syntheticpatients.runtime.argn;

/**
 * The autoregressive generator's training settings.
 *
 * @param maxEpochs the most epochs; training stops earlier when the validation loss stops falling
 * @param patience epochs without a better validation loss before training stops
 * @param batchSize rows per step
 * @param learningRate Adam's learning rate
 * @param weightDecay Adam's L2 weight decay
 * @param hidden hidden units of each head
 * @param maxDims the widest embedding of a sub-column
 * @param anyOrder train on a random column order per batch (any columns can then be conditioned on)
 *     rather than on the schema's order
 * @param averageDecay the per-step decay of the moving average of the weights that is validated and
 *     kept (0: the weights themselves)
 */
public record ArgnSettings(
    int maxEpochs,
    int patience,
    int batchSize,
    double learningRate,
    double weightDecay,
    int hidden,
    int maxDims,
    boolean anyOrder,
    double averageDecay) {

  /** The default decay of the weights' moving average. */
  public static final double DEFAULT_AVERAGE_DECAY = 0.99;

  public ArgnSettings {
    if (maxEpochs < 1 || patience < 1 || batchSize < 1 || hidden < 1 || maxDims < 1) {
      throw new IllegalArgumentException("argn settings must be positive");
    }
    if (!(learningRate > 0) || !(weightDecay >= 0)) {
      throw new IllegalArgumentException("argn learning rate must be positive, decay not negative");
    }
    if (!(averageDecay >= 0 && averageDecay < 1)) {
      throw new IllegalArgumentException("argn average decay must lie in [0, 1)");
    }
  }

  /** The defaults for a training part of {@code rows} rows. */
  public static ArgnSettings forData(int rows) {
    int batch = Math.max(32, Math.min(512, Integer.highestOneBit(Math.max(1, rows / 16))));
    return new ArgnSettings(200, 5, batch, 3e-3, 0, 16, 8, true, DEFAULT_AVERAGE_DECAY);
  }

  public ArgnSettings withMaxEpochs(int value) {
    return new ArgnSettings(
        value,
        patience,
        batchSize,
        learningRate,
        weightDecay,
        hidden,
        maxDims,
        anyOrder,
        averageDecay);
  }

  public ArgnSettings withBatchSize(int value) {
    return new ArgnSettings(
        maxEpochs,
        patience,
        value,
        learningRate,
        weightDecay,
        hidden,
        maxDims,
        anyOrder,
        averageDecay);
  }

  public ArgnSettings withAnyOrder(boolean value) {
    return new ArgnSettings(
        maxEpochs,
        patience,
        batchSize,
        learningRate,
        weightDecay,
        hidden,
        maxDims,
        value,
        averageDecay);
  }

  public ArgnSettings withLearningRate(double value) {
    return new ArgnSettings(
        maxEpochs,
        patience,
        batchSize,
        value,
        weightDecay,
        hidden,
        maxDims,
        anyOrder,
        averageDecay);
  }

  public ArgnSettings withWeightDecay(double value) {
    return new ArgnSettings(
        maxEpochs,
        patience,
        batchSize,
        learningRate,
        value,
        hidden,
        maxDims,
        anyOrder,
        averageDecay);
  }

  public ArgnSettings withHidden(int value) {
    return new ArgnSettings(
        maxEpochs,
        patience,
        batchSize,
        learningRate,
        weightDecay,
        value,
        maxDims,
        anyOrder,
        averageDecay);
  }

  public ArgnSettings withAverageDecay(double value) {
    return new ArgnSettings(
        maxEpochs,
        patience,
        batchSize,
        learningRate,
        weightDecay,
        hidden,
        maxDims,
        anyOrder,
        value);
  }

  /**
   * The embedding width of a sub-column of {@code vocabulary} symbols: grows with its cube root.
   */
  int dims(int vocabulary) {
    return Math.max(2, Math.min(maxDims, (int) Math.ceil(2 * Math.cbrt(vocabulary))));
  }
}
