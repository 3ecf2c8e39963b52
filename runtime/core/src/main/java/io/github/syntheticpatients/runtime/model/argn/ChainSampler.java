package io.github.syntheticpatients.runtime.model.argn;

import io.github.syntheticpatients.runtime.internal.Fdlibm;
import io.github.syntheticpatients.runtime.random.RandomStream;

/**
 * Samples a chain of softmax heads ({@link ArgnNetwork}) in plain Java, one row at a time, in any
 * order of the sub-columns. At load it multiplies every embedding row into every head's hidden
 * weight, so a step adds small vectors instead of multiplying matrices: once sub-column i has its
 * symbol v, each head still to come adds {@code e_i(v) · W_j[i]} to its hidden sum. A head then
 * applies relu, its output layer and a softmax, and draws one symbol from the stream.
 *
 * <p>Numbers are the same on every machine: float sums in a fixed order, and {@link #exp} uses only
 * IEEE 754 basic operations. Stateless after construction; callers pass their own scratch arrays.
 */
public final class ChainSampler {
  /** Logits this far below the largest have weight below e⁻⁴⁰ and are skipped. */
  private static final float NEGLIGIBLE = 40f;

  private static final double LOG2E = 1.4426950408889634;
  private static final double LN2_HI = 6.93147180369123816490e-01;
  private static final double LN2_LO = 1.90821492927058770002e-10;

  private final ArgnNetwork network;
  private final int hidden;

  /**
   * contributions[i]: for each symbol v of sub-column i and each head k, e_i(v) · W_k[i] ({@code
   * hidden} values at {@code (v · heads + k) · hidden}): what drawing v adds to every head, in one
   * contiguous run, so a step streams through memory instead of visiting one small array per head.
   */
  private final float[][] contributions;

  public ChainSampler(ArgnNetwork network) {
    this.network = network;
    this.hidden = network.hidden();
    int heads = network.heads();
    contributions = new float[heads][];
    for (int i = 0; i < heads; i++) {
      int vocabulary = network.vocabulary()[i];
      int dims = network.dims()[i];
      int offset = network.embeddingOffset(i);
      float[] embedding = network.embedding()[i];
      float[] table = new float[vocabulary * heads * hidden];
      for (int v = 0; v < vocabulary; v++) {
        for (int k = 0; k < heads; k++) {
          float[] weight = network.hiddenWeight()[k];
          int base = (v * heads + k) * hidden;
          for (int d = 0; d < dims; d++) {
            float e = embedding[v * dims + d];
            int row = (offset + d) * hidden;
            for (int h = 0; h < hidden; h++) {
              table[base + h] += e * weight[row + h];
            }
          }
        }
      }
      contributions[i] = table;
    }
  }

  public ArgnNetwork network() {
    return network;
  }

  /**
   * Restricts the symbols a sub-column may take given the symbols drawn so far (a condition on a
   * numeric range, say).
   */
  public interface Admissible {
    /**
     * The allowed symbols of {@code subColumn}, or null for all.
     *
     * @param codes the row's symbols so far (those earlier in the order are set)
     * @param offset where the row starts in {@code codes}
     */
    boolean[] allowed(int subColumn, int[] codes, int offset);
  }

  /** Scratch space for one thread. */
  public final class Scratch {
    final float[] sums = new float[network.heads() * hidden];
    final float[] activations = new float[hidden];
    final float[] logits;
    final double[] weights;

    Scratch() {
      int max = 1;
      for (int v : network.vocabulary()) {
        max = Math.max(max, v);
      }
      logits = new float[max];
      weights = new double[max];
    }
  }

  public Scratch scratch() {
    return new Scratch();
  }

