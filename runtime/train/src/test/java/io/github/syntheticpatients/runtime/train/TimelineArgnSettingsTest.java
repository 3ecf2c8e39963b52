package io.github.syntheticpatients.runtime.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.syntheticpatients.runtime.ColumnKind;
import io.github.syntheticpatients.runtime.InvalidInputException;
import io.github.syntheticpatients.runtime.TrainSettings;
import io.github.syntheticpatients.runtime.TrainingListener;
import io.github.syntheticpatients.runtime.argn.ArgnSettings;
import io.github.syntheticpatients.runtime.data.Table;
import io.github.syntheticpatients.runtime.data.Timelines;
import io.github.syntheticpatients.runtime.schema.ColumnSchema;
import io.github.syntheticpatients.runtime.schema.TableSchema;
import java.util.ArrayList;
import java.util.List;
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

  @Test
  void longTimelinesTrainTheVisitChainWithinAVisitBudget() {
    Timelines icuSize = timelines(200, 150);
    TrainSettings defaults = TrainSettings.defaults().withGenerator("argn");
    ArgnSettings chain = LongitudinalArgnFitting.settings(defaults, 200);
    assertThat(chain.maxEpochs()).isEqualTo(200);
    List<String> messages = new ArrayList<>();
    TrainingListener listener =
        new TrainingListener() {
          @Override
          public void onMessage(String message) {
            messages.add(message);
          }
        };
    // 30,000 training visits: 1,500,000 / 30,000 = 50 epochs.
    assertThat(
            LongitudinalArgnFitting.visitSettings(chain, defaults, icuSize, 160, listener)
                .maxEpochs())
        .isEqualTo(50);
    assertThat(messages).singleElement().asString().contains("at most 50 epochs", "30,000");
    // maxVisits cuts the timelines first: 2,000 visits fit 200 epochs.
    assertThat(
            LongitudinalArgnFitting.visitSettings(chain, defaults, icuSize, 10, listener)
                .maxEpochs())
        .isEqualTo(200);
    // The user's epochs win.
    TrainSettings asked = defaults.withEpochs(150);
    ArgnSettings askedChain = LongitudinalArgnFitting.settings(asked, 200);
    assertThat(
            LongitudinalArgnFitting.visitSettings(askedChain, asked, icuSize, 160, listener)
                .maxEpochs())
        .isEqualTo(150);
  }

  private static Timelines timelines(int patients, int visits) {
    TableSchema schema =
        new TableSchema(
            List.of(
                new ColumnSchema("id", ColumnKind.IDENTIFIER, false, 0, List.of(), 0, false),
                new ColumnSchema("day", ColumnKind.INTEGER, false, 0, List.of(), 0, false)),
            null,
            "id",
            "day");
    double[][] columns = new double[2][patients * visits];
    int[] starts = new int[patients + 1];
    List<String> ids = new ArrayList<>();
    for (int p = 0; p < patients; p++) {
      starts[p] = p * visits;
      ids.add("p" + p);
      for (int v = 0; v < visits; v++) {
        columns[0][p * visits + v] = Double.NaN;
        columns[1][p * visits + v] = v;
      }
    }
    starts[patients] = patients * visits;
    return new Timelines(new Table(schema, columns), starts, ids);
  }
}
