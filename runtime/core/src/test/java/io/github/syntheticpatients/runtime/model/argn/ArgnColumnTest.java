package io.github.syntheticpatients.runtime.model.argn;

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
  void theDeterministicExpAgreesWithStrictMath() {
    for (double x = -40; x <= 0; x += 0.01) {
      assertThat(ChainSampler.exp(x) / StrictMath.exp(x) - 1)
          .isCloseTo(0, org.assertj.core.data.Offset.offset(1e-9));
    }
  }
}
