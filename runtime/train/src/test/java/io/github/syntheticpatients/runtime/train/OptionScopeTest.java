package io.github.syntheticpatients.runtime.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.syntheticpatients.runtime.InvalidInputException;
import io.github.syntheticpatients.runtime.train.OptionScope.Group;
import io.github.syntheticpatients.runtime.train.OptionScope.Kind;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OptionScopeTest {

  @Test
  void flatOnlyArgnOptionsAreRefusedOnTimelinesNamingWhereTheyApply() {
    assertThatThrownBy(
            () ->
                OptionScope.requireApplicable(Map.of("argnCalibrate", "2"), "argn", Kind.TIMELINES))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining(
            "option argnCalibrate does nothing here (generator argn on timelines): it applies only"
                + " to flat tables with generator argn or auto")
        .extracting(e -> ((InvalidInputException) e).parameter())
        .isEqualTo("argnCalibrate");
    assertThatThrownBy(
            () -> OptionScope.requireApplicable(Map.of("argnPrior", "0"), "auto", Kind.TIMELINES))
        .extracting(e -> ((InvalidInputException) e).parameter())
        .isEqualTo("argnPrior");
    // The static chain is a flat argn: its order, size and averaging apply to timelines too.
    assertThatCode(
            () ->
                OptionScope.requireApplicable(
                    Map.of("argnAverage", "0.9", "argnOrder", "fixed", "argnHistory", "16"),
                    "argn",
                    Kind.TIMELINES))
        .doesNotThrowAnyException();
  }

  @Test
  void timelineOptionsAreRefusedOnAFlatTable() {
    assertThatThrownBy(
            () -> OptionScope.requireApplicable(Map.of("maxVisits", "5"), "auto", Kind.TABLE))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("generator auto on a flat table")
        .hasMessageContaining("-Dsynthetic.entityId");
    assertThatThrownBy(
            () -> OptionScope.requireApplicable(Map.of("argnHistory", "16"), "argn", Kind.TABLE))
        .extracting(e -> ((InvalidInputException) e).parameter())
        .isEqualTo("argnHistory");
  }

  @Test
  void anotherGeneratorsOptionsAreRefusedAndItsOwnAccepted() {
    assertThatThrownBy(
            () -> OptionScope.requireApplicable(Map.of("argnBins", "12"), "copula", Kind.TABLE))
        .hasMessageContaining("applies only to generator argn or auto");
    assertThatThrownBy(
            () ->
                OptionScope.requireApplicable(
                    Map.of("numericEncoding", "minmax"), "auto", Kind.TABLE))
        .hasMessageContaining("the GANs' encoder");
    assertThatThrownBy(
            () ->
                OptionScope.requireApplicable(Map.of("momentWeight", "1"), "argn", Kind.TIMELINES))
        .hasMessageContaining("timelines with generator lstm-wgan");
    assertThatCode(
            () ->
                OptionScope.requireApplicable(
                    Map.of("numericEncoding", "minmax", "ganPreset", "small", "snapshotEvery", "2"),
                    "ctgan",
                    Kind.TABLE))
        .doesNotThrowAnyException();
    assertThatCode(
            () ->
                OptionScope.requireApplicable(
                    Map.of("snapshotEvery", "2", "momentWeight", "1", "maxVisits", "4"),
                    "LSTM-WGAN",
                    Kind.TIMELINES))
        .doesNotThrowAnyException();
    assertThatThrownBy(
            () ->
                OptionScope.requireApplicable(Map.of("vaegan.steps", "4"), "dp-vaegan", Kind.TABLE))
        .hasMessageContaining("timelines with generator dp-vaegan");
    assertThatCode(
            () ->
                OptionScope.requireApplicable(
                    Map.of("vaegan.steps", "4", "maxVisits", "4"), "dp-vaegan", Kind.TIMELINES))
        .doesNotThrowAnyException();
    // auto may keep argn on any table, so argn's options are read.
    assertThatCode(
            () -> OptionScope.requireApplicable(Map.of("argnHidden", "32"), "auto", Kind.TABLE))
        .doesNotThrowAnyException();
  }

  @Test
  void commonOptionsAndUnknownGeneratorsAreLeftToTheirOwners() {
    assertThatCode(
            () ->
                OptionScope.requireApplicable(
                    Map.of("holdoutFraction", "0.3", "gate.familyAlpha", "0.01", "dp.epsilon", "3"),
                    "copula",
                    Kind.TABLE))
        .doesNotThrowAnyException();
    // The job refuses the generator's name itself, with the list of names.
    assertThatCode(() -> OptionScope.requireApplicable(Map.of("argnBins", "12"), "gan", Kind.TABLE))
        .doesNotThrowAnyException();
  }

  @Test
  void everyScopedOptionIsAKnownOptionAndInOneGroup() {
    Set<String> seen = new HashSet<>();
    for (Group group : OptionScope.GROUPS) {
      assertThat(TrainingOptions.KNOWN).containsAll(group.keys());
      for (String key : group.keys()) {
        assertThat(seen.add(key)).as("%s in two groups", key).isTrue();
      }
    }
    assertThat(seen).contains("argnCalibrate", "maxVisits", "numericEncoding", "argnHistory");
  }
}
