package io.github.syntheticpatients.runtime.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.syntheticpatients.runtime.ColumnKind;
import io.github.syntheticpatients.runtime.InvalidInputException;
import io.github.syntheticpatients.runtime.data.Table;
import io.github.syntheticpatients.runtime.data.Timelines;
import io.github.syntheticpatients.runtime.schema.ColumnSchema;
import io.github.syntheticpatients.runtime.schema.TableSchema;
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
  void smallTablesHoldOutMoreUnlessTheUserSetTheFraction() {
    assertThat(TrainingOptions.holdoutFraction(Map.of(), 0.2, 150)).isEqualTo(0.3);
    assertThat(TrainingOptions.holdoutFraction(Map.of(), 0.2, 1000)).isEqualTo(0.2);
    assertThat(TrainingOptions.holdoutFraction(Map.of("holdoutFraction", "0.1"), 0.1, 150))
        .isEqualTo(0.1);
  }

  @Test
  void autoSkipsTheCtganBelowAThousandRows() {
    assertThat(TrainingOptions.autoSkipsGan(999)).isPresent();
    assertThat(TrainingOptions.autoSkipsGan(999).orElseThrow())
        .startsWith("999 rows are fewer than the 1,000");
    assertThat(TrainingOptions.autoSkipsGan(1000)).isEmpty();
  }

  @Test
  void gateOptionsOverrideGateSettingsByName() {
    assertThat(
            TrainingOptions.gateSettings(Map.of("gate.dcrMinEffect", "0.05")).get("dcrMinEffect"))
        .isEqualTo(0.05);
    assertThat(TrainingOptions.gateSettings(Map.of()).get("dcrMinEffect")).isEqualTo(0.03);
    assertThatCode(() -> TrainingOptions.from(Map.of("gate.familyAlpha", "0.01")))
        .doesNotThrowAnyException();
    assertThatThrownBy(() -> TrainingOptions.gateSettings(Map.of("gate.dcrShareMax", "0.6")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("Unknown privacy-gate threshold 'dcrShareMax'");
    assertThatThrownBy(() -> TrainingOptions.gateSettings(Map.of("gate.familyAlpha", "often")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("gate.familyAlpha must be a number");
  }

  @Test
  void readsFractionsAndGateMode() {
    TrainingOptions options =
        TrainingOptions.from(
            Map.of("holdoutFraction", "0.5", "validationFraction", "0", "privacyGate", "WARN"));
    assertThat(options.holdoutFraction()).isEqualTo(0.5);
    assertThat(options.validationFraction()).isZero();
    assertThat(options.enforceGate()).isFalse();
    assertThat(TrainingOptions.from(Map.of("privacyGate", "enforce")).enforceGate()).isTrue();
  }

  @Test
  void valueProtectionKDefaultsToFiveAndCanBeRaisedOrTurnedOff() {
    assertThat(TrainingOptions.from(Map.of()).valueProtectionK()).isEqualTo(5);
    assertThat(TrainingOptions.from(Map.of("valueProtectionK", "20")).valueProtectionK())
        .isEqualTo(20);
    assertThat(TrainingOptions.from(Map.of("valueProtectionK", "1")).valueProtectionK())
        .isEqualTo(1);
    assertThatThrownBy(() -> TrainingOptions.from(Map.of("valueProtectionK", "0")))
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e -> assertThat(e.parameter()).isEqualTo("valueProtectionK"))
        .hasMessageContaining("1 turns value protection off");
  }

  @Test
  void theDefaultMaxVisitsIsTheKthLongestTimeline() {
    // Visit counts 1..10 plus one patient with 40 visits: the 3rd longest has 9.
    int[] counts = {4, 40, 1, 7, 2, 10, 3, 9, 5, 8, 6};
    java.util.List<ColumnSchema> columns =
        java.util.List.of(
            new ColumnSchema("id", ColumnKind.IDENTIFIER, false, 0, java.util.List.of(), 0, false),
            new ColumnSchema("day", ColumnKind.INTEGER, false, 0, java.util.List.of(), 0, false));
    int rows = java.util.Arrays.stream(counts).sum();
    double[][] cells = new double[2][rows];
    int[] starts = new int[counts.length + 1];
    java.util.List<String> ids = new java.util.ArrayList<>();
    for (int p = 0, row = 0; p < counts.length; p++) {
      starts[p] = row;
      ids.add(Integer.toString(p));
      for (int v = 0; v < counts[p]; v++, row++) {
        cells[0][row] = Double.NaN;
        cells[1][row] = v;
      }
      starts[p + 1] = row;
    }
    TableSchema schema = TableSchema.of(columns).withLongitudinal("id", "day");
    Timelines timelines = new Timelines(new Table(schema, cells), starts, ids);
    assertThat(LongitudinalTrainingJob.protectedMaxVisits(timelines, 3)).isEqualTo(9);
    assertThat(LongitudinalTrainingJob.protectedMaxVisits(timelines, 1)).isEqualTo(40);
    assertThatThrownBy(() -> LongitudinalTrainingJob.protectedMaxVisits(timelines, 12))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("Only 11 training patients, fewer than valueProtectionK=12");
  }

  @Test
  void encoderAndGanOptionsAreAccepted() {
    // Unknown names throw (badOptionsNameTheParameter); these belong to the encoder and the GAN, so
    // they pass.
    assertThatCode(
            () ->
                TrainingOptions.from(
                    Map.of(
                        "numericEncoding",
                        "minmax",
                        "maxModes",
                        "5",
                        "snapshotEvery",
                        "2",
                        "modeWeightThreshold",
                        "0.01",
                        "clipToObservedRange",
                        "true")))
        .doesNotThrowAnyException();
  }

  @Test
  void badOptionsNameTheParameter() {
    assertThatThrownBy(() -> TrainingOptions.from(Map.of("holdout", "0.2")))
        .isInstanceOfSatisfying(
            InvalidInputException.class, e -> assertThat(e.parameter()).isEqualTo("options"))
        .hasMessageContainingAll(
            "Unknown training option 'holdout'", "holdoutFraction", "snapshotEvery");
    assertThatThrownBy(() -> TrainingOptions.from(Map.of("holdoutFraction", "0.6")))
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e -> assertThat(e.parameter()).isEqualTo("holdoutFraction"))
        .hasMessageContaining("holdoutFraction must lie in [0.0, 0.5], was 0.6");
    assertThatThrownBy(() -> TrainingOptions.from(Map.of("validationFraction", "-0.1")))
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e -> assertThat(e.parameter()).isEqualTo("validationFraction"));
    assertThatThrownBy(() -> TrainingOptions.from(Map.of("validationFraction", "a fifth")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("validationFraction must be a number, was 'a fifth'");
    assertThatThrownBy(() -> TrainingOptions.from(Map.of("privacyGate", "off")))
        .isInstanceOfSatisfying(
            InvalidInputException.class, e -> assertThat(e.parameter()).isEqualTo("privacyGate"))
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
