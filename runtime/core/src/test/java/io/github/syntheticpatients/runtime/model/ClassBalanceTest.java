package io.github.syntheticpatients.runtime.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.syntheticpatients.runtime.ColumnKind;
import io.github.syntheticpatients.runtime.InvalidInputException;
import io.github.syntheticpatients.runtime.schema.ColumnSchema;
import io.github.syntheticpatients.runtime.schema.TableSchema;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClassBalanceTest {
  private static final TableSchema SCHEMA =
      TableSchema.of(
          List.of(
              new ColumnSchema("id", ColumnKind.IDENTIFIER, false, 0, null, 0, false),
              new ColumnSchema("age", ColumnKind.NUMERIC, false, 0, null, 1, false),
              new ColumnSchema("death", ColumnKind.BINARY, false, 0, List.of("0", "1"), 0, false),
              new ColumnSchema(
                  "stage",
                  ColumnKind.CATEGORICAL,
                  true,
                  0.1,
                  List.of("1", "2", "3", "4"),
                  0,
                  false),
              new ColumnSchema("notes", ColumnKind.CATEGORICAL, false, 0, List.of("a"), 0, true)));

  private static ClassBalance parse(String expression) {
    return ClassBalance.parse(expression, SCHEMA);
  }

  @Test
  void aColumnAloneAsksForEveryCategoryEquallyOften() {
    ClassBalance balance = parse(" death ");
    assertThat(balance.column()).isEqualTo("death");
    assertThat(balance.shares()).containsExactly(0.5, 0.5);
    assertThat(parse("stage").shares()).containsExactly(0.25, 0.25, 0.25, 0.25);
  }

  @Test
  void unlistedCategoriesShareWhatTheListedOnesLeave() {
    assertThat(parse("death:1=0.3").shares()).containsExactly(0.7, 0.3);
    assertThat(parse("stage: 4 = 0.4 , 3=0.2").shares())
        .containsExactly(new double[] {0.2, 0.2, 0.2, 0.4}, within(1e-12));
    assertThat(parse("stage:1=0.25,2=0.25,3=0.25,4=0.25").shares())
        .containsExactly(0.25, 0.25, 0.25, 0.25);
    // shares that use up everything leave nothing for the others
    assertThat(parse("stage:4=1").shares()).containsExactly(0.0, 0.0, 0.0, 1.0);
  }

  @Test
  void countsAreExactAndAddUpToTheRows() {
    // 7 rows over 3/7-ish shares: 0.2·7 = 1.4, 0.2·7 = 1.4, 0.2·7 = 1.4, 0.4·7 = 2.8; floors 1, 1,
    // 1,
    // 2 leave 2 rows, for the largest remainders 0.8 (stage 4) then 0.4 (stage 1, the earliest tie)
    assertThat(parse("stage:4=0.4").counts(7)).containsExactly(2, 1, 1, 3);
    assertThat(parse("death").counts(11)).containsExactly(6, 5);
    assertThat(parse("death").counts(0)).containsExactly(0, 0);
    assertThat(parse("death:1=0.1").counts(1000)).containsExactly(900, 100);
    assertThat(parse("stage:4=1").counts(5)).containsExactly(0, 0, 0, 5);
    // 4 rows over thirds: floors 1, 1, 1 and the row left goes to the earliest of the equal
    // remainders; the category with share 0 gets none
    assertThat(parse("stage:1=0").counts(4)).containsExactly(0, 2, 1, 1);
  }

  @Test
  void badExpressionsNameTheParameterAndTheFix() {
    assertInvalid(
        "dead",
        "balance 'dead' cannot be used: the model has no column 'dead'; columns are [age, death,"
            + " stage]");
    assertInvalid("id", "the model has no column 'id'");
    assertInvalid("notes", "the model has no column 'notes'");
    assertInvalid(
        "age",
        "balance 'age' cannot be used: 'age' is numeric; only a categorical or binary column can be"
            + " balanced (for a numeric outcome use a range condition such as age>=10)");
    assertInvalid(
        "death:2=0.5",
        "balance 'death:2=0.5' cannot be used: unknown category '2' for column 'death'; known"
            + " categories: 0, 1");
    assertInvalid(
        "stage:4=0.6,3=0.5",
        "balance 'stage:4=0.6,3=0.5' cannot be used: the shares sum to 1.1, more than 1; lower them"
            + " so that they sum to 1 or less");
    assertInvalid(
        "death:0=0.2,1=0.2",
        "every category is listed but the shares sum to 0.4; they must sum to 1 (or leave a category"
            + " out to give it the rest)");
    assertInvalid("death:1=half", "share 'half' is not a number from 0 to 1");
    assertInvalid("death:1=-0.1", "share '-0.1' is not a number from 0 to 1");
    assertInvalid("death:1=NaN", "share 'NaN' is not a number from 0 to 1");
    assertInvalid("death:1=0.2,1=0.3", "category '1' is listed twice");
    assertInvalid("death:1", "'1' is not category=share, e.g. death:1=0.5");
    assertInvalid("death:", "'' is not category=share");
    assertInvalid(":1=0.5", "it names no column");
  }

  private static void assertInvalid(String expression, String message) {
    assertThatThrownBy(() -> parse(expression))
        .isInstanceOfSatisfying(
            InvalidInputException.class, e -> assertThat(e.parameter()).isEqualTo("balance"))
        .hasMessageContaining(message);
  }
}
