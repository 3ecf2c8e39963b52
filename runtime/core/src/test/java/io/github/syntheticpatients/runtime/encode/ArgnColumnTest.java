package io.github.syntheticpatients.runtime.encode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.syntheticpatients.runtime.random.RandomStream;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ArgnColumnTest {
  /** Grid 36.0, 36.1, … 41.9 (a temperature to one decimal): 60 points in three bins. */
  private final ArgnColumn temperature =
      ArgnColumn.numeric("temp", true, 36.0, 0.1, new long[] {0, 10, 25, 60}, 4);

  @Test
  void aValueEncodesToItsBinAndShareAndDecodesOntoTheGridInsideThem() {
    int[] codes = new int[2];
    RandomStream random = RandomStream.of(1);
    for (int g = 0; g < 60; g++) {
      double value = 36.0 + g / 10.0;
      temperature.encode(value, codes, 0);
      int bin = codes[0];
      // bins [0,10), [10,25), [25,60)
      assertThat(bin).isEqualTo(g < 10 ? 0 : g < 25 ? 1 : 2);
      long[] share = temperature.share(bin, codes[1]);
      assertThat(g).isBetween((int) share[0], (int) share[1] - 1);
      for (int draw = 0; draw < 20; draw++) {
        double decoded = temperature.decode(codes, 0, random);
        long point = Math.round((decoded - 36.0) * 10);
        // On the grid: one decimal.
        assertThat(decoded)
            .isCloseTo(36.0 + point / 10.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(point).isBetween(share[0], share[1] - 1);
      }
    }
  }

  @Test
  void everyGridPointOfAShareIsReachedAndNoneOutside() {
    int[] codes = {1, 2};
    long[] share = temperature.share(1, 2);
    Set<Long> seen = new HashSet<>();
    RandomStream random = RandomStream.of(2);
    for (int draw = 0; draw < 500; draw++) {
      seen.add(Math.round((temperature.decode(codes, 0, random) - 36.0) * 10));
    }
    Set<Long> expected = new HashSet<>();
    for (long g = share[0]; g < share[1]; g++) {
      expected.add(g);
    }
    assertThat(seen).isEqualTo(expected);
  }

  @Test
  void valuesBeyondTheProtectedBoundsAreClippedToThem() {
    int[] codes = new int[2];
    temperature.encode(45.7, codes, 0);
    assertThat(codes[0]).isEqualTo(2);
    assertThat(temperature.decode(new int[] {2, 3}, 0, RandomStream.of(3))).isLessThan(42.0);
    temperature.encode(30.0, codes, 0);
    assertThat(codes).containsExactly(0, 0);
  }

  @Test
  void missingIsItsOwnSymbol() {
    int[] codes = new int[2];
    temperature.encode(Double.NaN, codes, 0);
    assertThat(codes[0]).isEqualTo(3).isEqualTo(temperature.missingSymbol());
    assertThat(temperature.decode(codes, 0, RandomStream.of(4))).isNaN();
    ArgnColumn complete = ArgnColumn.categorical("sex", 2, false);
    assertThatThrownBy(() -> complete.encode(Double.NaN, codes, 0))
        .hasMessageContaining("'sex' has a missing value");
  }

  @Test
  void aBinNarrowerThanItsSharesStillDecodesInsideIt() {
    // 3 grid points, 12 shares: most shares hold no point and fall back to one inside the bin.
    ArgnColumn narrow = ArgnColumn.numeric("n", false, 0, 1, new long[] {0, 3}, 12);
    for (int sub = 0; sub < 12; sub++) {
      double value = narrow.decode(new int[] {0, sub}, 0, RandomStream.of(sub));
      assertThat(value).isBetween(0.0, 2.0);
    }
  }

  @Test
  void theStateRoundTrips() {
    ArgnColumn read = ArgnColumn.fromState(temperature.state());
    assertThat(read.state()).isEqualTo(temperature.state());
    assertThat(ArgnColumn.fromState(ArgnColumn.withheld("crp").state()).subColumns()).isZero();
  }

  @Test
  void aRangeKeepsTheGridPointsInsideItAndTheBinsAndSharesHoldingThem() {
    // temp > 36.95 and temp <= 37.4: grid points 10 … 14 (37.0 … 37.4), all in bin 1 [10, 25).
    long[] points = temperature.gridPointsIn(36.95, false, 37.4, true);
    assertThat(points).containsExactly(10, 14);
    // Exclusive bounds on grid values themselves.
    assertThat(temperature.gridPointsIn(37.0, false, 37.4, false)).containsExactly(11, 13);
    assertThat(temperature.gridPointsIn(Double.NEGATIVE_INFINITY, true, 36.0, true))
        .containsExactly(0, 0);
    assertThat(temperature.gridPointsIn(42.0, true, Double.POSITIVE_INFINITY, true)).isNull();
    assertThat(temperature.binsMeeting(10, 14)).containsExactly(false, true, false, false);
    // Bin 1 has 15 points in four shares: [10,14), [14,18), [18,22), [22,25).
    assertThat(temperature.sharesMeeting(1, 10, 14)).containsExactly(true, true, false, false);
    RandomStream random = RandomStream.of(3);
    Set<Long> seen = new HashSet<>();
    for (int draw = 0; draw < 200; draw++) {
      double value = temperature.decodeWithin(new int[] {1, 1}, 0, random, 10, 14);
      // Share 1 is [14, 18): only 14 is inside the range.
      assertThat(Math.round((value - 36.0) * 10)).isEqualTo(14);
      seen.add(
          Math.round((temperature.decodeWithin(new int[] {1, 0}, 0, random, 12, 14) - 36) * 10));
    }
    assertThat(seen).containsExactlyInAnyOrder(12L, 13L);
  }

  @Test
  void aColumnWithDecimalsDecodesToTheDecimalItselfAndOneWithoutKeepsTheSum() {
    long[] edges = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
    ArgnColumn rounded = ArgnColumn.numeric("creatinine", false, 0.5, 0.1, edges, 1, 1);
    ArgnColumn raw = ArgnColumn.numeric("creatinine", false, 0.5, 0.1, edges, 1);
    // 0.5 + 7 · 0.1 in doubles is 1.2000000000000002, which a CSV reader never gives.
    assertThat(0.5 + 7 * 0.1).isNotEqualTo(1.2);
    for (int g = 0; g < 10; g++) {
      double decimal =
          Double.parseDouble(String.format(java.util.Locale.ROOT, "%.1f", 0.5 + g / 10.0));
      assertThat(rounded.decode(new int[] {g, 0}, 0, RandomStream.of(g))).isEqualTo(decimal);
      assertThat(raw.decode(new int[] {g, 0}, 0, RandomStream.of(g))).isEqualTo(0.5 + g * 0.1);
    }
    // The model file keeps the decimals; a state without them (an older model) is not rounded.
    assertThat(
            ArgnColumn.fromState(rounded.state()).decode(new int[] {7, 0}, 0, RandomStream.of(1)))
        .isEqualTo(1.2);
    assertThat(raw.state()).doesNotContainKey("decimals");
    assertThat(ArgnColumn.fromState(raw.state()).decode(new int[] {7, 0}, 0, RandomStream.of(1)))
        .isEqualTo(0.5 + 7 * 0.1);
  }
}
