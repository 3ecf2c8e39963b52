package io.github.syntheticpatients.runtime.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.syntheticpatients.runtime.InvalidInputException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrainingOptionsTest {

  @Test
  void defaultsEnforceTheGateWithTwentyPercentSplits() {
    TrainingOptions options = TrainingOptions.from(Map.of());
    assertThat(options.holdoutFraction()).isEqualTo(0.2);
    assertThat(options.validationFraction()).isEqualTo(0.2);
    assertThat(options.enforceGate()).isTrue();
  }

  @Test
  void readsFractionsAndGateMode() {
    TrainingOptions options =
        TrainingOptions.from(Map.of("holdoutFraction", "0.5", "validationFraction", "0", "privacyGate", "WARN"));
    assertThat(options.holdoutFraction()).isEqualTo(0.5);
    assertThat(options.validationFraction()).isZero();
    assertThat(options.enforceGate()).isFalse();
    assertThat(TrainingOptions.from(Map.of("privacyGate", "enforce")).enforceGate()).isTrue();
  }

  @Test
  void encoderAndGanOptionsAreAccepted() {
    // Unknown names throw (badOptionsNameTheParameter); these belong to the encoder and the GAN, so they pass.
    assertThatCode(() -> TrainingOptions.from(Map.of("numericEncoding", "minmax", "maxModes", "5", "snapshotEvery", "2",
        "modeWeightThreshold", "0.01", "clipToObservedRange", "true"))).doesNotThrowAnyException();
  }

  @Test
  void badOptionsNameTheParameter() {
    assertThatThrownBy(() -> TrainingOptions.from(Map.of("holdout", "0.2")))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.parameter()).isEqualTo("options"))
        .hasMessageContainingAll("Unknown training option 'holdout'", "holdoutFraction", "snapshotEvery");
    assertThatThrownBy(() -> TrainingOptions.from(Map.of("holdoutFraction", "0.6")))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.parameter()).isEqualTo("holdoutFraction"))
        .hasMessageContaining("holdoutFraction must lie in [0.0, 0.5], was 0.6");
    assertThatThrownBy(() -> TrainingOptions.from(Map.of("validationFraction", "-0.1")))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.parameter()).isEqualTo("validationFraction"));
    assertThatThrownBy(() -> TrainingOptions.from(Map.of("validationFraction", "a fifth")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("validationFraction must be a number, was 'a fifth'");
    assertThatThrownBy(() -> TrainingOptions.from(Map.of("privacyGate", "off")))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.parameter()).isEqualTo("privacyGate"))
        .hasMessageContaining("privacyGate must be 'enforce' or 'warn', was 'off'");
  }

  @Test
  void dataSplitIsSeededDisjointAndComplete() {
    DataSplit split = DataSplit.of(418, 0.2, 0.2, 11);
    assertThat(split.holdout()).hasSize(84);
    assertThat(split.validation()).hasSize(67);
    assertThat(split.train()).hasSize(267);
    java.util.Set<Integer> all = new java.util.TreeSet<>();
    for (int[] part : new int[][] {split.train(), split.validation(), split.holdout()}) {
      for (int row : part) {
        assertThat(all.add(row)).as("row %d in one part only", row).isTrue();
      }
      assertThat(part).isSorted();
    }
    assertThat(all).hasSize(418).first().isEqualTo(0);
    DataSplit again = DataSplit.of(418, 0.2, 0.2, 11);
    assertThat(again.holdout()).containsExactly(split.holdout());
    assertThat(DataSplit.of(418, 0.2, 0.2, 12).holdout()).isNotEqualTo(split.holdout());
  }
}
