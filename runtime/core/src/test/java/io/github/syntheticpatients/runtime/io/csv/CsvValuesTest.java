package io.github.syntheticpatients.runtime.io.csv;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvValuesTest {
  @Test
  void numbersArePlainDecimals() {
    assertThat(List.of("0", "-1", "+2.5", ".5", "5.", "1e3", "1.25E-2", "007"))
        .allMatch(CsvValues::isNumber);
    assertThat(
            List.of(
                "", "-", ".", "NaN", "Infinity", "1d", "0x1p3", "1,5", "1e", "1 000", "e5", "--1"))
        .noneMatch(CsvValues::isNumber);
    assertThat(CsvValues.parseNumber("1.25E-2")).isEqualTo(0.0125);
    assertThat(CsvValues.parseNumber("1e400")).isNaN();
    assertThat(CsvValues.parseNumber("abc")).isNaN();
  }

  @Test
  void decimalCommaNumbersAreRewrittenWithAPoint() {
    assertThat(CsvValues.decimalCommaToPoint("61,5")).isEqualTo("61.5");
    assertThat(CsvValues.decimalCommaToPoint("-0,25")).isEqualTo("-0.25");
    assertThat(CsvValues.decimalCommaToPoint("265000,00")).isEqualTo("265000.00");
    assertThat(CsvValues.decimalCommaToPoint("1.234,5")).isEqualTo("1234.5");
    assertThat(CsvValues.decimalCommaToPoint("1.234.567")).isEqualTo("1234567");
    assertThat(CsvValues.decimalCommaToPoint("265.000")).isEqualTo("265000");
    // Plain digits need nothing; a point that cannot group thousands, dates and text are no such
    // number.
    assertThat(
            List.of(
                "61",
                "61.5",
                "0.125",
                "1234.567",
                "12.34,5",
                "01.234",
                "1.23,4",
                "1,",
                ",5",
                "1,2,3",
                "15.01.2020",
                "2024-01-05",
                "a,b",
                "1.234,"))
        .allSatisfy(text -> assertThat(CsvValues.decimalCommaToPoint(text)).as(text).isNull());
  }

  @Test
  void decimalsAsWritten() {
    assertThat(CsvValues.decimals("12")).isZero();
    assertThat(CsvValues.decimals("12.50")).isEqualTo(2);
    assertThat(CsvValues.decimals("1.25e1")).isEqualTo(1);
    assertThat(CsvValues.decimals("1.5E+3")).isZero();
    assertThat(CsvValues.decimals("15e-3")).isEqualTo(3);
  }

  @Test
  void integralNumbers() {
    assertThat(CsvValues.isIntegral(3.0)).isTrue();
    assertThat(CsvValues.isIntegral(-0.0)).isTrue();
    assertThat(CsvValues.isIntegral(2.5)).isFalse();
    assertThat(CsvValues.isIntegral(1e300)).isFalse();
  }

  @Test
  void isoDates() {
    assertThat(CsvValues.parseDate("2024-02-29")).isEqualTo(LocalDate.of(2024, 2, 29).toEpochDay());
    assertThat(CsvValues.parseDate("1969-12-31")).isEqualTo(-1);
    assertThat(
            List.of(
                "2023-02-29",
                "2024-13-01",
                "2024-00-10",
                "2024-1-01",
                "24-01-01x",
                "2024/01/01",
                "abcd-ef-gh"))
        .allMatch(text -> Double.isNaN(CsvValues.parseDate(text)));
  }

  @Test
  void isoDateTimes() {
    double expected = LocalDateTime.of(2024, 2, 29, 13, 45).toEpochSecond(ZoneOffset.UTC);
    assertThat(CsvValues.parseDateTime("2024-02-29T13:45")).isEqualTo(expected);
    assertThat(CsvValues.parseDateTime("2024-02-29 13:45:00")).isEqualTo(expected);
    assertThat(CsvValues.parseDateTime("2024-02-29T13:45:00.999")).isEqualTo(expected);
    assertThat(CsvValues.parseDateTime("2024-02-29T13:45:00Z")).isEqualTo(expected);
    assertThat(CsvValues.parseDateTime("2024-02-29T15:45:00+02:00")).isEqualTo(expected);
    assertThat(CsvValues.parseDateTime("2024-02-29")).isNaN();
    assertThat(CsvValues.parseDateOrDateTime("2024-02-29"))
        .isEqualTo(expected - (13 * 60 + 45) * 60);
    assertThat(CsvValues.parseDateTime("2024-02-29T24:01")).isNaN();
  }
}