  /**
   * Samples one row into {@code codes[offset…offset + heads)}.
   *
   * @param order the sub-columns in sampling order (a permutation)
   * @param fixed per sub-column, whether its symbol is given in {@code codes} already; null for
   *     none
   * @param context per head, added to its hidden sum before any sub-column (a history's
   *     contribution); null for none
   * @param admissible restrictions on symbols, or null
   */
  public void sampleRow(
      int[] order,
      int[] codes,
      int offset,
      boolean[] fixed,
      float[] context,
      Admissible admissible,
      RandomStream random,
      Scratch scratch) {
    int heads = network.heads();
    float[] sums = scratch.sums;
    for (int j = 0; j < heads; j++) {
      System.arraycopy(network.hiddenBias()[j], 0, sums, j * hidden, hidden);
    }
    if (context != null) {
      for (int k = 0; k < sums.length; k++) {
        sums[k] += context[k];
      }
    }
    boolean inOrder = true;
    for (int p = 0; p < heads && inOrder; p++) {
      inOrder = order[p] == p;
    }
    for (int p = 0; p < heads; p++) {
      int j = order[p];
      int symbol;
      if (fixed != null && fixed[j]) {
        symbol = codes[offset + j];
      } else {
        boolean[] allowed = admissible == null ? null : admissible.allowed(j, codes, offset);
        symbol = draw(j, sums, allowed, random.nextDouble(), scratch);
        codes[offset + j] = symbol;
      }
      float[] table = contributions[j];
      int from = symbol * heads * hidden;
      if (inOrder) {
        // The heads still to come are j+1 … heads−1: one contiguous run the JIT vectorises.
        for (int x = (j + 1) * hidden; x < sums.length; x++) {
          sums[x] += table[from + x];
        }
      } else {
        for (int q = p + 1; q < heads; q++) {
          int base = order[q] * hidden;
          for (int h = 0; h < hidden; h++) {
            sums[base + h] += table[from + base + h];
          }
        }
      }
    }
  }

  /** The most rows {@link #sampleBlock} takes at once. */
  public static final int BLOCK_ROWS = 512;

  /**
   * Rows that take their uniforms together, sub-column by sub-column, in {@link #sampleBlock}: a
   * constant of the sampled output (changing it changes every record), apart from how many rows are
   * computed at once.
   */
  static final int DRAW_ROWS = 128;

  /**
   * Rows computed together, head after head: each carries its hidden sums of every head, and a lane
   * of them stays in the core's cache while the chain runs. Not a constant of the output.
   */
  static final int LANE_ROWS = 128;

  /**
   * Scratch space for one thread's blocks of rows. Every vector the block loops run over is an
   * array of its own, indexed by the row (or by the hidden unit), never a slice at an offset of a
   * larger one: the JIT of Java 17 vectorises a loop only when it can tell its loads and stores
   * apart, and it cannot compare two offsets held in variables.
   */
  public final class BlockScratch {
    /** Per row of the lane, its hidden sums of every head, by position in the order. */
    final float[][] sums = new float[LANE_ROWS][network.heads() * hidden];

    /** Per hidden unit, the current head's activation of every row. */
    final float[][] activations = new float[hidden][LANE_ROWS];

    /** Per symbol, the current head's logit (then weight) of every row. */
    final float[][] logits;

    final float[] max = new float[LANE_ROWS];
    final float[] totals = new float[LANE_ROWS];
    final boolean[][] allowed = new boolean[LANE_ROWS][];
    final double[] uniforms = new double[network.heads() * BLOCK_ROWS];

    BlockScratch() {
      int max = 1;
      for (int v : network.vocabulary()) {
        max = Math.max(max, v);
      }
      logits = new float[max][LANE_ROWS];
    }
  }

  public BlockScratch blockScratch() {
    return new BlockScratch();
  }

  /**
   * What each symbol adds to the heads after it, laid out by position in one sampling order: {@code
   * rows[i][v]} holds, at {@code q · hidden}, what symbol v of sub-column i adds to the head drawn
   * at position q (the whole width, so that a row's sums and it share their indices); {@code bias}
   * the heads' biases by position.
   */
  private record Pushes(int[] order, float[][][] rows, float[] bias) {}

  /**
   * The block sampler's {@link Pushes} for the last order it was asked for (a request keeps one
   * order for all its blocks); a race builds equal ones.
   */
  private volatile Pushes pushes;

  private Pushes pushes(int[] order) {
    Pushes current = pushes;
    if (current != null && java.util.Arrays.equals(current.order, order)) {
      return current;
    }
    int heads = network.heads();
    float[][][] rows = new float[heads][][];
    for (int i = 0; i < heads; i++) {
      int vocabulary = network.vocabulary()[i];
      rows[i] = new float[vocabulary][heads * hidden];
      for (int v = 0; v < vocabulary; v++) {
        for (int q = 0; q < heads; q++) {
          System.arraycopy(
              contributions[i], (v * heads + order[q]) * hidden, rows[i][v], q * hidden, hidden);
        }
      }
    }
    float[] bias = new float[heads * hidden];
    for (int q = 0; q < heads; q++) {
      System.arraycopy(network.hiddenBias()[order[q]], 0, bias, q * hidden, hidden);
    }
    current = new Pushes(order.clone(), rows, bias);
    pushes = current;
    return current;
  }

