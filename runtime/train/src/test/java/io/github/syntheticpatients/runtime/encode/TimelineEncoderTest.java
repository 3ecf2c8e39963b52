package io.github.syntheticpatients.runtime.encode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.syntheticpatients.runtime.ColumnKind;
import io.github.syntheticpatients.runtime.data.Table;
import io.github.syntheticpatients.runtime.data.Timelines;
import io.github.syntheticpatients.runtime.fit.encode.TimelineEncoderFitter;
import io.github.syntheticpatients.runtime.io.json.JsonFiles;
import io.github.syntheticpatients.runtime.io.json.JsonTrees;
import io.github.syntheticpatients.runtime.schema.ColumnSchema;
import io.github.syntheticpatients.runtime.schema.TableSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TimelineEncoderTest {
  private static final TableSchema SCHEMA =
      new TableSchema(
          List.of(
              new ColumnSchema("id", ColumnKind.IDENTIFIER, false, 0, List.of(), 0, false),
              new ColumnSchema(
                  "sex", ColumnKind.CATEGORICAL, false, 0, List.of("f", "m"), 0, false, true),
              new ColumnSchema("age", ColumnKind.NUMERIC, false, 0, List.of(), 1, false, true),
              new ColumnSchema("day", ColumnKind.INTEGER, false, 0, List.of(), 0, false),
              new ColumnSchema("bili", ColumnKind.NUMERIC, true, 0.1, List.of(), 2, false),
              new ColumnSchema(
                  "ascites", ColumnKind.BINARY, true, 0.1, List.of("0", "1"), 0, false)),
          null,
          "id",
          "day");

  /** 40 patients of 1 to 7 visits, irregular gaps, some missing labs. */
  static Timelines sample(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    List<double[]> rows = new ArrayList<>();
    List<Integer> starts = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    for (int p = 0; p < 40; p++) {
      starts.add(rows.size());
      ids.add("p" + p);
      double sex = random.nextInt(2);
      double age = Math.round(random.nextDouble(30, 80) * 10) / 10.0;
      int visits = 1 + random.nextInt(7);
      double day = random.nextInt(3) * 10;
      double bili = random.nextDouble(0.5, 3);
      for (int v = 0; v < visits; v++) {
        boolean missing = random.nextDouble() < 0.1;
        rows.add(
            new double[] {
              Double.NaN,
              sex,
              age,
              day,
              missing ? Double.NaN : Math.round(bili * 100) / 100.0,
              random.nextDouble() < 0.1 ? Double.NaN : random.nextInt(2)
            });
        day += 30 + random.nextInt(400);
        bili *= 1.2;
      }
    }
    starts.add(rows.size());
    double[][] columns = new double[SCHEMA.columns().size()][rows.size()];
    for (int r = 0; r < rows.size(); r++) {
      for (int c = 0; c < columns.length; c++) {
        columns[c][r] = rows.get(r)[c];
      }
    }
    return new Timelines(
        new Table(SCHEMA, columns), starts.stream().mapToInt(Integer::intValue).toArray(), ids);
  }

  @Test
  void patientsAndStepsDecodeBackToTheTimelines() {
    Timelines timelines = sample(1);
    TimelineEncoder encoder =
        TimelineEncoderFitter.fit(
            timelines,
            7,
            EncoderSettings.defaults()
                .withNumericEncoding(EncoderSettings.NumericEncoding.BOXCOX)
                .withValueProtectionK(1),
            3);
    int width = encoder.stepLayout().width();
    // gap (1) + bili (1 + missing pair 2) + ascites (2 categories + missing) = 7
    assertThat(width).isEqualTo(7);
    int[] lengths = encoder.lengths(timelines);
    float[] padded = encoder.encodeSteps(timelines, 5);
    assertThat(padded).hasSize(40 * 7 * width);

    // The padding after each patient's last visit is zero; the compact rows decode to the same
    // timelines.
    float[] compact = new float[timelines.visits().rowCount() * width];
    int next = 0;
    for (int p = 0; p < 40; p++) {
      for (int v = 0; v < 7; v++) {
        for (int k = 0; k < width; k++) {
          float value = padded[(p * 7 + v) * width + k];
          if (v >= lengths[p]) {
            assertThat(value).isZero();
          } else {
            compact[next++] = value;
          }
        }
      }
    }
    // A first visit's gap (never decoded) repeats the patient's next gap rather than a 0 spike
    // below all real gaps;
    // the gap is position 0 of a step.
    int checked = 0;
    for (int p = 0; p < 40; p++) {
      if (lengths[p] > 1) {
        assertThat(padded[(p * 7) * width])
            .as("patient " + p)
            .isEqualTo(padded[(p * 7 + 1) * width]);
        checked++;
      }
    }
    assertThat(checked).isGreaterThan(20);

    Timelines decoded = encoder.decode(encoder.patientTable(timelines), lengths, compact);
    assertThat(decoded.patientCount()).isEqualTo(40);
    assertThat(decoded.id(0)).isEqualTo("1");
    Table original = timelines.visits();
    Table result = decoded.visits();
    for (int row = 0; row < original.rowCount(); row++) {
      for (String column : List.of("sex", "age", "day", "ascites")) {
        assertThat(Double.valueOf(result.column(column)[row]))
            .as(column + " at row " + row)
            .isEqualTo(Double.valueOf(original.column(column)[row]));
      }
      double bili = original.column("bili")[row];
      if (Double.isNaN(bili)) {
        assertThat(result.column("bili")[row]).isNaN();
      } else {
        assertThat(result.column("bili")[row]).isCloseTo(bili, within(0.011));
      }
    }
  }

  @Test
  void longTimelinesAreCutAndTheStateRoundTrips() throws Exception {
    Timelines timelines = sample(2);
    TimelineEncoder encoder =
        TimelineEncoderFitter.fit(timelines, 3, EncoderSettings.defaults(), 3);
    assertThat(java.util.Arrays.stream(encoder.lengths(timelines)).boxed())
        .allMatch(length -> length >= 1 && length <= 3);
    Table patients = encoder.patientTable(timelines);
    assertThat(java.util.Arrays.stream(patients.column(encoder.visitsColumn())).boxed())
        .allMatch(v -> v >= 1 && v <= 3);
    assertThat(encoder.patientSchema().columns())
        .extracting(ColumnSchema::name)
        .containsExactly("sex", "age", "_visits", "day");

    Map<String, Object> state = JsonTrees.readObject(JsonFiles.toBytes(encoder.state()));
    TimelineEncoder restored = TimelineEncoder.fromState(SCHEMA, state);
    assertThat(restored.stepLayout()).isEqualTo(encoder.stepLayout());
    assertThat(restored.encodeSteps(timelines, 9)).isEqualTo(encoder.encodeSteps(timelines, 9));
    assertThat(restored.encodeStatics(patients)).isEqualTo(encoder.encodeStatics(patients));
  }

  @Test
  void anEndOfFollowUpBeforeTheLastVisitIsRaisedToIt() {
    TableSchema schema =
        new TableSchema(
                List.of(
                    new ColumnSchema("id", ColumnKind.IDENTIFIER, false, 0, List.of(), 0, false),
                    new ColumnSchema(
                        "end", ColumnKind.INTEGER, false, 0, List.of(), 0, false, true),
                    new ColumnSchema("day", ColumnKind.INTEGER, false, 0, List.of(), 0, false),
                    new ColumnSchema("bili", ColumnKind.NUMERIC, false, 0, List.of(), 2, false)),
                null,
                "id",
                "day")
            .withEndTime("end");
    SplittableRandom random = new SplittableRandom(4);
    int patients = 20;
    int visits = 3;
    double[][] columns = new double[4][patients * visits];
    int[] starts = new int[patients + 1];
    List<String> ids = new ArrayList<>();
    for (int p = 0; p < patients; p++) {
      starts[p] = p * visits;
      ids.add("p" + p);
      double day = random.nextInt(10);
      for (int v = 0; v < visits; v++) {
        int row = p * visits + v;
        columns[0][row] = Double.NaN;
        columns[2][row] = day;
        columns[3][row] = Math.round(random.nextDouble(0.5, 3) * 100) / 100.0;
        day += 30 + random.nextInt(100);
      }
      for (int v = 0; v < visits; v++) {
        columns[1][p * visits + v] = columns[2][p * visits + visits - 1] + 50;
      }
    }
    starts[patients] = patients * visits;
    Timelines timelines = new Timelines(new Table(schema, columns), starts, ids);
    TimelineEncoder encoder =
        TimelineEncoderFitter.fit(
            timelines, visits, EncoderSettings.defaults().withValueProtectionK(1), 3);
    int[] lengths = encoder.lengths(timelines);
    float[] steps = encoder.encodeSteps(timelines, visits);
    Table statics = encoder.patientTable(timelines);
    // Even patients' end moved before their first visit, as a network drawing it apart might.
    double[][] moved = new double[statics.schema().columns().size()][];
    for (int c = 0; c < moved.length; c++) {
      moved[c] = statics.column(statics.schema().columns().get(c).name()).clone();
    }
    double[] ends = moved[statics.schema().indexOf("end")];
    for (int p = 0; p < patients; p += 2) {
      ends[p] = -1;
    }
    Timelines decoded = encoder.decode(new Table(statics.schema(), moved), lengths, steps);

    double[] endColumn = decoded.visits().column("end");
    double[] days = decoded.visits().column("day");
    for (int p = 0; p < patients; p++) {
      int last = p * visits + visits - 1;
      for (int row = p * visits; row <= last; row++) {
        if (p % 2 == 0) {
          assertThat(endColumn[row]).as("patient %d", p).isEqualTo(days[last]);
        } else {
          assertThat(endColumn[row]).as("patient %d", p).isEqualTo(ends[p]);
        }
      }
      assertThat(endColumn[last]).isGreaterThanOrEqualTo(days[last]);
    }
  }
}
