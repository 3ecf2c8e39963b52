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
 */
public record ArgnSettings(
    int maxEpochs,
    int patience,
    int batchSize,
    double learningRate,
    double weightDecay,
    int hidden,
    int maxDims,
    boolean anyOrder) {

  public ArgnSettings {
    if (maxEpochs < 1 || patience < 1 || batchSize < 1 || hidden < 1 || maxDims < 1) {
      throw new IllegalArgumentException("argn settings must be positive");
    }
    if (!(learningRate > 0) || !(weightDecay >= 0)) {
      throw new IllegalArgumentException("argn learning rate must be positive, decay not negative");
    }
  }

  /**
   * Fitted rows below which a flat table counts as small. A table of 1,000 rows fits 640 (0.8 kept
   * from the privacy holdout, 0.8 of that from validation), one of 999 rows 559 (its holdout is
   * 0.3), so with the default fractions every table of 1,000 rows or more keeps the plain defaults.
   */
  public static final int SMALL_TABLE_ROWS = 600;

  /**
   * Weight decay on small tables: there the validation loss turns up after a dozen epochs
   * (over-fitting a few hundred rows), and decay lets training run on (docs/benchmarks/argn.md).
   */
  public static final double SMALL_TABLE_WEIGHT_DECAY = 0.1;

  /** Whether a flat table's training part of {@code rows} rows gets the small-table defaults. */
  public static boolean smallTable(int rows) {
    return rows < SMALL_TABLE_ROWS;
  }

  /**
   * The defaults for a flat table's training part of {@code rows} rows: {@link #forData} with
   * weight decay on {@linkplain #smallTable small tables}.
   */
  public static ArgnSettings forTable(int rows) {
    ArgnSettings settings = forData(rows);
    return smallTable(rows) ? settings.withWeightDecay(SMALL_TABLE_WEIGHT_DECAY) : settings;
  }

  /** The defaults for a training part of {@code rows} rows (timelines, DP training). */
  public static ArgnSettings forData(int rows) {
    int batch = Math.max(32, Math.min(512, Integer.highestOneBit(Math.max(1, rows / 16))));
    return new ArgnSettings(200, 5, batch, 3e-3, 0, 16, 8, true);
  }

  public ArgnSettings withMaxEpochs(int value) {
    return new ArgnSettings(
        value, patience, batchSize, learningRate, weightDecay, hidden, maxDims, anyOrder);
  }

  public ArgnSettings withBatchSize(int value) {
    return new ArgnSettings(
        maxEpochs, patience, value, learningRate, weightDecay, hidden, maxDims, anyOrder);
  }

  public ArgnSettings withAnyOrder(boolean value) {
    return new ArgnSettings(
        maxEpochs, patience, batchSize, learningRate, weightDecay, hidden, maxDims, value);
  }

  public ArgnSettings withLearningRate(double value) {
    return new ArgnSettings(
        maxEpochs, patience, batchSize, value, weightDecay, hidden, maxDims, anyOrder);
  }

  public ArgnSettings withWeightDecay(double value) {
    return new ArgnSettings(
        maxEpochs, patience, batchSize, learningRate, value, hidden, maxDims, anyOrder);
  }

  public ArgnSettings withHidden(int value) {
    return new ArgnSettings(
        maxEpochs, patience, batchSize, learningRate, weightDecay, value, maxDims, anyOrder);
  }

  /**
   * The embedding width of a sub-column of {@code vocabulary} symbols: grows with its cube root.
   */
  int dims(int vocabulary) {
    return Math.max(2, Math.min(maxDims, (int) Math.ceil(2 * Math.cbrt(vocabulary))));
  }
}
