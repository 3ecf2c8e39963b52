package io.github.syntheticpatients.runtime.model.argn;

import io.github.syntheticpatients.runtime.random.RandomStream;
import java.util.Arrays;

/**
 * Samples a chain of softmax heads ({@link ArgnNetwork}) in its own order for many rows at once,
 * each row with its own hidden sums (its context already added) and its own random stream: the
 * timeline {@code argn} draws one visit of every patient of a group this way, head by head, so a
 * head's output layer runs over the rows in long vector loops (rows innermost) instead of one row
 * at a time. A row's numbers never depend on the other rows: its logits sum the hidden units in
 * unit order, its weights come from {@link ChainSampler#expBlock}, and it draws from its own
 * stream, so a patient's visits are the same whichever patients share its group.
 *
 * <p>Numbers are the same on every machine: float sums in a fixed order, multiplications and
 * additions only. Stateless after construction; callers pass their own scratch.
 */
public final class VisitChainSampler {
  private final ArgnNetwork network;
  private final int heads;
  private final int hidden;

  /** All heads' hidden biases, head j's at {@code j · hidden}. */
  private final float[] bias;

  /**
   * later[j][v]: what head j drawing symbol v adds to the hidden sums of the heads after it, at
   * their places in a row's sums (zero up to {@code (j + 1) · hidden}, whose heads have drawn
   * already): one index for both arrays, so that the JIT of Java 17 vectorises the addition (it
   * cannot tell apart two runs at offsets held in variables).
   */
  private final float[][][] later;

  public VisitChainSampler(ArgnNetwork network) {
    this.network = network;
    this.heads = network.heads();
    this.hidden = network.hidden();
    int width = heads * hidden;
    bias = new float[width];
    for (int j = 0; j < heads; j++) {
      System.arraycopy(network.hiddenBias()[j], 0, bias, j * hidden, hidden);
    }
    later = new float[heads][][];
    for (int i = 0; i < heads; i++) {
      int vocabulary = network.vocabulary()[i];
      int dims = network.dims()[i];
      int offset = network.embeddingOffset(i);
      float[] embedding = network.embedding()[i];
      later[i] = new float[vocabulary][width];
      for (int v = 0; v < vocabulary; v++) {
        float[] row = later[i][v];
        for (int k = i + 1; k < heads; k++) {
          float[] weight = network.hiddenWeight()[k];
          int base = k * hidden;
          for (int d = 0; d < dims; d++) {
            float e = embedding[v * dims + d];
            int w = (offset + d) * hidden;
            for (int h = 0; h < hidden; h++) {
              row[base + h] += e * weight[w + h];
            }
          }
        }
      }
    }
  }

  public ArgnNetwork network() {
    return network;
  }

  /** The width of a row's hidden sums: every head's {@code hidden} units, head after head. */
  public int width() {
    return heads * hidden;
  }

  /** Sets a row's hidden sums to the heads' biases, before its context is added. */
  public void startRow(float[] sums) {
    System.arraycopy(bias, 0, sums, 0, bias.length);
  }

  /**
   * Scratch for up to {@code rows} rows at once, for one thread: per hidden unit its activation of
   * every row, per symbol its logit (then weight) of every row, each an array of its own indexed by
   * the row, so that the loops over the rows vectorise.
   */
  public final class Scratch {
    final int capacity;
    final float[][] activations;
    final float[][] weights;
    final float[] max;
    final float[] totals;

    Scratch(int rows) {
      int widest = 1;
      for (int v : network.vocabulary()) {
        widest = Math.max(widest, v);
      }
      capacity = rows;
      activations = new float[hidden][rows];
      weights = new float[widest][rows];
      max = new float[rows];
      totals = new float[rows];
    }
  }

  public Scratch scratch(int rows) {
    return new Scratch(rows);
  }

