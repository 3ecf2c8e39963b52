package io.github.syntheticpatients.runtime.argn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;
import io.github.syntheticpatients.runtime.gan.DjlEngine;
import io.github.syntheticpatients.runtime.model.argn.ArgnNetwork;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Loading a network into the heads, and the per-row likelihood. */
class ChainHeadsTest {
  /** Vocabularies in three padded groups (2, 4 and 16 symbols), with differing embedding widths. */
  private static final int[] VOCABULARY = {2, 3, 9, 4, 16};

  private static final int[] DIMS = {2, 3, 5, 3, 8};
  private static final int HIDDEN = 6;

  @Test
  void loadsAnExportedNetworkExactly() {
    DjlEngine.engine().setRandomSeed(11);
    JniUtils.setGradMode(false);
    try (NDManager manager = DjlEngine.engine().newBaseManager()) {
      ChainHeads source = new ChainHeads(manager, VOCABULARY, DIMS, HIDDEN, 0);
      ChainHeads target = new ChainHeads(manager, VOCABULARY, DIMS, HIDDEN, 0);
      ArgnNetwork network = source.export(true);
      assertThat(target.export(true).embedding()[0]).isNotEqualTo(network.embedding()[0]);

      target.load(network);

      ArgnNetwork loaded = target.export(true);
      assertThat(loaded.embedding()).isDeepEqualTo(network.embedding());
      assertThat(loaded.hiddenWeight()).isDeepEqualTo(network.hiddenWeight());
      assertThat(loaded.hiddenBias()).isDeepEqualTo(network.hiddenBias());
      assertThat(loaded.outWeight()).isDeepEqualTo(network.outWeight());
      assertThat(loaded.outBias()).isDeepEqualTo(network.outBias());
      int rows = 50;
      int[] codes = codes(rows, 3);
      boolean[][] sees = ArgnTrainer.sees(owners(), ArgnTrainer.identity(VOCABULARY.length));
      try (NDManager batch = manager.newSubManager()) {
        float expected = source.negativeLogLikelihood(batch, codes, rows, sees, null).getFloat();
        float actual = target.negativeLogLikelihood(batch, codes, rows, sees, null).getFloat();
        assertThat(actual).isEqualTo(expected);
      }
    }
  }

  @Test
  void givesEachRowItsOwnLikelihood() {
    DjlEngine.engine().setRandomSeed(12);
    JniUtils.setGradMode(false);
    try (NDManager manager = DjlEngine.engine().newBaseManager()) {
      ChainHeads heads = new ChainHeads(manager, VOCABULARY, DIMS, HIDDEN, 0);
      int rows = 20;
      int[] codes = codes(rows, 4);
      int width = VOCABULARY.length;
      boolean[][] sees = ArgnTrainer.sees(owners(), new int[] {3, 0, 4, 1, 2});
      try (NDManager batch = manager.newSubManager()) {
        float[] perRow =
            heads.negativeLogLikelihoodPerRow(batch, codes, rows, sees, null).toFloatArray();
        assertThat(perRow).hasSize(rows);
        double sum = 0;
        for (int r = 0; r < rows; r++) {
          int[] one = java.util.Arrays.copyOfRange(codes, r * width, (r + 1) * width);
          float alone = heads.negativeLogLikelihood(batch, one, 1, sees, null).getFloat();
          assertThat(perRow[r]).as("row %d", r).isCloseTo(alone, within(1e-4f));
          assertThat(perRow[r]).as("a likelihood below 1").isPositive();
          sum += perRow[r];
        }
        float total = heads.negativeLogLikelihood(batch, codes, rows, sees, null).getFloat();
        assertThat(sum).isCloseTo(total, within(1e-3));
      }
    }
  }

  @Test
  void refusesANetworkOfAnotherShape() {
    try (NDManager manager = DjlEngine.engine().newBaseManager()) {
      JniUtils.setGradMode(false);
      ChainHeads heads = new ChainHeads(manager, VOCABULARY, DIMS, HIDDEN, 0);
      ArgnNetwork wider = new ChainHeads(manager, VOCABULARY, DIMS, HIDDEN + 1, 0).export(true);
      assertThatThrownBy(() -> heads.load(wider))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("another shape");
    }
  }

  /** Each sub-column its own column. */
  private static int[] owners() {
    return ArgnTrainer.identity(VOCABULARY.length);
  }

  private static int[] codes(int rows, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    int[] codes = new int[rows * VOCABULARY.length];
    for (int r = 0; r < rows; r++) {
      for (int j = 0; j < VOCABULARY.length; j++) {
        codes[r * VOCABULARY.length + j] = random.nextInt(VOCABULARY[j]);
      }
    }
    return codes;
  }
}
