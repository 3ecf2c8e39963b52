package io.github.syntheticpatients.runtime.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.syntheticpatients.runtime.ColumnKind;
import io.github.syntheticpatients.runtime.InvalidInputException;
import io.github.syntheticpatients.runtime.model.Conditions.Range;
import io.github.syntheticpatients.runtime.schema.ColumnSchema;
import io.github.syntheticpatients.runtime.schema.TableSchema;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class ConditionsTest {
  private static final TableSchema SCHEMA =
      TableSchema.of(
          List.of(
              new ColumnSchema("id", ColumnKind.IDENTIFIER, false, 0, null, 0, false),
              new ColumnSchema("age", ColumnKind.NUMERIC, false, 0, null, 1, false),
              new ColumnSchema("stage", ColumnKind.INTEGER, true, 0.1, null, 0, false),
              new ColumnSchema("sex", ColumnKind.BINARY, false, 0, List.of("f", "m"), 0, false),
              new ColumnSchema(
                  "status", ColumnKind.CATEGORICAL, false, 0, List.of("0", "1", "2"), 0, false),
              new ColumnSchema("visit", ColumnKind.DATE, false, 0, null, 0, false),
              new ColumnSchema("seen", ColumnKind.DATETIME, false, 0, null, 0, false),
              new ColumnSchema("notes", ColumnKind.NUMERIC, false, 0, null, 0, true)));

  private static Conditions parse(String... expressions) {
    return Conditions.parse(Arrays.asList(expressions), SCHEMA);
  }

  private static final double INF = Double.POSITIVE_INFINITY;

  @Test
  void categoriesAreFixedByIndexInTheOrderGiven() {
    Conditions conditions = parse("status=2", " sex = f ");
    assertThat(conditions.categories())
        .containsExactly(java.util.Map.entry("status", 2), java.util.Map.entry("sex", 0));
    assertThat(conditions.ranges()).isEmpty();
    assertThat(conditions.isEmpty()).isFalse();
    assertThat(parse("sex=f", "sex=f").categories()).containsEntry("sex", 0);
  }

  @Test
  void everyComparisonOperatorGivesItsRange() {
    assertThat(parse("age>=60").ranges().get("age")).isEqualTo(new Range(60, true, INF, true));
    assertThat(parse("age>60").ranges().get("age")).isEqualTo(new Range(60, false, INF, true));
    assertThat(parse("age<=70").ranges().get("age")).isEqualTo(new Range(-INF, true, 70, true));
    assertThat(parse("age<70").ranges().get("age")).isEqualTo(new Range(-INF, true, 70, false));
    assertThat(parse("age=60..70").ranges().get("age")).isEqualTo(new Range(60, true, 70, true));
    assertThat(parse("age = 60 .. 70").ranges().get("age"))
        .isEqualTo(new Range(60, true, 70, true));
    assertThat(parse("age=61.5").ranges().get("age")).isEqualTo(new Range(61.5, true, 61.5, true));
    assertThat(parse("stage>=-1e1").ranges().get("stage"))
        .isEqualTo(new Range(-10, true, INF, true));
  }

  @Test
  void rangesContainTheirBoundsOnlyWhenInclusiveAndNeverMissingValues() {
    Range closed = new Range(60, true, 70, true);
    assertThat(closed.contains(60)).isTrue();
    assertThat(closed.contains(70)).isTrue();
    assertThat(closed.contains(59.999)).isFalse();
    assertThat(closed.contains(Double.NaN)).isFalse();
    Range open = new Range(60, false, 70, false);
    assertThat(open.contains(60)).isFalse();
    assertThat(open.contains(70)).isFalse();
    assertThat(open.contains(65)).isTrue();
  }

  @Test
  void datesAndDateTimesAreInTableUnits() {
    assertThat(parse("visit>=2020-01-31").ranges().get("visit"))
        .isEqualTo(new Range(LocalDate.of(2020, 1, 31).toEpochDay(), true, INF, true));
    assertThat(parse("visit=2019-01-01..2019-12-31").ranges().get("visit"))
        .isEqualTo(
            new Range(
                LocalDate.of(2019, 1, 1).toEpochDay(),
                true,
                LocalDate.of(2019, 12, 31).toEpochDay(),
                true));
    assertThat(parse("seen<2020-01-31T08:00").ranges().get("seen"))
        .isEqualTo(
            new Range(
                -INF,
                true,
                LocalDateTime.of(2020, 1, 31, 8, 0).toEpochSecond(ZoneOffset.UTC),
                false));
  }

  @Test
  void conditionsOnOneColumnIntersect() {
    assertThat(parse("age>=60", "age<70").ranges().get("age"))
        .isEqualTo(new Range(60, true, 70, false));
    assertThat(parse("age=50..80", "age>60", "age<=75").ranges().get("age"))
        .isEqualTo(new Range(60, false, 75, true));
    // equal bounds: the stricter (exclusive) one wins
    assertThat(parse("age>=60", "age>60").ranges().get("age"))
        .isEqualTo(new Range(60, false, INF, true));
    assertThat(parse("age<=70", "age<70", "age<=70").ranges().get("age"))
        .isEqualTo(new Range(-INF, true, 70, false));
    // a single point stays possible when both bounds are inclusive
    assertThat(parse("age>=60", "age<=60").ranges().get("age"))
        .isEqualTo(new Range(60, true, 60, true));
  }

  @Test
  void anEmptyIntersectionIsAnError() {
    expectConditionsError(() -> parse("age>=70", "age<60"), "age<60", "no value is possible");
    expectConditionsError(() -> parse("age>60", "age<=60"), "age<=60", "no value is possible");
    expectConditionsError(() -> parse("age=70..60"), "age=70..60", "the range is empty");
  }

  @Test
  void unknownColumnsAndCategoriesListWhatExists() {
    expectConditionsError(
        () -> parse("weight>3"),
        "the model has no column 'weight'",
        "[age, stage, sex, status, visit, seen]");
    expectConditionsError(() -> parse("notes>3"), "no column 'notes'");
    expectConditionsError(
        () -> parse("sex=x"), "unknown category 'x' for column 'sex'", "known categories: f, m");
    expectConditionsError(() -> parse("sex=f", "sex=m"), "already fixed");
  }

  @Test
  void malformedConditionsSayWhatIsExpected() {
    expectConditionsError(() -> parse("age"), "not of the form column=value");
    expectConditionsError(() -> parse(">=60"), "not of the form");
    expectConditionsError(() -> parse("age!=60"), "not of the form");
    expectConditionsError(() -> parse("sex == f"), "'==' is not an operator; write sex=f");
    expectConditionsError(() -> parse("age==60"), "'==' is not an operator; write age=60");
    expectConditionsError(() -> parse("age>=old"), "'old' is not a number (column 'age')");
    expectConditionsError(() -> parse("age=60..x"), "'x' is not a number");
    expectConditionsError(() -> parse("age>=NaN"), "'NaN' is not a number (column 'age')");
    expectConditionsError(() -> parse("age=Infinity"), "'Infinity' is not a number");
    expectConditionsError(() -> parse("age<=1e999"), "'1e999' is not a number");
    expectConditionsError(() -> parse("visit>=31/01/2020"), "an ISO date such as 2020-01-31");
    expectConditionsError(() -> parse("seen>=2020-01-31"), "an ISO date-time");
    expectConditionsError(() -> parse("sex>=f"), "'sex' is categorical; use sex=<category>");
    expectConditionsError(() -> parse("id=3"), "identifier column");
  }

  @Test
  void blankAndNoConditionsAreNone() {
    assertThat(parse().isEmpty()).isTrue();
    assertThat(Conditions.parse(Arrays.asList("", "  ", null), SCHEMA).isEmpty()).isTrue();
    assertThat(Conditions.NONE.isEmpty()).isTrue();
  }

  private static void expectConditionsError(ThrowingCallable call, String... fragments) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            InvalidInputException.class, e -> assertThat(e.parameter()).isEqualTo("conditions"))
        .hasMessageContainingAll(fragments);
  }
}
