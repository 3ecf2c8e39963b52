package io.github.syntheticpatients.runtime.argn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.syntheticpatients.runtime.model.argn.ArgnNetwork;
import io.github.syntheticpatients.runtime.model.argn.ChainSampler;
import io.github.syntheticpatients.runtime.random.RandomStream;
import org.junit.jupiter.api.Test;

class MarginalCalibrationTest {
  private static final int ROWS = 40_000;

  /**
   * A chain of two heads over three symbols: the first draws uniformly, the second copies the first
   * (its logit for the first's symbol is 10 above the others). Training rows hold the first
   * symbol's values in shares 0.6, 0.3, 0.1 and no row has symbol 2 of the second. Calibrating the
   * first head alone brings its marginal to the rows', and the second, which copies it, follows.
   */
  @Test
  void matchesTheRowsMarginalAndKeepsTheConditional() {
    ArgnNetwork network = copyChain();
    int[] codes = rows(new int[] {6, 3, 1});
    MarginalCalibration.Calibrated result =
        MarginalCalibration.calibrate(network, codes, codes, new boolean[] {true, false}, 4, 7);
    ArgnNetwork calibrated = result.network();

    // Validation rows like the training rows: the calibrated network is kept.
    assertThat(result.round()).isEqualTo(4);
    double[][] shares = shares(calibrated);
    assertThat(shares[0][0]).isCloseTo(0.6, within(0.01));
    assertThat(shares[0][1]).isCloseTo(0.3, within(0.01));
    assertThat(shares[0][2]).isCloseTo(0.1, within(0.01));
    assertThat(shares[1][0]).isCloseTo(0.6, within(0.01));
    // Only the chosen head's bias moves.
    assertThat(calibrated.outBias()[1]).containsExactly(network.outBias()[1]);
    assertThat(calibrated.outWeight()).isSameAs(network.outWeight());
  }

  @Test
  void aSymbolNoRowHoldsGoesDownAndZeroRoundsChangeNothing() {
    ArgnNetwork network = copyChain();
    int[] codes = rows(new int[] {1, 1, 0});
    ArgnNetwork calibrated =
        MarginalCalibration.calibrate(network, codes, new int[0], new boolean[] {true, false}, 4, 7)
            .network();
    // Uniform before: a third of the rows drew symbol 2; four rounds take its logit down by 4.
    assertThat(shares(calibrated)[0][2]).isLessThan(0.02);
    assertThat(shares(calibrated)[0][0]).isCloseTo(0.5, within(0.02));

    assertThat(
            MarginalCalibration.calibrate(network, codes, codes, new boolean[] {true, false}, 0, 7)
                .network())
        .isSameAs(network);
  }

  /**
   * Validation rows drawn as the network draws them (uniformly) and unlike the training rows: the
   * calibrated marginal lies farther from them, by 0.126 in squared shares, than its noise allows
   * on 300 rows (twice 0.019), so the network stays as trained. On 3 such rows the same difference
   * is noise (twice 0.19), and the calibrated network is kept.
   */
  @Test
  void keepsTheTrainedNetworkOnlyWhenTheValidationRowsAreSignificantlyNearerIt() {
    ArgnNetwork network = copyChain();
    boolean[] heads = {true, false};
    MarginalCalibration.Calibrated result =
        MarginalCalibration.calibrate(
            network, rows(new int[] {6, 3, 1}), rows(new int[] {100, 100, 100}), heads, 4, 7);
    assertThat(result.round()).isZero();
    assertThat(result.network()).isSameAs(network);

    assertThat(
            MarginalCalibration.calibrate(
                    network, rows(new int[] {6, 3, 1}), rows(new int[] {1, 1, 1}), heads, 4, 7)
                .round())
        .isEqualTo(4);
  }

  /**
   * Shares 0.5 / 0.5 against 0.3 / 0.7, validation shares 0.5 / 0.5 on 100 rows: the variance is 4
   * · (0.2² · 0.25 / 100) · 2 = 0.0008.
   */
  @Test
  void theNoiseOfADifferenceOfDistances() {
    double[][] a = {{0.5, 0.5}, null};
    double[][] b = {{0.3, 0.7}, null};
    double[][] validation = {{0.5, 0.5}, {1, 0}};
    assertThat(MarginalCalibration.noise(a, b, validation, 100))
        .isCloseTo(Math.sqrt(0.0008), within(1e-12));
  }

