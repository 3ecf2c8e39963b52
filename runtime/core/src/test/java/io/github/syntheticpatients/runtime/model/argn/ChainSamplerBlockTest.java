package io.github.syntheticpatients.runtime.model.argn;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.syntheticpatients.runtime.random.RandomStream;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The block sampler against the rule docs/numerics.md states, written out here row by row from the
 * network's weights: a speed change to {@link ChainSampler#sampleBlock} must keep every symbol.
 */
class ChainSamplerBlockTest {
  private static final int[] VOCABULARY = {3, 7, 2, 12, 5, 9};
  private static final int[] DIMS = {2, 4, 2, 5, 3, 4};

  @Test
  void blocksDrawWhatTheRuleDrawsRowByRow() {
    // 16 hidden units (four a pass) and 6 (a remainder); 300 rows cross a lane and a draw group.
    for (int hidden : new int[] {16, 6}) {
      ArgnNetwork network = network(hidden, 11 + hidden);
      int heads = VOCABULARY.length;
      int[] order = {4, 1, 5, 0, 3, 2};
      boolean[] fixed = new boolean[heads];
      fixed[5] = true;
      // Sub-column 3 may not take symbols above the row's symbol of sub-column 1 plus 2.
      ChainSampler.Admissible admissible =
          (subColumn, codes, offset) -> {
            if (subColumn != 3) {
              return null;
            }
            boolean[] allowed = new boolean[VOCABULARY[3]];
            for (int v = 0; v < allowed.length; v++) {
              allowed[v] = v <= codes[offset + 1] + 2;
            }
            return allowed;
          };
      int rows = 300;
      int[] codes = new int[rows * heads];
      for (int r = 0; r < rows; r++) {
        codes[r * heads + 5] = r % VOCABULARY[5];
      }
      int[] expected = codes.clone();
      ChainSampler chain = new ChainSampler(network);
      chain.sampleBlock(
          order, codes, 0, rows, fixed, admissible, RandomStream.of(3), chain.blockScratch());
      byRule(network, order, expected, rows, fixed, admissible, RandomStream.of(3));
      assertThat(codes).isEqualTo(expected);
      // And without restrictions, in the schema's order, twice with one scratch.
      int[] plain = new int[rows * heads];
      int[] plainExpected = new int[rows * heads];
      int[] identity = {0, 1, 2, 3, 4, 5};
      RandomStream random = RandomStream.of(4);
      ChainSampler.BlockScratch scratch = chain.blockScratch();
      chain.sampleBlock(identity, plain, 0, 100, null, null, random, scratch);
      chain.sampleBlock(identity, plain, 100 * heads, 200, null, null, random, scratch);
      RandomStream reference = RandomStream.of(4);
      byRule(network, identity, plainExpected, 100, new boolean[heads], null, reference);
      int[] rest = new int[200 * heads];
      byRule(network, identity, rest, 200, new boolean[heads], null, reference);
      System.arraycopy(rest, 0, plainExpected, 100 * heads, rest.length);
      assertThat(plain).isEqualTo(plainExpected);
    }
  }

