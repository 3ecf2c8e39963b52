package io.github.syntheticpatients.runtime.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.syntheticpatients.runtime.ColumnKind;
import io.github.syntheticpatients.runtime.schema.ColumnSchema;
import io.github.syntheticpatients.runtime.schema.TableSchema;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ValueFormatTest {
  private static ColumnSchema column(ColumnKind kind, int decimals, String... categories) {
    return new ColumnSchema("c", kind, true, 0, List.of(categories), decimals, false);
  }

  @Test
  void typedValues() {
    assertThat(ValueFormat.toValue(column(ColumnKind.CATEGORICAL, 0, "0", "0.5", "1"), 1))
        .isEqualTo("0.5");
    assertThat(ValueFormat.toValue(column(ColumnKind.BINARY, 0, "f", "m"), 1)).isEqualTo("m");
    assertThat(ValueFormat.toValue(column(ColumnKind.NUMERIC, 2, new String[0]), 2.675))
        .isEqualTo(2.68);
    assertThat(ValueFormat.toValue(column(ColumnKind.NUMERIC, 0, new String[0]), -2.5))
        .isEqualTo(-3.0);
    assertThat(ValueFormat.toValue(column(ColumnKind.NUMERIC, 3, new String[0]), 1e-7))
        .isEqualTo(0.0);
    assertThat(ValueFormat.toValue(column(ColumnKind.INTEGER, 0, new String[0]), 41.6))
        .isEqualTo(42L);
    assertThat(ValueFormat.toValue(column(ColumnKind.DATE, 0, new String[0]), 19782))
        .isEqualTo(LocalDate.of(2024, 2, 29));
    long seconds = LocalDateTime.of(2024, 2, 29, 13, 45, 7).toEpochSecond(ZoneOffset.UTC);
    assertThat(ValueFormat.toValue(column(ColumnKind.DATETIME, 0, new String[0]), seconds))
        .isEqualTo(LocalDateTime.of(2024, 2, 29, 13, 45, 7));
    assertThat(ValueFormat.toValue(column(ColumnKind.IDENTIFIER, 0, new String[0]), 17))
        .isEqualTo("17");
    assertThat(ValueFormat.toValue(column(ColumnKind.NUMERIC, 2, new String[0]), Double.NaN))
        .isNull();
    assertThatThrownBy(() -> ValueFormat.toValue(column(ColumnKind.BINARY, 0, "a", "b"), 2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("category index");
  }

  @Test
  void csvText() {
    Locale before = Locale.getDefault();
    Locale.setDefault(Locale.GERMANY); // decimal comma must not leak into the output
    try {
      assertThat(ValueFormat.format(2.50)).isEqualTo("2.5");
      assertThat(ValueFormat.format(1.0)).isEqualTo("1");
      assertThat(ValueFormat.format(-0.0)).isEqualTo("0");
      assertThat(ValueFormat.format(1e-7)).isEqualTo("0.0000001");
      assertThat(ValueFormat.format(1.5e12)).isEqualTo("1500000000000");
      assertThat(ValueFormat.format(0.1f)).isEqualTo("0.1");
      assertThat(ValueFormat.format(new BigDecimal("120.500"))).isEqualTo("120.5");
      assertThat(ValueFormat.format(42L)).isEqualTo("42");
      assertThat(ValueFormat.format(LocalDate.of(2024, 2, 29))).isEqualTo("2024-02-29");
      assertThat(ValueFormat.format(LocalDateTime.of(2024, 2, 29, 13, 45)))
          .isEqualTo("2024-02-29T13:45:00");
      assertThat(ValueFormat.format("a, \"b\"")).isEqualTo("a, \"b\"");
      assertThat(ValueFormat.format(null)).isEmpty();
      assertThat(ValueFormat.format(Double.NaN)).isEmpty();
      assertThatThrownBy(() -> ValueFormat.format(Double.POSITIVE_INFINITY))
          .isInstanceOf(IllegalArgumentException.class);
    } finally {
      Locale.setDefault(before);
    }
  }

  @Test
  void recordsOfATableSkipDroppedColumns() {
    TableSchema schema =
        TableSchema.of(
            List.of(
                new ColumnSchema("id", ColumnKind.IDENTIFIER, false, 0, List.of(), 0, false),
                new ColumnSchema("note", ColumnKind.IDENTIFIER, false, 0, List.of(), 0, true),
                new ColumnSchema("sex", ColumnKind.BINARY, false, 0, List.of("f", "m"), 0, false),
                new ColumnSchema("bili", ColumnKind.NUMERIC, true, 0, List.of(), 1, false)));
    double[] nan = {Double.NaN, Double.NaN};
    Table table = new Table(schema, new double[][] {nan, nan, {0, 1}, {1.25, Double.NaN}});
    var records = ValueFormat.toRecords(table);
    assertThat(records).hasSize(2);
    assertThat(records.get(0).columns()).containsExactly("id", "sex", "bili");
    assertThat(records.get(0).get("id")).isNull();
    assertThat(records.get(0).getString("sex")).isEqualTo("f");
    assertThat(records.get(0).getDouble("bili")).isEqualTo(1.3);
    assertThat(records.get(1).isMissing("bili")).isTrue();
  }

  @Test
  void roundingAndWritingAgreeWithBigDecimalEverywhere() {
    SplittableRandom random = new SplittableRandom(20261206);
    List<Double> values = new ArrayList<>(List.of(2.675, 1.005, -1.005, 0.5, -0.5, -0.0, 0.0));
    values.addAll(List.of(1e9, -1e9, 123456789.5, 1e-300, 4.35, 0.045, 1e21, Double.MIN_VALUE));
    for (int i = 0; i < 5_000; i++) {
      double magnitude = Math.pow(10, random.nextInt(-8, 12));
      double value = (random.nextDouble() - 0.5) * magnitude;
      values.add(value);
      // Ties on a decimal grid, the case the fast path must hand to BigDecimal.
      values.add((random.nextInt(-100_000, 100_000) + 0.5) / Math.pow(10, random.nextInt(0, 5)));
    }
    for (double value : values) {
      for (int decimals = 0; decimals <= 17; decimals++) {
        double expected =
            BigDecimal.valueOf(value).setScale(decimals, RoundingMode.HALF_UP).doubleValue();
        double actual = ValueFormat.roundHalfUp(value, decimals);
        if (Double.doubleToRawLongBits(actual) != Double.doubleToRawLongBits(expected)) {
          assertThat(actual).as("%s at %d decimals", value, decimals).isEqualTo(expected);
        }
      }
      BigDecimal stripped = BigDecimal.valueOf(value).stripTrailingZeros();
      String expected = stripped.signum() == 0 ? "0" : stripped.toPlainString();
      if (!ValueFormat.format(value).equals(expected)) {
        assertThat(ValueFormat.format(value)).isEqualTo(expected);
      }
    }
  }
}