  /**
   * Two heads' shares against the validation rows': squared differences, less each sampled share's
   * variance on 101 rows (0.2 · 0.8 / 100 and 0.8 · 0.2 / 100; a null head is not compared).
   */
  @Test
  void theDistanceDiscountsTheSamplesOwnNoise() {
    double[][] sampled = {{0.2, 0.8}, null};
    double[][] validation = {{0.5, 0.5}, {1, 0}};
    assertThat(MarginalCalibration.distance(sampled, 101, validation))
        .isCloseTo(0.09 + 0.09 - 0.0016 - 0.0016, within(1e-12));
  }

  @Test
  void theSameSeedGivesTheSameBits() {
    int[] codes = rows(new int[] {6, 3, 1});
    boolean[] heads = {true, true};
    ArgnNetwork a =
        MarginalCalibration.calibrate(copyChain(), codes, codes, heads, 3, 11).network();
    ArgnNetwork b =
        MarginalCalibration.calibrate(copyChain(), codes, codes, heads, 3, 11).network();
    assertThat(a.outBias()[0]).containsExactly(b.outBias()[0]);
    assertThat(a.outBias()[1]).containsExactly(b.outBias()[1]);
  }

  @Test
  void clipsEachShift() {
    assertThat(MarginalCalibration.shift(0.5, 0.25)).isCloseTo(Math.log(2), within(1e-12));
    assertThat(MarginalCalibration.shift(0.9, 0.01)).isEqualTo(1);
    assertThat(MarginalCalibration.shift(0, 0.2)).isEqualTo(-1);
    assertThat(MarginalCalibration.shift(0.2, 0)).isEqualTo(1);
    assertThat(MarginalCalibration.shift(0, 0)).isZero();
  }

  /** Rows in the given counts of the first symbol, the second a copy of the first. */
  private static int[] rows(int[] counts) {
    int total = 0;
    for (int c : counts) {
      total += c;
    }
    int[] codes = new int[2 * total];
    int r = 0;
    for (int v = 0; v < counts.length; v++) {
      for (int i = 0; i < counts[v]; i++, r++) {
        codes[2 * r] = v;
        codes[2 * r + 1] = v;
      }
    }
    return codes;
  }

  /** The share of each symbol of each head in {@link #ROWS} rows sampled in the schema's order. */
  private static double[][] shares(ArgnNetwork network) {
    ChainSampler chain = new ChainSampler(network);
    ChainSampler.BlockScratch scratch = chain.blockScratch();
    RandomStream random = RandomStream.of(99);
    int[] codes = new int[2 * ChainSampler.BLOCK_ROWS];
    double[][] shares = new double[2][3];
    for (int first = 0; first < ROWS; first += ChainSampler.BLOCK_ROWS) {
      int rows = Math.min(ChainSampler.BLOCK_ROWS, ROWS - first);
      chain.sampleBlock(new int[] {0, 1}, codes, 0, rows, null, null, random, scratch);
      for (int r = 0; r < rows; r++) {
        shares[0][codes[2 * r]] += 1.0 / ROWS;
        shares[1][codes[2 * r + 1]] += 1.0 / ROWS;
      }
    }
    return shares;
  }

  /**
   * Head 0 sees nothing and is uniform. Symbol v of sub-column 0 embeds as a one-hot of width 3;
   * head 1's hidden unit v is 10 × that, and its output maps unit v to symbol v.
   */
  private static ArgnNetwork copyChain() {
    int[] vocabulary = {3, 3};
    int[] dims = {3, 3};
    int hidden = 3;
    int inputs = 6;
    float[] oneHot = {1, 0, 0, 0, 1, 0, 0, 0, 1};
    float[] copyWeight = new float[inputs * hidden];
    for (int d = 0; d < 3; d++) {
      copyWeight[d * hidden + d] = 10;
    }
    float[] identity = {1, 0, 0, 0, 1, 0, 0, 0, 1};
    return new ArgnNetwork(
        vocabulary,
        dims,
        hidden,
        new float[][] {oneHot, oneHot.clone()},
        new float[][] {new float[inputs * hidden], copyWeight},
        new float[][] {new float[hidden], new float[hidden]},
        new float[][] {new float[hidden * 3], identity},
        new float[][] {new float[3], new float[3]},
        false);
  }
}
