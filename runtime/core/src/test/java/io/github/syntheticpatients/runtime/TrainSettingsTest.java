package io.github.syntheticpatients.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrainSettingsTest {

  @Test
  void optionsAreSortedAndImmutable() {
    Map<String, String> given = new LinkedHashMap<>();
    given.put("snapshotEvery", "2");
    given.put("maxModes", "4");
    given.put("holdoutFraction", "0.1");
    given.put("privacyGate", "warn");
    TrainSettings settings = new TrainSettings("copula", 0, 0, 1, given);
    assertThat(settings.options().keySet())
        .containsExactly("holdoutFraction", "maxModes", "privacyGate", "snapshotEvery");
    assertThat(settings.withOption("clipToObservedRange", "true").options().keySet())
        .containsExactly(
            "clipToObservedRange", "holdoutFraction", "maxModes", "privacyGate", "snapshotEvery");
    given.put("late", "x");
    assertThat(settings.options()).doesNotContainKey("late");
    assertThatThrownBy(() -> settings.options().put("a", "b"))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThat(settings)
        .isEqualTo(
            new TrainSettings(
                "copula",
                0,
                0,
                1,
                Map.of(
                    "snapshotEvery",
                    "2",
                    "maxModes",
                    "4",
                    "holdoutFraction",
                    "0.1",
                    "privacyGate",
                    "warn")));
  }

  @Test
  void defaultsAndValidation() {
    TrainSettings defaults = TrainSettings.defaults();
    assertThat(defaults.generator()).isEqualTo("auto");
    assertThat(defaults.seed()).isEqualTo(TrainSettings.DEFAULT_SEED);
    assertThat(defaults.options()).isEmpty();
    assertThat(new TrainSettings(null, 0, 0, 1, null).generator()).isEqualTo("auto");
    assertThatThrownBy(() -> defaults.withBatchSize(-1))
        .isInstanceOfSatisfying(
            InvalidInputException.class, e -> assertThat(e.parameter()).isEqualTo("batchSize"));
    Map<String, String> withNull = new LinkedHashMap<>();
    withNull.put("maxModes", null);
    assertThatThrownBy(() -> new TrainSettings("copula", 0, 0, 1, withNull))
        .isInstanceOf(NullPointerException.class);
  }
}
