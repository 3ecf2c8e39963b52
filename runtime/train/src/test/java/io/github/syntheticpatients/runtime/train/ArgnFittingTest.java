package io.github.syntheticpatients.runtime.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.syntheticpatients.runtime.InvalidInputException;
import io.github.syntheticpatients.runtime.TrainSettings;
import io.github.syntheticpatients.runtime.TrainingListener;
import io.github.syntheticpatients.runtime.argn.ArgnSettings;
import io.github.syntheticpatients.runtime.encode.CsvTables;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** argn's training options reach its settings, and bad values name the option. */
class ArgnFittingTest {
  private static final TrainSettings ARGN = TrainSettings.defaults().withGenerator("argn");

  @Test
  void learningRateAndWeightDecayOptionsReachTheSettings() {
    ArgnSettings settings =
        ArgnFitting.settings(
            ARGN.withOption("argnLearningRate", "0.001").withOption("argnWeightDecay", "0.01"),
            1000);
    assertThat(settings.learningRate()).isEqualTo(0.001);
    assertThat(settings.weightDecay()).isEqualTo(0.01);
    assertThat(ArgnFitting.settings(ARGN.withOption("argnWeightDecay", "0"), 1000).weightDecay())
        .isZero();
  }

  @Test
  void theAverageOptionReachesTheSettingsAndRefusesOneOrMore() {
    assertThat(ArgnFitting.settings(ARGN, 1000).averageDecay())
        .isEqualTo(ArgnSettings.DEFAULT_AVERAGE_DECAY);
    assertThat(ArgnFitting.settings(ARGN.withOption("argnAverage", "0"), 1000).averageDecay())
        .isZero();
    assertThat(ArgnFitting.settings(ARGN.withOption("argnAverage", "0.999"), 1000).averageDecay())
        .isEqualTo(0.999);
    assertThatThrownBy(() -> ArgnFitting.settings(ARGN.withOption("argnAverage", "1"), 1000))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("argnAverage must be at least 0 and below 1")
        .extracting(e -> ((InvalidInputException) e).parameter())
        .isEqualTo("argnAverage");
  }

  @Test
  void theCalibrationOptionTakesWholeRoundsOfZeroOrMore() {
    assertThat(ArgnFitting.rounds(Map.of())).isEqualTo(4);
    assertThat(ArgnFitting.rounds(Map.of("argnCalibrate", "0"))).isZero();
    assertThat(ArgnFitting.rounds(Map.of("argnCalibrate", " 6 "))).isEqualTo(6);
    for (String bad : new String[] {"-1", "1.5", "many"}) {
      assertThatThrownBy(() -> ArgnFitting.rounds(Map.of("argnCalibrate", bad)))
          .isInstanceOf(InvalidInputException.class)
          .hasMessageContaining("argnCalibrate must be a whole number of rounds of 0 or more")
          .hasMessageContaining("'" + bad + "'")
          .extracting(e -> ((InvalidInputException) e).parameter())
          .isEqualTo("argnCalibrate");
    }
  }

  @Test
  void aFreshPriorFlagOtherThanTrueOrFalseNamesTheOption() {
    assertThatThrownBy(
            () ->
                ArgnFitting.fit(
                    ARGN.withOption("argnPriorFresh", "often"),
                    5,
                    CsvTables.load("pima2"),
                    CsvTables.load("pima2"),
                    TrainingListener.NONE))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("argnPriorFresh must be true or false, was 'often'")
        .extracting(e -> ((InvalidInputException) e).parameter())
        .isEqualTo("argnPriorFresh");
  }

  @Test
  void aBadValueNamesTheOption() {
    assertThatThrownBy(() -> ArgnFitting.settings(ARGN.withOption("argnLearningRate", "0"), 1000))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("argnLearningRate must be a number above 0")
        .extracting(e -> ((InvalidInputException) e).parameter())
        .isEqualTo("argnLearningRate");
    assertThatThrownBy(() -> ArgnFitting.settings(ARGN.withOption("argnWeightDecay", "lots"), 1000))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("argnWeightDecay must be a number of 0 or more");
  }

  @Test
  void theCopulaPriorOptionRefusesANegativeCountAndDifferentialPrivacy() {
    assertThatThrownBy(
            () ->
                ArgnFitting.fit(
                    ARGN.withOption("argnPrior", "-1"),
                    5,
                    CsvTables.load("pima2"),
                    CsvTables.load("pima2"),
                    TrainingListener.NONE))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("argnPrior must be a number of 0 or more")
        .extracting(e -> ((InvalidInputException) e).parameter())
        .isEqualTo("argnPrior");
    assertThatThrownBy(
            () ->
                ArgnFitting.fit(
                    ARGN.withOption("argnPrior", "1000"),
                    5,
                    CsvTables.load("pima2"),
                    CsvTables.load("pima2"),
                    TrainingListener.NONE))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("argnPrior must be at most 100");
    assertThatThrownBy(
            () ->
                ArgnFitting.fit(
                    ARGN.withOption("argnPrior", "2").withOption("dp.epsilon", "3"),
                    5,
                    CsvTables.load("pima2"),
                    CsvTables.load("pima2"),
                    TrainingListener.NONE))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("cannot be combined with differential privacy")
        .extracting(e -> ((InvalidInputException) e).parameter())
        .isEqualTo("argnPrior");
  }

  @Test
  void calibrationIsRefusedUnderDifferentialPrivacy() {
    assertThatThrownBy(
            () ->
                ArgnFitting.fit(
                    ARGN.withOption("argnCalibrate", "0").withOption("dp.epsilon", "3"),
                    5,
                    CsvTables.load("pima2"),
                    CsvTables.load("pima2"),
                    TrainingListener.NONE))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("argnCalibrate cannot be combined with differential privacy")
        .extracting(e -> ((InvalidInputException) e).parameter())
        .isEqualTo("argnCalibrate");
  }
}
