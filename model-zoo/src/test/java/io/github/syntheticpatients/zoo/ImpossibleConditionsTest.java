package io.github.syntheticpatients.zoo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.syntheticpatients.runtime.InvalidInputException;
import io.github.syntheticpatients.runtime.SampleRequest;
import io.github.syntheticpatients.runtime.SyntheticModel;
import io.github.syntheticpatients.runtime.sampling.ModelLoader;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A condition outside what a bundled model generates fails before sampling, with the model's range
 * (the first-hour report: {@code age>=200} ran the whole 30 s budget on the default model).
 */
class ImpossibleConditionsTest {

  @Test
  void theCopulaModelRefusesAnAgeItNeverGenerates() {
    SyntheticModel model = ModelLoader.load("default");
    assertThatThrownBy(() -> model.sample(new SampleRequest(10, 1, List.of("age>=200"), null)))
        .isInstanceOfSatisfying(
            InvalidInputException.class, e -> assertThat(e.parameter()).isEqualTo("conditions"))
        .hasMessage(
            "Condition 'age>=200' cannot be met: the model generates 'age' only from 32.492813 to"
                + " 68.999316 (its protected range: no value beyond what at least k training records"
                + " share), so no record can meet it. Ask for a range that overlaps"
                + " age=32.492813..68.999316, or train on data that holds such values");
  }

  @Test
  void theLongitudinalModelRefusesAStaticAgeItNeverGenerates() {
    SyntheticModel model = ModelLoader.load("pbcseq");
    assertThatThrownBy(
            () -> model.sample(new SampleRequest(10, 1, List.of("sex=f", "age<=5"), null)))
        .isInstanceOfSatisfying(
            InvalidInputException.class, e -> assertThat(e.parameter()).isEqualTo("conditions"))
        .hasMessageStartingWith(
            "Condition 'age<=5' cannot be met: the model generates 'age' only from 31.444216 to"
                + " 70.072553 ");
  }
}
