package io.github.syntheticpatients.runtime.train;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.syntheticpatients.runtime.ColumnKind;
import io.github.syntheticpatients.runtime.argn.ContextPositions;
import io.github.syntheticpatients.runtime.encode.ArgnColumn;
import io.github.syntheticpatients.runtime.model.argn.ArgnEncoding;
import io.github.syntheticpatients.runtime.schema.ColumnSchema;
import io.github.syntheticpatients.runtime.schema.TableSchema;
import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/** The positions {@link LongitudinalArgnFitting#positions} gives the visit chain's context. */
class ContextPositionsTest {
  private static final Offset<Float> EXACT = Offset.offset(1e-6f);

  @Test
  void aNumericValueSitsAtItsBinPlusItsShareAndMissingAtTheMiddle() {
    // Statics: a category (3 symbols, no position). Visits: a lab of 4 bins (+ missing) × 2
    // shares. Two elapsed bins, no remaining time.
    ArgnEncoding statics =
        encoding(
            new ColumnSchema(
                "arm", ColumnKind.CATEGORICAL, false, 0, List.of("a", "b", "c"), 0, false),
            ArgnColumn.categorical("arm", 3, false));
    ArgnEncoding visits =
        encoding(
            new ColumnSchema("lab", ColumnKind.NUMERIC, true, 0.1, List.of(), 1, false),
            ArgnColumn.numeric("lab", true, 0, 0.1, new long[] {0, 10, 20, 30, 40}, 2));
    ContextPositions positions = LongitudinalArgnFitting.positions(statics, visits, 2, 0);

    // Features: the elapsed time, the lab. Symbols: arm (3), elapsed (2), first-visit mark (1),
    // stop (2), lab bin (5), lab share (2).
    assertThat(positions.features()).isEqualTo(2);
    assertThat(positions.symbols()).isEqualTo(3 + 2 + 1 + 2 + 5 + 2);
    float[] w = positions.weights();
    for (int s = 0; s < 3; s++) {
      assertThat(w[s * 2]).isZero();
      assertThat(w[s * 2 + 1]).isZero();
    }
    // Elapsed bins 0 and 1 of 2: −0.25 and 0.25.
    assertThat(w[3 * 2]).isCloseTo(-0.25f, EXACT);
    assertThat(w[4 * 2]).isCloseTo(0.25f, EXACT);
    // The first-visit mark and the stop symbols carry nothing.
    for (int s = 5; s < 8; s++) {
      assertThat(w[s * 2]).isZero();
      assertThat(w[s * 2 + 1]).isZero();
    }
    // Bin b of 4 adds b/4 − 0.5; share s of 2 adds (s + 0.5)/8; missing + share 0 adds 0.
    float[] bins = {-0.5f, -0.25f, 0f, 0.25f};
    for (int b = 0; b < 4; b++) {
      assertThat(w[(8 + b) * 2 + 1]).isCloseTo(bins[b], EXACT);
    }
    assertThat(w[12 * 2 + 1]).isCloseTo(-1 / 16f, EXACT);
    assertThat(w[13 * 2 + 1]).isCloseTo(1 / 16f, EXACT);
    assertThat(w[14 * 2 + 1]).isCloseTo(3 / 16f, EXACT);
    // Bin 3, share 1 (the top) sits at 0.25 + 3/16 = 0.4375; missing at 0.
    assertThat(w[11 * 2 + 1] + w[14 * 2 + 1]).isCloseTo(0.4375f, EXACT);
    assertThat(w[12 * 2 + 1] + w[13 * 2 + 1]).isCloseTo(0f, EXACT);
  }

  private static ArgnEncoding encoding(ColumnSchema schema, ArgnColumn column) {
    return new ArgnEncoding(TableSchema.of(List.of(schema)), List.of(column));
  }
}