  /**
   * Samples {@code rows} rows (at most {@link #BLOCK_ROWS}) into {@code codes}, row r at {@code
   * offset + r · heads}, sub-column by sub-column: every row draws its symbol of a sub-column
   * before any row draws the next. The uniforms come in groups of {@link #DRAW_ROWS} rows: each
   * group takes one per row for its first sub-column (rows in turn), then for its second, and so
   * on, before the next group takes any. The hidden sums and logits are those {@link #sampleRow}
   * computes; the weights come from {@link #expBlock} (no cut-off below e⁻⁴⁰) and the uniforms in
   * another order, so the law is the same and the bits are not.
   *
   * @param order the sub-columns in sampling order (a permutation)
   * @param fixed per sub-column, whether its symbol is given in {@code codes} already; null for
   *     none
   * @param admissible restrictions on symbols, or null
   */
  public void sampleBlock(
      int[] order,
      int[] codes,
      int offset,
      int rows,
      boolean[] fixed,
      Admissible admissible,
      RandomStream random,
      BlockScratch scratch) {
    if (rows < 0 || rows > BLOCK_ROWS) {
      throw new IllegalArgumentException("a block holds 0 to " + BLOCK_ROWS + " rows: " + rows);
    }
    int heads = network.heads();
    double[] uniforms = scratch.uniforms;
    for (int group = 0; group < rows; group += DRAW_ROWS) {
      int end = Math.min(rows, group + DRAW_ROWS);
      for (int p = 0; p < heads; p++) {
        if (fixed == null || !fixed[order[p]]) {
          for (int r = group; r < end; r++) {
            uniforms[p * BLOCK_ROWS + r] = random.nextDouble();
          }
        }
      }
    }
    Pushes layout = pushes(order);
    for (int first = 0; first < rows; first += LANE_ROWS) {
      int lane = Math.min(LANE_ROWS, rows - first);
      sampleLane(order, codes, offset, first, lane, fixed, admissible, layout, scratch);
    }
  }

  /**
   * Rows {@code first … first + lane − 1} of a block, head after head. A row's hidden sums start at
   * the biases; once it has its symbol at position p, the symbol's contributions are added to the
   * sums of every later position, so the head at p sums its bias and the contributions of positions
   * 0 … p − 1 in that order, as {@link #sampleRow} does.
   */
  private void sampleLane(
      int[] order,
      int[] codes,
      int offset,
      int first,
      int lane,
      boolean[] fixed,
      Admissible admissible,
      Pushes layout,
      BlockScratch scratch) {
    int heads = network.heads();
    int width = heads * hidden;
    float[][] sums = scratch.sums;
    for (int r = 0; r < lane; r++) {
      System.arraycopy(layout.bias, 0, sums[r], 0, width);
    }
    double[] uniforms = scratch.uniforms;
    boolean[][] allowed = scratch.allowed;
    for (int p = 0; p < heads; p++) {
      int j = order[p];
      if (fixed == null || !fixed[j]) {
        blockActivations(p, lane, scratch);
        blockLogits(j, lane, scratch);
        for (int r = 0; r < lane; r++) {
          allowed[r] =
              admissible == null
                  ? null
                  : admissible.allowed(j, codes, offset + (first + r) * heads);
        }
        blockWeights(j, lane, admissible != null, scratch);
        for (int r = 0; r < lane; r++) {
          codes[offset + (first + r) * heads + j] =
              pickInBlock(j, r, uniforms[p * BLOCK_ROWS + first + r], scratch);
        }
      }
      if (p + 1 < heads) {
        float[][] rows = layout.rows[j];
        for (int r = 0; r < lane; r++) {
          add(sums[r], rows[codes[offset + (first + r) * heads + j]], (p + 1) * hidden);
        }
      }
    }
  }

  /** {@code sums[x] += row[x]} from {@code from} on: one index for both, so it vectorises. */
  private static void add(float[] sums, float[] row, int from) {
    for (int x = from; x < sums.length; x++) {
      sums[x] += row[x];
    }
  }

  /** The activations of the head at position p: relu of every row's hidden sums. */
  private void blockActivations(int p, int lane, BlockScratch scratch) {
    float[][] sums = scratch.sums;
    float[][] activations = scratch.activations;
    int from = p * hidden;
    // Row after row: each reads one run of its own sums (a row's sums lie a few KB apart).
    for (int r = 0; r < lane; r++) {
      float[] s = sums[r];
      for (int h = 0; h < hidden; h++) {
        activations[h][r] = relu(s[from + h]);
      }
    }
  }