  /**
   * One block by the rule: uniforms in groups of 128 rows (each group one per row for its first
   * drawn sub-column, then its second, …); a head's hidden sum is its bias plus, in sampling order,
   * each earlier symbol's contribution (the symbol's embedding times the head's weight rows, summed
   * over the embedding from zero); logits are the bias plus the relu'd units' terms in unit order;
   * weights e^(logit − max) by the block exponential, ruled-out symbols none; the symbol is the
   * first whose running float sum passes u times the float total.
   */
  private static void byRule(
      ArgnNetwork network,
      int[] order,
      int[] codes,
      int rows,
      boolean[] fixed,
      ChainSampler.Admissible admissible,
      RandomStream random) {
    int heads = network.heads();
    int hidden = network.hidden();
    double[][] uniforms = new double[heads][rows];
    for (int group = 0; group < rows; group += 128) {
      for (int p = 0; p < heads; p++) {
        for (int r = group; r < Math.min(rows, group + 128) && !fixed[order[p]]; r++) {
          uniforms[p][r] = random.nextDouble();
        }
      }
    }
    for (int r = 0; r < rows; r++) {
      int offset = r * heads;
      for (int p = 0; p < heads; p++) {
        int j = order[p];
        float[] sum = network.hiddenBias()[j].clone();
        for (int q = 0; q < p; q++) {
          int i = order[q];
          int v = codes[offset + i];
          for (int h = 0; h < hidden; h++) {
            float contribution = 0;
            for (int d = 0; d < network.dims()[i]; d++) {
              contribution +=
                  network.embedding()[i][v * network.dims()[i] + d]
                      * network.hiddenWeight()[j][(network.embeddingOffset(i) + d) * hidden + h];
            }
            sum[h] += contribution;
          }
        }
        if (fixed[j]) {
          continue;
        }
        int vocabulary = network.vocabulary()[j];
        boolean[] allowed = admissible == null ? null : admissible.allowed(j, codes, offset);
        float[] logits = new float[vocabulary];
        float max = Float.NEGATIVE_INFINITY;
        for (int v = 0; v < vocabulary; v++) {
          logits[v] = network.outBias()[j][v];
          for (int h = 0; h < hidden; h++) {
            logits[v] += network.outWeight()[j][h * vocabulary + v] * Math.max(sum[h], 0f);
          }
          if (allowed == null || allowed[v]) {
            max = Math.max(max, logits[v]);
          }
        }
        float[] weights = new float[vocabulary];
        float total = 0;
        for (int v = 0; v < vocabulary; v++) {
          weights[v] = allowed == null || allowed[v] ? exp(logits[v] - max) : 0;
          total += weights[v];
        }
        double threshold = uniforms[p][r] * total;
        float cumulative = 0;
        int symbol = 0;
        for (int v = 0; v < vocabulary; v++) {
          if (weights[v] > 0) {
            cumulative += weights[v];
            symbol = v;
            if (threshold < cumulative) {
              break;
            }
          }
        }
        codes[offset + j] = symbol;
      }
    }
  }

  /** e^z as docs/numerics.md defines the block exponential: (degree-6 Taylor of e^(z/128))¹²⁸. */
  private static float exp(float z) {
    float x = Math.max(z, -80f) / 128f;
    float p =
        1 + x * (1 + x * (1 / 2f + x * (1 / 6f + x * (1 / 24f + x * (1 / 120f + x * (1 / 720f))))));
    for (int i = 0; i < 7; i++) {
      p *= p;
    }
    return p;
  }

  private static ArgnNetwork network(int hidden, long seed) {
    Random random = new Random(seed);
    int heads = VOCABULARY.length;
    int inputs = 0;
    for (int d : DIMS) {
      inputs += d;
    }
    float[][] embedding = new float[heads][];
    float[][] hiddenWeight = new float[heads][];
    float[][] hiddenBias = new float[heads][];
    float[][] outWeight = new float[heads][];
    float[][] outBias = new float[heads][];
    for (int j = 0; j < heads; j++) {
      embedding[j] = gaussian(random, VOCABULARY[j] * DIMS[j]);
      hiddenWeight[j] = gaussian(random, inputs * hidden);
      hiddenBias[j] = gaussian(random, hidden);
      outWeight[j] = gaussian(random, hidden * VOCABULARY[j]);
      outBias[j] = gaussian(random, VOCABULARY[j]);
    }
    return new ArgnNetwork(
        VOCABULARY, DIMS, hidden, embedding, hiddenWeight, hiddenBias, outWeight, outBias, true);
  }

  private static float[] gaussian(Random random, int n) {
    float[] values = new float[n];
    for (int i = 0; i < n; i++) {
      values[i] = (float) random.nextGaussian();
    }
    return values;
  }
}