  /**
   * Head j's symbol for each of the rows {@code rows[0…count)}: drawn from its softmax (restricted
   * to {@code allowed[i]} for the i-th of them, when not null) with one uniform of {@code
   * streams[row]}, written to {@code codes[row][j]}, and added to the row's hidden sums of the
   * later heads.
   *
   * @param sums per row, its hidden sums ({@link #width()})
   * @param allowed per position in {@code rows}, the admissible symbols or null for all; null for
   *     no restriction at all
   */
  public void draw(
      int j,
      int[] rows,
      int count,
      float[][] sums,
      int[][] codes,
      boolean[][] allowed,
      RandomStream[] streams,
      Scratch scratch) {
    if (count > scratch.capacity) {
      throw new IllegalArgumentException("the scratch holds " + scratch.capacity + " rows");
    }
    int vocabulary = network.vocabulary()[j];
    float[][] activations = scratch.activations;
    int base = j * hidden;
    for (int i = 0; i < count; i++) {
      float[] s = sums[rows[i]];
      for (int h = 0; h < hidden; h++) {
        float x = s[base + h];
        activations[h][i] = x > 0 ? x : 0;
      }
    }
    // Logits: bias, then the hidden units' terms in unit order (the flat sampler's rule).
    float[][] logits = scratch.weights;
    HeadLogits.compute(
        network.outBias()[j],
        network.outWeight()[j],
        vocabulary,
        hidden,
        activations,
        count,
        logits);
    if (allowed != null) {
      for (int i = 0; i < count; i++) {
        for (int v = 0; allowed[i] != null && v < vocabulary; v++) {
          if (!allowed[i][v]) {
            logits[v][i] = Float.NEGATIVE_INFINITY;
          }
        }
      }
    }
    float[] max = scratch.max;
    Arrays.fill(max, 0, count, Float.NEGATIVE_INFINITY);
    for (int v = 0; v < vocabulary; v++) {
      float[] l = logits[v];
      for (int i = 0; i < count; i++) {
        max[i] = Math.max(max[i], l[i]);
      }
    }
    for (int i = 0; i < count; i++) {
      if (max[i] == Float.NEGATIVE_INFINITY) {
        throw new IllegalStateException("no admissible symbol for sub-column " + j);
      }
    }
    float[] totals = scratch.totals;
    Arrays.fill(totals, 0, count, 0f);
    for (int v = 0; v < vocabulary; v++) {
      float[] l = logits[v];
      for (int i = 0; i < count; i++) {
        float w = ChainSampler.expBlock(l[i] - max[i]);
        l[i] = w;
        totals[i] += w;
      }
    }
    if (allowed != null) {
      // expBlock of −∞ is tiny but positive: a ruled-out symbol must weigh nothing.
      for (int i = 0; i < count; i++) {
        if (allowed[i] != null) {
          float total = 0;
          for (int v = 0; v < vocabulary; v++) {
            if (!allowed[i][v]) {
              logits[v][i] = 0;
            }
            total += logits[v][i];
          }
          totals[i] = total;
        }
      }
    }
    for (int i = 0; i < count; i++) {
      int row = rows[i];
      double threshold = streams[row].nextDouble() * totals[i];
      float cumulative = 0;
      int symbol = 0;
      for (int v = 0; v < vocabulary; v++) {
        float w = logits[v][i];
        if (w > 0) {
          cumulative += w;
          symbol = v;
          if (threshold < cumulative) {
            break;
          }
        }
      }
      codes[row][j] = symbol;
      add(j, symbol, sums[row]);
    }
  }

  /** Head j's given symbols {@code codes[row][j]}, added to the rows' hidden sums. */
  public void fix(int j, int[] rows, int count, float[][] sums, int[][] codes) {
    for (int i = 0; i < count; i++) {
      add(j, codes[rows[i]][j], sums[rows[i]]);
    }
  }

  private void add(int j, int symbol, float[] sums) {
    float[] row = later[j][symbol];
    for (int x = (j + 1) * hidden; x < row.length; x++) {
      sums[x] += row[x];
    }
  }
}