  private static float relu(float s) {
    return s > 0 ? s : 0;
  }

  /**
   * Head j's logits for every row of the lane, from the activations: bias, then the hidden units'
   * terms in unit order, as {@link #draw} sums them; four units a pass over the logits (the same
   * additions in the same order).
   */
  private void blockLogits(int j, int lane, BlockScratch scratch) {
    HeadLogits.compute(
        network.outBias()[j],
        network.outWeight()[j],
        network.vocabulary()[j],
        hidden,
        scratch.activations,
        lane,
        scratch.logits);
  }

  /**
   * Turns the lane's logits of head j into unnormalised weights e^(logit − max) in place (zero for
   * the symbols {@code scratch.allowed} rules out), and each row's total in {@code totals}, summed
   * in symbol order: the loops run over the rows, and {@link #expBlock} is multiplications and
   * additions only, so the JIT vectorises them.
   */
  private void blockWeights(int j, int lane, boolean restricted, BlockScratch scratch) {
    int vocabulary = network.vocabulary()[j];
    float[][] logits = scratch.logits;
    float[] max = scratch.max;
    float[] totals = scratch.totals;
    boolean[][] allowed = scratch.allowed;
    if (restricted) {
      for (int r = 0; r < lane; r++) {
        for (int v = 0; allowed[r] != null && v < vocabulary; v++) {
          if (!allowed[r][v]) {
            logits[v][r] = Float.NEGATIVE_INFINITY;
          }
        }
      }
    }
    java.util.Arrays.fill(max, 0, lane, Float.NEGATIVE_INFINITY);
    for (int v = 0; v < vocabulary; v++) {
      float[] l = logits[v];
      for (int r = 0; r < lane; r++) {
        max[r] = Math.max(max[r], l[r]);
      }
    }
    for (int r = 0; r < lane; r++) {
      if (max[r] == Float.NEGATIVE_INFINITY) {
        throw new IllegalStateException("no admissible symbol for sub-column " + j);
      }
    }
    java.util.Arrays.fill(totals, 0, lane, 0f);
    if (!restricted) {
      // The weights and their totals in one pass, summed in symbol order as below.
      for (int v = 0; v < vocabulary; v++) {
        float[] l = logits[v];
        for (int r = 0; r < lane; r++) {
          float w = expBlock(l[r] - max[r]);
          l[r] = w;
          totals[r] += w;
        }
      }
      return;
    }
    for (int v = 0; v < vocabulary; v++) {
      float[] l = logits[v];
      for (int r = 0; r < lane; r++) {
        l[r] = expBlock(l[r] - max[r]);
      }
    }
    for (int r = 0; r < lane; r++) {
      for (int v = 0; allowed[r] != null && v < vocabulary; v++) {
        if (!allowed[r][v]) {
          logits[v][r] = 0;
        }
      }
    }
    for (int v = 0; v < vocabulary; v++) {
      float[] l = logits[v];
      for (int r = 0; r < lane; r++) {
        totals[r] += l[r];
      }
    }
  }

  /** The first symbol whose cumulative weight exceeds {@code threshold} (the last one if none). */
  private static int pick(double[] weights, int vocabulary, double threshold) {
    double cumulative = 0;
    int last = 0;
    for (int v = 0; v < vocabulary; v++) {
      if (weights[v] > 0) {
        cumulative += weights[v];
        last = v;
        if (threshold < cumulative) {
          return v;
        }
      }
    }
    return last;
  }

  /**
   * Row r's symbol: the first whose running sum of weights (in symbol order, as the total was
   * summed) exceeds u · total.
   */
  private int pickInBlock(int j, int r, double u, BlockScratch scratch) {
    int vocabulary = network.vocabulary()[j];
    float[][] weights = scratch.logits;
    double threshold = u * scratch.totals[r];
    float cumulative = 0;
    int last = 0;
    for (int v = 0; v < vocabulary; v++) {
      float w = weights[v][r];
      if (w > 0) {
        cumulative += w;
        last = v;
        if (threshold < cumulative) {
          return v;
        }
      }
    }
    return last;
  }

  /**
   * e^z for z ≤ 0: within 3e-5 relative for z ≥ −40, and tiny but positive below (a symbol that far
   * below the most likely one never matters): with x = max(z, −80) / 128, a degree-6 Taylor
   * polynomial for e^x squared seven times. Float multiplications and additions only, which Java
   * evaluates exactly the same on every CPU (docs/numerics.md) and the JIT vectorises.
   */
  static float expBlock(float z) {
    float x = Math.max(z, -80f) * (1 / 128f);
    float p =
        1 + x * (1 + x * (1 / 2f + x * (1 / 6f + x * (1 / 24f + x * (1 / 120f + x * (1 / 720f))))));
    p *= p;
    p *= p;
    p *= p;
    p *= p;
    p *= p;
    p *= p;
    return p * p;
  }

