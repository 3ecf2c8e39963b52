package io.github.syntheticpatients.runtime.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.syntheticpatients.runtime.InvalidInputException;
import io.github.syntheticpatients.runtime.TrainSettings;
import io.github.syntheticpatients.runtime.argn.ArgnSettings;
import io.github.syntheticpatients.runtime.fit.argn.ArgnEncodingFitter;
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
  void tablesOfAThousandRowsOrMoreKeepThePlainDefaults() {
    for (int rows : new int[] {1000, 1001, 1491, 2982, 7874, 100_000}) {
      int fitted = fittedRows(rows);
      ArgnSettings settings = ArgnSettings.forTable(fitted);
      assertThat(settings).as("%d rows", rows).isEqualTo(ArgnSettings.forData(fitted));
      assertThat(settings.weightDecay()).as("%d rows", rows).isZero();
      assertThat(ArgnEncodingFitter.defaultBins(fitted)).as("%d rows", rows).isEqualTo(24);
    }
  }

  @Test
  void smallTablesGetWeightDecayAndFewerBins() {
    for (int rows : new int[] {50, 209, 418, 768, 999}) {
      int fitted = fittedRows(rows);
      ArgnSettings settings = ArgnSettings.forTable(fitted);
      assertThat(settings.weightDecay()).as("%d rows", rows).isEqualTo(0.1);
      assertThat(ArgnEncodingFitter.defaultBins(fitted)).as("%d rows", rows).isEqualTo(8);
      // Everything else stays as on any table.
      assertThat(settings.withWeightDecay(0)).isEqualTo(ArgnSettings.forData(fitted));
    }
  }

  @Test
  void optionsOverrideTheSmallTableDefaults() {
    ArgnSettings settings =
        ArgnFitting.settings(
            ARGN.withOption("argnWeightDecay", "0"), ArgnSettings.forTable(fittedRows(418)));
    assertThat(settings.weightDecay()).isZero();
  }

  /** The rows a table of {@code rows} rows fits argn on with the default split fractions. */
  private static int fittedRows(int rows) {
    TrainingOptions options = TrainingOptions.from(ARGN.options());
    double holdout =
        TrainingOptions.holdoutFraction(ARGN.options(), options.holdoutFraction(), rows);
    return DataSplit.of(rows, holdout, options.validationFraction(), 1L).train().length;
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
}
