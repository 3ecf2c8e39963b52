package io.github.syntheticpatients.runtime.argn;

import io.github.syntheticpatients.runtime.model.argn.ArgnNetwork;
import io.github.syntheticpatients.runtime.model.argn.ChainSampler;
import io.github.syntheticpatients.runtime.random.RandomStream;

/**
 * Matches the trained chain's marginals to the training rows': each chosen head's output bias is
 * moved by log(training share / sampled share) of each symbol, over a few rounds of sampling the
 * chain in the schema's order (as unconditional sampling draws it), because a head's shift changes
 * the inputs of the heads after it. A chain learns each column's conditional with some error, and
 * the errors add up along the chain into marginals a little off the data's; the copula's are exact
 * by construction. The shift is the same for every row, so the conditionals keep their shape.
 *
 * <p>The copula matches the training rows' marginals by construction, so the calibrated network is
 * kept unless the validation rows show it farther from their marginals than the network as trained,
 * by more than twice that comparison's noise ({@link #distance}, {@link #noise}).
 *
 * <p>The shares are counts over quantile bins and categories (a rare category is protected in the
 * schema already), so the network holds no value it did not hold before. Seeded: the same network,
 * rows and seed give the same bits (float sums in a fixed order, {@link StrictMath#log}).
 */
public final class MarginalCalibration {
  /**
   * Rows sampled in the first round; each later round samples twice as many as the one before, so
   * the last shift, which the model keeps, carries the least sampling noise (4 rounds: 200,000
   * rows, a symbol of share 4 % drawn about 8,000 times, ±1 %).
   */
  static final int FIRST_SAMPLE_ROWS = 25_000;

  /**
   * The largest shift of one logit in one round, so a rare symbol's noisy share cannot swing it.
   */
  private static final double MAX_SHIFT = 1;

  private MarginalCalibration() {}

  /**
   * A calibrated network.
   *
   * @param network the network of the kept round
   * @param round the rounds applied: {@code rounds}, or 0 when the network is the one trained
   */
  public record Calibrated(ArgnNetwork network, int round) {}

  /**
   * The network with the output biases of {@code heads} moved towards the marginals of the training
   * rows over {@code rounds} rounds; the network as trained where the validation rows are
   * significantly nearer its marginals than the calibrated network's. A marginal moves the rows'
   * likelihood by less than the likelihood's noise, so choosing the round by the validation loss
   * (as before 2026-12-07) kept the trained network by chance, on large tables too (nafld1, whose
   * binary columns were measurably off; docs/benchmarks/argn.md).
   *
   * @param network the trained chain
   * @param codes the training rows' symbols, {@code rows × network.heads()} row-major
   * @param validation the validation rows' symbols, laid out alike (empty: the calibrated network
   *     is kept)
   * @param heads the sub-columns whose marginals are matched (those with a symbol per value: bins
   *     and categories; a bin's share has no marginal of its own to match)
   * @param rounds rounds of sampling and shifting (0 keeps {@code network})
   * @param seed the sampling streams' seed
   */
  public static Calibrated calibrate(
      ArgnNetwork network, int[] codes, int[] validation, boolean[] heads, int rounds, long seed) {
    int width = network.heads();
    if (heads.length != width
        || codes.length % Math.max(1, width) != 0
        || validation.length % Math.max(1, width) != 0) {
      throw new IllegalArgumentException("calibration: one flag per head and whole rows of codes");
    }
    if (rounds == 0 || width == 0 || codes.length == 0) {
      return new Calibrated(network, 0);
    }
    double[][] target = shares(codes, codes.length / width, network.vocabulary(), heads);
    float[][] bias = new float[width][];
    for (int j = 0; j < width; j++) {
      bias[j] = network.outBias()[j].clone();
    }
    ArgnNetwork current = network;
    RandomStream random = RandomStream.of(seed);
    double[][] trained = null;
    int rows = FIRST_SAMPLE_ROWS;
    for (int round = 0; round < rounds; round++) {
      rows = FIRST_SAMPLE_ROWS << Math.min(round, 6);
      double[][] now = shares(sample(current, rows, random), rows, network.vocabulary(), heads);
      if (round == 0) {
        trained = now;
      }
      for (int j = 0; j < width; j++) {
        if (!heads[j]) {
          continue;
        }
        for (int v = 0; v < bias[j].length; v++) {
          bias[j][v] += (float) shift(target[j][v], now[j][v]);
        }
      }
      current =
          new ArgnNetwork(
              network.vocabulary(),
              network.dims(),
              network.hidden(),
              network.embedding(),
              network.hiddenWeight(),
              network.hiddenBias(),
              network.outWeight(),
              copy(bias),
              network.anyOrder());
    }
    int validationRows = validation.length / width;
    if (validationRows == 0) {
      return new Calibrated(current, rounds);
    }
    // The last network, measured on as many rows as the last round.
    double[][] calibrated =
        shares(sample(current, rows, random), rows, network.vocabulary(), heads);
    double[][] check = shares(validation, validationRows, network.vocabulary(), heads);
    boolean farther =
        distance(calibrated, rows, check) - distance(trained, FIRST_SAMPLE_ROWS, check)
            > 2 * noise(trained, calibrated, check, validationRows);
    return farther ? new Calibrated(network, 0) : new Calibrated(current, rounds);
  }