  /**
   * The natural log-probability of the row at {@code codes[offset…]} when its sub-columns come in
   * {@code order}: what training minimises (negated), computed in plain Java, in double precision.
   */
  public double logProbability(int[] order, int[] codes, int offset) {
    int heads = network.heads();
    float[] sums = new float[heads * hidden];
    for (int j = 0; j < heads; j++) {
      System.arraycopy(network.hiddenBias()[j], 0, sums, j * hidden, hidden);
    }
    double total = 0;
    for (int p = 0; p < heads; p++) {
      int j = order[p];
      int vocabulary = network.vocabulary()[j];
      double[] logits = new double[vocabulary];
      for (int v = 0; v < vocabulary; v++) {
        double sum = network.outBias()[j][v];
        for (int h = 0; h < hidden; h++) {
          sum += Math.max(0, sums[j * hidden + h]) * network.outWeight()[j][h * vocabulary + v];
        }
        logits[v] = sum;
      }
      double max = Double.NEGATIVE_INFINITY;
      for (double l : logits) {
        max = Math.max(max, l);
      }
      double normaliser = 0;
      for (double l : logits) {
        normaliser += Fdlibm.exp(l - max);
      }
      int symbol = codes[offset + j];
      total += logits[symbol] - max - Fdlibm.log(normaliser);
      for (int q = p + 1; q < heads; q++) {
        int base = order[q] * hidden;
        for (int h = 0; h < hidden; h++) {
          sums[base + h] += contributions[j][symbol * heads * hidden + base + h];
        }
      }
    }
    return total;
  }

  /**
   * A symbol of head j drawn with probability softmax(logits) (restricted to {@code allowed} and
   * renormalised), with one uniform {@code u}.
   */
  private int draw(int j, float[] sums, boolean[] allowed, double u, Scratch scratch) {
    int vocabulary = network.vocabulary()[j];
    float[] activations = scratch.activations;
    int base = j * hidden;
    for (int h = 0; h < hidden; h++) {
      float s = sums[base + h];
      activations[h] = s > 0 ? s : 0;
    }
    float[] logits = scratch.logits;
    System.arraycopy(network.outBias()[j], 0, logits, 0, vocabulary);
    float[] weight = network.outWeight()[j];
    for (int h = 0; h < hidden; h++) {
      float a = activations[h];
      if (a == 0) {
        continue;
      }
      int row = h * vocabulary;
      for (int v = 0; v < vocabulary; v++) {
        logits[v] += a * weight[row + v];
      }
    }
    float max = Float.NEGATIVE_INFINITY;
    for (int v = 0; v < vocabulary; v++) {
      if ((allowed == null || allowed[v]) && logits[v] > max) {
        max = logits[v];
      }
    }
    if (max == Float.NEGATIVE_INFINITY) {
      throw new IllegalStateException("no admissible symbol for sub-column " + j);
    }
    double[] weights = scratch.weights;
    double sum = 0;
    for (int v = 0; v < vocabulary; v++) {
      float z = logits[v] - max;
      double w = (allowed != null && !allowed[v]) || z < -NEGLIGIBLE ? 0 : exp(z);
      weights[v] = w;
      sum += w;
    }
    return pick(weights, vocabulary, u * sum);
  }

  /**
   * e^x for x ≤ 0 to about 1e-10 relative, from IEEE 754 basic operations only (so the same bits on
   * every JVM and CPU, like {@link StrictMath}, and faster): x = k·ln 2 + r with |r| ≤ ln 2 / 2, a
   * degree-8 Taylor polynomial for e^r, scaled by 2^k.
   */
  static double exp(double x) {
    double k = Math.floor(x * LOG2E + 0.5);
    double r = x - k * LN2_HI - k * LN2_LO;
    double p =
        1
            + r
                * (1
                    + r
                        * (1 / 2.0
                            + r
                                * (1 / 6.0
                                    + r
                                        * (1 / 24.0
                                            + r
                                                * (1 / 120.0
                                                    + r
                                                        * (1 / 720.0
                                                            + r * (1 / 5040.0 + r / 40320.0)))))));
    return Math.scalb(p, (int) k);
  }
}
