package io.github.syntheticpatients.runtime.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.syntheticpatients.runtime.InvalidInputException;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProtectedValuesTest {
  /** 1..10 shuffled, with one far outlier on each side and two missing cells. */
  private static final double[] COLUMN = {
    7, -1e15, 3, Double.NaN, 10, 1, 123456789012345.0, 5, 9, 2, Double.NaN, 8, 4, 6
  };

  @Test
  void boundsAreTheKthSmallestAndLargestValues() {
    // Sorted present values: -1e15, 1..10, 123456789012345: the 3rd smallest is 2, the 3rd largest
    // is 9.
    ProtectedValues values = ProtectedValues.of(COLUMN, 3);
    assertThat(values.low()).isEqualTo(2.0);
    assertThat(values.high()).isEqualTo(9.0);
    assertThat(values.count()).isEqualTo(12);
    assertThat(values.clamp(-5)).isEqualTo(2.0);
    assertThat(values.clamp(1e20)).isEqualTo(9.0);
  }

  @Test
  void interiorValuesAreMeansOfKNeighbours() {
    // Clipped to [2, 9]: 2 2 2 3 4 5 6 7 8 9 9 9; each value is the mean of the 3 around it.
    double[] values = ProtectedValues.of(COLUMN, 3).values();
    assertThat(values).containsExactly(2, 2, 7 / 3.0, 3, 4, 5, 6, 7, 8, 26 / 3.0, 9, 9);
  }

  @Test
  void kRecordsLieAtOrBeyondEachBoundAndNoExtremeIsKept() {
    double[] column = new double[200];
    for (int i = 0; i < column.length; i++) {
      column[i] = (i * 7919) % 200 + 0.25; // 0.25 .. 199.25, all distinct, shuffled
    }
    int k = 5;
    ProtectedValues values = ProtectedValues.of(column, k);
    assertThat(Arrays.stream(column).filter(x -> x <= values.low()).count()).isEqualTo(k);
    assertThat(Arrays.stream(column).filter(x -> x >= values.high()).count()).isEqualTo(k);
    // The k-1 most extreme values at each end are held by one record each and never stored.
    for (double extreme : new double[] {0.25, 1.25, 2.25, 3.25, 196.25, 197.25, 198.25, 199.25}) {
      assertThat(values.values()).doesNotContain(extreme);
    }
  }

  @Test
  void valuesAreSortedAndWithinTheBounds() {
    double[] values = ProtectedValues.of(COLUMN, 4).values();
    for (int i = 1; i < values.length; i++) {
      assertThat(values[i]).isGreaterThanOrEqualTo(values[i - 1]);
    }
    assertThat(values[0]).isEqualTo(3.0);
    assertThat(values[values.length - 1]).isEqualTo(8.0);
  }

  @Test
  void tiedValuesSharedByKRecordsAreKept() {
    double[] column = {0.1, 0.3, 0.1, 0.3, 0.1, 0.3, 0.1, 0.3, 0.1, 0.3, 0.1, 0.3, 0.1, 0.3};
    double[] values = ProtectedValues.of(column, 5).values();
    // Windows inside one group give its value exactly (no rounding from summing); the others are
    // their means.
    assertThat(values).startsWith(0.1, 0.1, 0.1, 0.1, 0.1).endsWith(0.3, 0.3, 0.3, 0.3, 0.3);
    assertThat(values[5]).isCloseTo(0.1 + 0.2 / 5, org.assertj.core.data.Offset.offset(1e-15));
  }

  @Test
  void kOfOneLeavesTheSortedValues() {
    assertThat(ProtectedValues.of(COLUMN, 1).values())
        .containsExactly(-1e15, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 123456789012345.0);
  }

  @Test
  void fewerThanKValuesAreWithheld() {
    ProtectedValues values = ProtectedValues.of(new double[] {1, Double.NaN, 2, 3, 4}, 5);
    assertThat(values.withheld()).isTrue();
    assertThat(values.values()).isEmpty();
    assertThatThrownBy(values::low)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("k=5");
    assertThat(ProtectedValues.of(new double[] {3, 3, 3, 3, 3}, 5).values())
        .containsExactly(3, 3, 3, 3, 3);
  }

  @Test
  void overlappingTailsAreWithheldRatherThanCollapsedOntoOneRecord() {
    // k = 5 needs 2k - 1 = 9 untied values; with 5 to 8 the k-th smallest lies above the k-th
    // largest, and clipping would store a single record's value (with 5 values, the raw maximum).
    for (int n = 5; n <= 8; n++) {
      double[] column = new double[n];
      for (int i = 0; i < n; i++) {
        column[i] = 10 + i;
      }
      assertThat(ProtectedValues.of(column, 5).withheld()).as("%d values", n).isTrue();
    }
    assertThat(ProtectedValues.of(new double[] {10, 11, 12, 13, 14, 15, 16, 17, 18}, 5).values())
        .containsExactly(14, 14, 14, 14, 14, 14, 14, 14, 14);
    // Ties shared by k records on both sides keep a value.
    assertThat(ProtectedValues.of(new double[] {1, 3, 3, 3, 3, 3, 5}, 5).values()).containsOnly(3);
  }

  @Test
  void largeValuesKeepTheirPrecision() {
    double base = 4.0e12; // epoch milliseconds
    double[] column = {base, base + 1, base + 2, base + 3, base + 4, base + 5};
    assertThat(ProtectedValues.of(column, 3).values())
        .containsExactly(
            base + 2, base + 2, base + 2 + 1 / 3.0, base + 3 - 1 / 3.0, base + 3, base + 3);
  }

  @Test
  void kIsReadFromOptions() {
    assertThat(ValueProtection.fromOptions(Map.of())).isEqualTo(ValueProtection.DEFAULT_K);
    assertThat(ValueProtection.fromOptions(Map.of("valueProtectionK", " 10 "))).isEqualTo(10);
    assertThat(ValueProtection.fromOptions(Map.of("valueProtectionK", "1"))).isEqualTo(1);
    assertThatThrownBy(() -> ValueProtection.fromOptions(Map.of("valueProtectionK", "0")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("valueProtectionK must be a whole number of 1 or more")
        .hasMessageContaining("was '0'");
    assertThatThrownBy(() -> ValueProtection.fromOptions(Map.of("valueProtectionK", "five")))
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> ProtectedValues.of(COLUMN, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
