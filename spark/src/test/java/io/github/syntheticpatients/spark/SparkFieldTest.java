package io.github.syntheticpatients.spark;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.syntheticpatients.runtime.ColumnKind;
import java.time.LocalDate;
import java.time.LocalDateTime;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.Test;

/** Dates and date-times, which no bundled model holds, in Spark's internal form. */
class SparkFieldTest {
  @Test
  void aDateIsDaysSinceTheEpoch() {
    SparkField field = new SparkField("visit", ColumnKind.DATE, true);
    assertThat(field.dataType()).isEqualTo(DataTypes.DateType);
    assertThat(field.toInternal(LocalDate.of(1970, 1, 11))).isEqualTo(10);
    assertThat(field.toInternal(LocalDate.of(1969, 12, 31))).isEqualTo(-1);
    assertThat(field.toInternal(null)).isNull();
  }

  @Test
  void aDateTimeIsMicrosecondsWithoutATimeZone() {
    SparkField field = new SparkField("admitted", ColumnKind.DATETIME, false);
    assertThat(field.dataType()).isEqualTo(DataTypes.TimestampNTZType);
    assertThat(field.toInternal(LocalDateTime.of(1970, 1, 2, 0, 0, 1))).isEqualTo(86_401_000_000L);
  }
}
