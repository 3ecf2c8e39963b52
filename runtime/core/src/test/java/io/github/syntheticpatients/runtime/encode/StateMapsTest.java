package io.github.syntheticpatients.runtime.encode;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.syntheticpatients.runtime.ColumnKind;
import io.github.syntheticpatients.runtime.ModelFormatException;
import io.github.syntheticpatients.runtime.schema.ColumnSchema;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StateMapsTest {
  private final StateMaps read = new StateMaps("copula state");
  private final ColumnSchema age =
      new ColumnSchema("age", ColumnKind.NUMERIC, true, 0.1, null, 1, false);

  @Test
  void acceptsTheSchemasColumn() {
    Map<String, Object> state = Map.of("name", "age", "kind", "NUMERIC", "nullable", true);

    assertThatCode(() -> read.requireColumn(0, state, age)).doesNotThrowAnyException();
  }

  @Test
  void refusesAColumnThatDriftedFromTheSchema() {
    Map<String, Object> state = Map.of("name", "age", "kind", "INTEGER", "nullable", true);

    assertThatThrownBy(() -> read.requireColumn(2, state, age))
        .isInstanceOf(ModelFormatException.class)
        .hasMessageContaining("copula state")
        .hasMessageContaining(
            "column 3 is 'age' (INTEGER, nullable true) but the schema has 'age' (NUMERIC, nullable true)");
  }
}
