package io.github.syntheticpatients.runtime.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.syntheticpatients.runtime.InvalidInputException;
import io.github.syntheticpatients.runtime.TestData;
import io.github.syntheticpatients.runtime.sampling.Schemas;
import io.github.syntheticpatients.runtime.schema.TableSchema;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ForwardFillTest {
  private static Timelines psvSample() {
    Path sample = TestData.path("psv-sample");
    TableSchema schema = TableSchema.of(Schemas.infer(sample, "patient", "ICULOS"));
    return Timelines.of(Schemas.readTimelines(sample, schema));
  }

  @Test
  void carriesTheLastValueForwardWithinEachPatientOnly() {
    Timelines timelines = psvSample();
    Timelines filled = ForwardFill.apply(timelines, List.of("Temp", "HR"));
    // Patients in order p100004 (4 visits), p000001 (5), p000002 (6), p000003 (3).
    assertThat(timelines.visits().column("Temp"))
        .containsExactly(
            37.9,
            Double.NaN,
            37.6,
            Double.NaN,
            Double.NaN,
            Double.NaN,
            36.11,
            Double.NaN,
            Double.NaN,
            36.44,
            Double.NaN,
            Double.NaN,
            37.17,
            Double.NaN,
            38.2,
            Double.NaN,
            36.7,
            Double.NaN);
    assertThat(filled.visits().column("Temp"))
        .containsExactly(
            37.9,
            37.9,
            37.6,
            37.6,
            Double.NaN,
            Double.NaN,
            36.11,
            36.11,
            36.11, // p000001 starts missing: not taken from p100004
            36.44,
            36.44,
            36.44,
            37.17,
            37.17,
            38.2,
            Double.NaN,
            36.7,
            36.7);
    // p000001's first hour has no HR and stays missing; the rest is measured.
    assertThat(filled.visits().column("HR")[4]).isNaN();
    assertThat(filled.visits().column("HR")[5]).isEqualTo(97);
    // Columns not listed are untouched, and the input is not modified.
    assertThat(filled.visits().column("SBP")).containsExactly(timelines.visits().column("SBP"));
    assertThat(timelines.visits().column("Temp")[1]).isNaN();
    assertThat(filled.visitCounts()).containsExactly(timelines.visitCounts());
    assertThat(filled.id(2)).isEqualTo("p000002");
  }

  @Test
  void noColumnsMeansNoChange() {
    Timelines timelines = psvSample();
    assertThat(ForwardFill.apply(timelines, List.of())).isSameAs(timelines);
  }

  @Test
  void rejectsColumnsThatAreNotTimeVarying() {
    Timelines timelines = psvSample();
    assertThatThrownBy(() -> ForwardFill.apply(timelines, List.of("Temp", "Weight")))
        .isInstanceOfSatisfying(
            InvalidInputException.class, e -> assertThat(e.parameter()).isEqualTo("forwardFill"))
        .hasMessageContaining("'Weight': it is not a column of the data")
        .hasMessageContaining("[HR, O2Sat, Temp, SBP, SepsisLabel]");
    assertThatThrownBy(() -> ForwardFill.apply(timelines, List.of("Age")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("static attribute");
    assertThatThrownBy(() -> ForwardFill.apply(timelines, List.of("ICULOS")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("time column");
    assertThatThrownBy(() -> ForwardFill.apply(timelines, List.of("patient")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("patient id column");
  }
}