  /**
   * How far the chain's marginals lie from the validation rows': the squared differences of the
   * shares, summed over the chosen heads' symbols, less each sampled share s's own variance s(1 −
   * s)/(rows − 1), so that networks measured on different numbers of rows compare fairly. The
   * validation rows' own noise adds the same to every network.
   */
  static double distance(double[][] sampled, int rows, double[][] validation) {
    double sum = 0;
    for (int j = 0; j < sampled.length; j++) {
      if (sampled[j] == null) {
        continue;
      }
      for (int v = 0; v < sampled[j].length; v++) {
        double s = sampled[j][v];
        double d = s - validation[j][v];
        sum += d * d - s * (1 - s) / (rows - 1);
      }
    }
    return sum;
  }

  /**
   * The standard deviation, over draws of the validation rows, of the difference of two networks'
   * {@link #distance}s: the difference is 2 Σ (a − b) · (true share − validation share) plus terms
   * that do not depend on the draw, and a share of {@code rows} rows varies by v(1 − v)/rows.
   */
  static double noise(double[][] a, double[][] b, double[][] validation, int rows) {
    double variance = 0;
    for (int j = 0; j < a.length; j++) {
      if (a[j] == null) {
        continue;
      }
      for (int v = 0; v < a[j].length; v++) {
        double d = a[j][v] - b[j][v];
        double share = validation[j][v];
        variance += 4 * d * d * share * (1 - share) / rows;
      }
    }
    return Math.sqrt(variance);
  }

  /** {@code rows} rows of the chain in the schema's order. */
  private static int[] sample(ArgnNetwork network, int rows, RandomStream random) {
    int width = network.heads();
    ChainSampler chain = new ChainSampler(network);
    ChainSampler.BlockScratch scratch = chain.blockScratch();
    int[] order = ArgnTrainer.identity(width);
    int[] codes = new int[rows * width];
    for (int first = 0; first < rows; first += ChainSampler.BLOCK_ROWS) {
      int block = Math.min(ChainSampler.BLOCK_ROWS, rows - first);
      chain.sampleBlock(order, codes, first * width, block, null, null, random, scratch);
    }
    return codes;
  }

  /** Each chosen head's symbol shares in {@code codes} (null for the others). */
  private static double[][] shares(int[] codes, int rows, int[] vocabulary, boolean[] heads) {
    int width = vocabulary.length;
    double[][] shares = new double[width][];
    for (int j = 0; j < width; j++) {
      if (!heads[j]) {
        continue;
      }
      double[] counts = new double[vocabulary[j]];
      for (int r = 0; r < rows; r++) {
        counts[codes[r * width + j]]++;
      }
      for (int v = 0; v < counts.length; v++) {
        counts[v] /= rows;
      }
      shares[j] = counts;
    }
    return shares;
  }

  /**
   * log(target / now), clipped to ±{@link #MAX_SHIFT}: a symbol the rows never hold goes down, one
   * the chain never drew goes up, one neither holds stays.
   */
  static double shift(double target, double now) {
    if (target == 0 && now == 0) {
      return 0;
    }
    if (target == 0) {
      return -MAX_SHIFT;
    }
    if (now == 0) {
      return MAX_SHIFT;
    }
    return Math.max(-MAX_SHIFT, Math.min(MAX_SHIFT, StrictMath.log(target / now)));
  }

  private static float[][] copy(float[][] arrays) {
    float[][] copy = new float[arrays.length][];
    for (int j = 0; j < arrays.length; j++) {
      copy[j] = arrays[j].clone();
    }
    return copy;
  }
}
