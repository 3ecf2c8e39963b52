package io.github.syntheticpatients.runtime.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.syntheticpatients.runtime.InvalidInputException;
import io.github.syntheticpatients.runtime.TrainSettings;
import org.junit.jupiter.api.Test;

/**
 * The timeline argn decays its weights by default (it generalised better on pbcseq); the flat argn
 * does not, and the user's {@code argnWeightDecay} wins for both.
 */
class TimelineArgnSettingsTest {

  @Test
  void theTimelineArgnDecaysItsWeightsAndTheFlatArgnDoesNot() {
    TrainSettings defaults = TrainSettings.defaults().withGenerator("argn");
    assertThat(LongitudinalArgnFitting.settings(defaults, 200).weightDecay()).isEqualTo(0.01);
    assertThat(ArgnFitting.settings(defaults, 200).weightDecay()).isZero();
  }

  @Test
  void theUsersWeightDecayWins() {
    TrainSettings none = TrainSettings.defaults().withOption("argnWeightDecay", "0");
    TrainSettings more = TrainSettings.defaults().withOption("argnWeightDecay", "0.05");
    assertThat(LongitudinalArgnFitting.settings(none, 200).weightDecay()).isZero();
    assertThat(LongitudinalArgnFitting.settings(more, 200).weightDecay()).isEqualTo(0.05);
  }

  @Test
  void aWrongWeightDecayNamesTheOption() {
    TrainSettings wrong = TrainSettings.defaults().withOption("argnWeightDecay", "-1");
    assertThatThrownBy(() -> LongitudinalArgnFitting.settings(wrong, 200))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("argnWeightDecay");
  }
}
