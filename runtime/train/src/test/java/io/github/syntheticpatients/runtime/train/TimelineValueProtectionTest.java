package io.github.syntheticpatients.runtime.train;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.syntheticpatients.runtime.ColumnKind;
import io.github.syntheticpatients.runtime.SampleRequest;
import io.github.syntheticpatients.runtime.TrainSettings;
import io.github.syntheticpatients.runtime.TrainingListener;
import io.github.syntheticpatients.runtime.data.Table;
import io.github.syntheticpatients.runtime.data.Timelines;
import io.github.syntheticpatients.runtime.data.ValueRange;
import io.github.syntheticpatients.runtime.model.ArgnTimelineContents;
import io.github.syntheticpatients.runtime.model.ModelFile;
import io.github.syntheticpatients.runtime.model.TimelineModel;
import io.github.syntheticpatients.runtime.model.argn.timeline.TimelineArgn;
import io.github.syntheticpatients.runtime.schema.ColumnSchema;
import io.github.syntheticpatients.runtime.schema.TableSchema;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What the timeline argn's value protection counts (issue 20, cgd's short timelines): every patient
 * the model is fitted with, training and validation, and every visit of each, never the privacy
 * holdout; a planted rare extreme still never reaches the model or its samples.
 */
class TimelineValueProtectionTest {
  private static final int K = 5;

  /** Visits on days 0, 100: one gap of 100. */
  private static final int[] SHORT = {0, 100};

  /** Visits on days 0, 60, 120, 130, 140, 150: gaps 60, 60, 10, 10, 10. */
  private static final int[] LONG = {0, 60, 120, 130, 140, 150};

  /** The planted extreme: a single gap of 5,000 days, a single visit on day 5,100. */
  private static final int[] PLANTED = {0, 100, 5100};

  @Test
  void theGapsAndTheLatestTimeAreProtectedOverEveryVisitOfTrainingAndValidation() {
    // Training: 8 short, 2 long timelines; validation: 2 short, 1 long and the planted one. With
    // k = 5 the longest timeline kept is 2 visits (the 5th longest), so the first gaps alone are
    // 100 (8 times) and 60 (twice): a range of the single value 100, the old rule's.
    List<int[]> trainDays = new ArrayList<>();
    for (int p = 0; p < 8; p++) {
      trainDays.add(SHORT);
    }
    trainDays.add(LONG);
    trainDays.add(LONG);
    Timelines train = timelines(trainDays);
    Timelines validation = timelines(List.of(SHORT, SHORT, LONG, PLANTED));
    List<int[]> fittedDays = new ArrayList<>(trainDays);
    fittedDays.addAll(List.of(SHORT, SHORT, LONG, PLANTED));
    Timelines fitted = timelines(fittedDays);
    assertThat(LongitudinalTrainingJob.protectedMaxVisits(fitted, K)).isEqualTo(2);

    TimelineArgn model =
        LongitudinalArgnFitting.fit(
                TrainSettings.defaults().withGenerator("argn").withEpochs(2).withSeed(7),
                K,
                train,
                validation,
                fitted,
                2,
                TrainingListener.NONE)
            .model();

    // All gaps of the 14 patients: 10 nine times, 60 six times, 100 eleven times, 5,000 once:
    // the 5th smallest is 10 and the 5th largest 100. Times: the 5th largest is 140 (5,100, then
    // 150 three times, 140 three times).
    ValueRange gaps = model.visitEncoding().columns().get(0).valueRange();
    assertThat(gaps).isEqualTo(new ValueRange(10, 100));
    assertThat(model.latestTime()).isEqualTo(140);

    TimelineModel sampler =
        (TimelineModel)
            ModelFile.load(
                ModelFile.toBytes(
                    new ArgnTimelineContents(
                        "test", model, Map.of(), Map.of(), Map.of(), Map.of())),
                "test",
                "test");
    Timelines sampled = sampler.sampleTimelines(SampleRequest.of(2000, 11));
    double[] days = sampled.visits().column("day");
    for (int p = 0; p < sampled.patientCount(); p++) {
      int first = sampled.firstRow(p);
      for (int v = 1; v < sampled.visitCount(p); v++) {
        double gap = days[first + v] - days[first + v - 1];
        assertThat(gap).isBetween(10.0, 100.0);
      }
    }
    assertThat(Arrays.stream(days).max().orElseThrow()).isLessThanOrEqualTo(140);
  }

  @Test
  void theLongestTimelineCountsTrainingAndValidationPatientsButNotTheHoldout() {
    // Patients 0-8 train (4 with 3 visits), 9 validation (3 visits), 10-14 holdout (5 visits).
    int[] counts = {1, 1, 2, 2, 2, 3, 3, 3, 3, 3, 5, 5, 5, 5, 5};
    List<int[]> days = new ArrayList<>();
    for (int count : counts) {
      int[] visits = new int[count];
      for (int v = 0; v < count; v++) {
        visits[v] = 30 * v;
      }
      days.add(visits);
    }
    Timelines all = timelines(days);
    DataSplit split =
        new DataSplit(
            new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8}, new int[] {9}, new int[] {10, 11, 12, 13, 14});

    assertThat(LongitudinalTrainingJob.protectedMaxVisits(all.selectPatients(split.train()), K))
        .isEqualTo(2);
    Timelines fitted = LongitudinalTrainingJob.fittedPatients(all, split);
    assertThat(fitted.patientCount()).isEqualTo(10);
    assertThat(LongitudinalTrainingJob.protectedMaxVisits(fitted, K)).isEqualTo(3);
  }

  /** Patients with the given visit days and a state that alternates from visit to visit. */
  static Timelines timelines(List<int[]> patients) {
    List<ColumnSchema> columns =
        List.of(
            new ColumnSchema("id", ColumnKind.IDENTIFIER, false, 0, List.of(), 0, false),
            new ColumnSchema("day", ColumnKind.INTEGER, false, 0, List.of(), 0, false),
            new ColumnSchema(
                "state", ColumnKind.CATEGORICAL, false, 0, List.of("a", "b"), 0, false));
    int rows = patients.stream().mapToInt(d -> d.length).sum();
    double[][] cells = new double[3][rows];
    int[] starts = new int[patients.size() + 1];
    List<String> ids = new ArrayList<>();
    int row = 0;
    for (int p = 0; p < patients.size(); p++) {
      starts[p] = row;
      ids.add(Integer.toString(p + 1));
      for (int v = 0; v < patients.get(p).length; v++, row++) {
        cells[0][row] = Double.NaN;
        cells[1][row] = patients.get(p)[v];
        cells[2][row] = (p + v) % 2;
      }
    }
    starts[patients.size()] = row;
    TableSchema schema = TableSchema.of(columns).withLongitudinal("id", "day");
    return new Timelines(new Table(schema, cells), starts, ids);
  }
}
