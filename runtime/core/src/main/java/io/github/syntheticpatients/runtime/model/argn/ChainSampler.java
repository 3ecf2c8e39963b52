package io.github.syntheticpatients.runtime.model.argn;

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

  /** The first symbol of each sub-column in {@link #byHead}'s rows. */
  private final int[] symbolStart;

  /**
   * byHead[j]: for each sub-column i and symbol v, e_i(v) · W_j[i] ({@code hidden} values at {@code
   * (symbolStart[i] + v) · hidden}): everything head j may receive, in one small table (the
   * contributions transposed), for the block sampler. Built when a block scratch is first asked
   * for; a race builds equal tables.
   */
  private volatile float[][] byHead;

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
    symbolStart = new int[heads + 1];
    for (int i = 0; i < heads; i++) {
      symbolStart[i + 1] = symbolStart[i] + network.vocabulary()[i];
    }
  }

  private float[][] transposeContributions() {
    int heads = network.heads();
    float[][] tables = new float[heads][symbolStart[heads] * hidden];
    for (int i = 0; i < heads; i++) {
      for (int v = 0; v < network.vocabulary()[i]; v++) {
        for (int j = 0; j < heads; j++) {
          System.arraycopy(
              contributions[i],
              (v * heads + j) * hidden,
              tables[j],
              (symbolStart[i] + v) * hidden,
              hidden);
        }
      }
    }
    return tables;
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
   * Scratch space for one thread's blocks of rows: per head, the activations and logits of every
   * row of the block laid out row-innermost, so a head's output layer is a run of long vector loops
   * over the block's rows instead of short ones over its symbols; and the block's uniforms.
   */
  public final class BlockScratch {
    final float[] sum = new float[hidden];
    final float[] activations = new float[hidden * BLOCK_ROWS];
    final float[] logits;
    final float[] max = new float[BLOCK_ROWS];
    final float[] totals = new float[BLOCK_ROWS];
    final boolean[][] allowed = new boolean[BLOCK_ROWS][];
    final double[] uniforms = new double[network.heads() * BLOCK_ROWS];

    /**
     * Per row and position q in the order, where the contributions of the row's symbol at q start
     * in every head's table ({@link #byHead} shares one layout).
     */
    final int[] bases = new int[BLOCK_ROWS * network.heads()];

    BlockScratch() {
      int max = 1;
      for (int v : network.vocabulary()) {
        max = Math.max(max, v);
      }
      logits = new float[max * BLOCK_ROWS];
    }
  }

  public BlockScratch blockScratch() {
    if (byHead == null) {
      byHead = transposeContributions();
    }
    return new BlockScratch();
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
    int[] bases = scratch.bases;
    for (int p = 0; p < heads; p++) {
      int j = order[p];
      if (fixed == null || !fixed[j]) {
        blockActivations(j, p, rows, scratch);
        blockLogits(j, rows, scratch);
        boolean[][] allowed = scratch.allowed;
        for (int r = 0; r < rows; r++) {
          allowed[r] = admissible == null ? null : admissible.allowed(j, codes, offset + r * heads);
        }
        blockWeights(j, rows, admissible != null, scratch);
        for (int r = 0; r < rows; r++) {
          codes[offset + r * heads + j] = pickInBlock(j, r, uniforms[p * BLOCK_ROWS + r], scratch);
        }
      }
      for (int r = 0; r < rows; r++) {
        bases[r * heads + p] = (symbolStart[j] + codes[offset + r * heads + j]) * hidden;
      }
    }
  }

  /**
   * Head {@code order[p]}'s activations for every row of the block at {@code activations[h ·
   * BLOCK_ROWS + r]}: relu of its bias plus the contributions of the row's symbols at positions 0 …
   * p − 1, added in that order (as {@link #sampleRow} adds them). The contributions come from one
   * table per head, so the block reads a small table instead of updating every later head's sums of
   * every row.
   */
  private void blockActivations(int j, int p, int rows, BlockScratch scratch) {
    if (hidden % 16 == 0) {
      for (int unit = 0; unit < hidden; unit += 16) {
        sixteenUnits(j, unit, p, rows, scratch);
      }
      return;
    }
    int heads = network.heads();
    float[] table = byHead[j];
    float[] bias = network.hiddenBias()[j];
    int[] bases = scratch.bases;
    float[] sum = scratch.sum;
    float[] activations = scratch.activations;
    for (int r = 0; r < rows; r++) {
      System.arraycopy(bias, 0, sum, 0, hidden);
      for (int q = 0; q < p; q++) {
        int base = bases[r * heads + q];
        for (int h = 0; h < hidden; h++) {
          sum[h] += table[base + h];
        }
      }
      for (int h = 0; h < hidden; h++) {
        activations[h * BLOCK_ROWS + r] = relu(sum[h]);
      }
    }
  }

  /**
   * {@link #blockActivations} for hidden units {@code unit … unit + 15}, summed in sixteen local
   * variables: the same additions in the same order, which the JIT keeps in registers (a loop over
   * sixteen units through an array ran about three times slower).
   */
  private void sixteenUnits(int j, int unit, int p, int rows, BlockScratch scratch) {
    int heads = network.heads();
    float[] table = byHead[j];
    float[] bias = network.hiddenBias()[j];
    int[] bases = scratch.bases;
    float[] a = scratch.activations;
    for (int r = 0; r < rows; r++) {
      float s0 = bias[unit];
      float s1 = bias[unit + 1];
      float s2 = bias[unit + 2];
      float s3 = bias[unit + 3];
      float s4 = bias[unit + 4];
      float s5 = bias[unit + 5];
      float s6 = bias[unit + 6];
      float s7 = bias[unit + 7];
      float s8 = bias[unit + 8];
      float s9 = bias[unit + 9];
      float s10 = bias[unit + 10];
      float s11 = bias[unit + 11];
      float s12 = bias[unit + 12];
      float s13 = bias[unit + 13];
      float s14 = bias[unit + 14];
      float s15 = bias[unit + 15];
      for (int q = r * heads, end = q + p; q < end; q++) {
        int b = bases[q] + unit;
        s0 += table[b];
        s1 += table[b + 1];
        s2 += table[b + 2];
        s3 += table[b + 3];
        s4 += table[b + 4];
        s5 += table[b + 5];
        s6 += table[b + 6];
        s7 += table[b + 7];
        s8 += table[b + 8];
        s9 += table[b + 9];
        s10 += table[b + 10];
        s11 += table[b + 11];
        s12 += table[b + 12];
        s13 += table[b + 13];
        s14 += table[b + 14];
        s15 += table[b + 15];
      }
      int o = unit * BLOCK_ROWS + r;
      a[o] = relu(s0);
      a[o + BLOCK_ROWS] = relu(s1);
      a[o + 2 * BLOCK_ROWS] = relu(s2);
      a[o + 3 * BLOCK_ROWS] = relu(s3);
      a[o + 4 * BLOCK_ROWS] = relu(s4);
      a[o + 5 * BLOCK_ROWS] = relu(s5);
      a[o + 6 * BLOCK_ROWS] = relu(s6);
      a[o + 7 * BLOCK_ROWS] = relu(s7);
      a[o + 8 * BLOCK_ROWS] = relu(s8);
      a[o + 9 * BLOCK_ROWS] = relu(s9);
      a[o + 10 * BLOCK_ROWS] = relu(s10);
      a[o + 11 * BLOCK_ROWS] = relu(s11);
      a[o + 12 * BLOCK_ROWS] = relu(s12);
      a[o + 13 * BLOCK_ROWS] = relu(s13);
      a[o + 14 * BLOCK_ROWS] = relu(s14);
      a[o + 15 * BLOCK_ROWS] = relu(s15);
    }
  }

  private static float relu(float s) {
    return s > 0 ? s : 0;
  }

  /**
   * Head j's logits for every row of the block at {@code logits[v · BLOCK_ROWS + r]}, from the
   * activations: bias, then the hidden units' terms in unit order, as {@link #draw} sums them.
   */
  private void blockLogits(int j, int rows, BlockScratch scratch) {
    float[] activations = scratch.activations;
    int vocabulary = network.vocabulary()[j];
    float[] logits = scratch.logits;
    float[] bias = network.outBias()[j];
    for (int v = 0; v < vocabulary; v++) {
      java.util.Arrays.fill(logits, v * BLOCK_ROWS, v * BLOCK_ROWS + rows, bias[v]);
    }
    float[] weight = network.outWeight()[j];
    for (int h = 0; h < hidden; h++) {
      int a = h * BLOCK_ROWS;
      for (int v = 0; v < vocabulary; v++) {
        float w = weight[h * vocabulary + v];
        int l = v * BLOCK_ROWS;
        for (int r = 0; r < rows; r++) {
          logits[l + r] += w * activations[a + r];
        }
      }
    }
  }

  /**
   * Turns the block's logits of head j into unnormalised weights e^(logit − max) in place (zero for
   * the symbols {@code scratch.allowed} rules out), and each row's total in {@code totals}: the
   * loops run over the block's rows, and {@link #expBlock} is multiplications and additions only,
   * so the JIT vectorises them.
   */
  private void blockWeights(int j, int rows, boolean restricted, BlockScratch scratch) {
    int vocabulary = network.vocabulary()[j];
    float[] logits = scratch.logits;
    float[] max = scratch.max;
    float[] totals = scratch.totals;
    boolean[][] allowed = scratch.allowed;
    if (restricted) {
      for (int r = 0; r < rows; r++) {
        for (int v = 0; allowed[r] != null && v < vocabulary; v++) {
          if (!allowed[r][v]) {
            logits[v * BLOCK_ROWS + r] = Float.NEGATIVE_INFINITY;
          }
        }
      }
    }
    java.util.Arrays.fill(max, 0, rows, Float.NEGATIVE_INFINITY);
    for (int v = 0; v < vocabulary; v++) {
      int l = v * BLOCK_ROWS;
      for (int r = 0; r < rows; r++) {
        max[r] = Math.max(max[r], logits[l + r]);
      }
    }
    for (int r = 0; r < rows; r++) {
      if (max[r] == Float.NEGATIVE_INFINITY) {
        throw new IllegalStateException("no admissible symbol for sub-column " + j);
      }
    }
    for (int v = 0; v < vocabulary; v++) {
      int l = v * BLOCK_ROWS;
      for (int r = 0; r < rows; r++) {
        logits[l + r] = expBlock(logits[l + r] - max[r]);
      }
    }
    if (restricted) {
      for (int r = 0; r < rows; r++) {
        for (int v = 0; allowed[r] != null && v < vocabulary; v++) {
          if (!allowed[r][v]) {
            logits[v * BLOCK_ROWS + r] = 0;
          }
        }
      }
    }
    java.util.Arrays.fill(totals, 0, rows, 0f);
    for (int v = 0; v < vocabulary; v++) {
      int l = v * BLOCK_ROWS;
      for (int r = 0; r < rows; r++) {
        totals[r] += logits[l + r];
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
    float[] weights = scratch.logits;
    double threshold = u * scratch.totals[r];
    float cumulative = 0;
    int last = 0;
    for (int v = 0; v < vocabulary; v++) {
      float w = weights[v * BLOCK_ROWS + r];
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
        normaliser += StrictMath.exp(l - max);
      }
      int symbol = codes[offset + j];
      total += logits[symbol] - max - StrictMath.log(normaliser);
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
