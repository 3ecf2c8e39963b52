package io.github.syntheticpatients.runtime.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.syntheticpatients.runtime.ColumnKind;
import io.github.syntheticpatients.runtime.SampleRequest;
import io.github.syntheticpatients.runtime.SyntheticModel;
import io.github.syntheticpatients.runtime.data.Table;
import io.github.syntheticpatients.runtime.data.Timelines;
import io.github.syntheticpatients.runtime.encode.ArgnColumn;
import io.github.syntheticpatients.runtime.model.argn.ArgnEncoding;
import io.github.syntheticpatients.runtime.model.argn.ArgnModel;
import io.github.syntheticpatients.runtime.model.argn.ArgnNetwork;
import io.github.syntheticpatients.runtime.model.argn.timeline.TimelineArgn;
import io.github.syntheticpatients.runtime.model.argn.timeline.VisitLayout;
import io.github.syntheticpatients.runtime.random.RandomStream;
import io.github.syntheticpatients.runtime.schema.ColumnSchema;
import io.github.syntheticpatients.runtime.schema.TableSchema;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The timeline {@code argn} in the model file, with seeded random weights (a real network and
 * sampler, just untrained): a model with its context projection stored, and the same model as files
 * written before the projection was stored hold it, the projection multiplied into the context's
 * weights.
 */
class ArgnTimelineFileTest {
  private static final int PATIENTS = 2000;

  static TableSchema schema() {
    return TableSchema.of(
            List.of(
                new ColumnSchema("id", ColumnKind.IDENTIFIER, false, 0, List.of(), 0, false),
                new ColumnSchema("arm", ColumnKind.BINARY, false, 0, List.of("a", "b"), 0, false)
                    .withStaticAttribute(true),
                new ColumnSchema("day", ColumnKind.INTEGER, false, 0, List.of(), 0, false),
                new ColumnSchema("lab", ColumnKind.NUMERIC, false, 0, List.of(), 1, false)))
        .withLongitudinal("id", "day");
  }

  /** A model whose context passes through a stored projection of width 5. */
  static TimelineArgn projected(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    VisitLayout layout = VisitLayout.of(schema());
    ArgnEncoding statics =
        new ArgnEncoding(
            layout.staticSchema(),
            List.of(
                ArgnColumn.categorical("arm", 2, false),
                ArgnColumn.numeric("day", false, 0, 1, new long[] {0, 30, 61}, 4)));
    ArgnEncoding visits =
        new ArgnEncoding(
            layout.visitSchema(),
            List.of(
                ArgnColumn.numeric(layout.gapColumn(), true, 1, 1, new long[] {0, 20, 90}, 4),
                ArgnColumn.numeric("lab", false, 0, 0.1, new long[] {0, 5, 20, 80}, 4)));
    ArgnNetwork visitNetwork = network(TimelineArgn.chainVocabulary(visits), 4, random);
    int historyHidden = 3;
    int inputs = TimelineArgn.historyInputs(visitNetwork.vocabulary());
    double[] elapsedEdges = {5, 40};
    int contextRows =
        historyHidden
            + TimelineArgn.symbols(statics.vocabulary())
            + TimelineArgn.elapsedBins(elapsedEdges)
            + inputs;
    int width = 5;
    return new TimelineArgn(
        layout,
        8,
        400,
        new ArgnModel(statics, network(statics.vocabulary(), 4, random)),
        visits,
        visitNetwork,
        historyHidden,
        values(inputs * 4 * historyHidden, random),
        values(historyHidden * 4 * historyHidden, random),
        values(4 * historyHidden, random),
        elapsedEdges,
        new double[0],
        values(width * visitNetwork.heads() * visitNetwork.hidden(), random),
        values(contextRows * width, random));
  }

  /** The same model as an older file holds it: one context weight, the two multiplied. */
  static TimelineArgn folded(TimelineArgn model) {
    int rows = model.contextRows();
    int width = model.projected();
    int perHead = model.context().length / width;
    float[] context = new float[rows * perHead];
    for (int r = 0; r < rows; r++) {
      for (int u = 0; u < perHead; u++) {
        double sum = 0;
        for (int k = 0; k < width; k++) {
          sum += (double) model.projection()[r * width + k] * model.context()[k * perHead + u];
        }
        context[r * perHead + u] = (float) sum;
      }
    }
    return new TimelineArgn(
        model.layout(),
        model.maxVisits(),
        model.latestTime(),
        model.statics(),
        model.visitEncoding(),
        model.visits(),
        model.historyHidden(),
        model.historyInput(),
        model.historyRecurrent(),
        model.historyBias(),
        model.elapsedEdges(),
        model.remainingEdges(),
        context);
  }

  private static ArgnNetwork network(int[] vocabulary, int hidden, SplittableRandom random) {
    int heads = vocabulary.length;
    int[] dims = new int[heads];
    Arrays.fill(dims, 2);
    float[][] embedding = new float[heads][];
    float[][] hiddenWeight = new float[heads][];
    float[][] hiddenBias = new float[heads][];
    float[][] outWeight = new float[heads][];
    float[][] outBias = new float[heads][];
    for (int j = 0; j < heads; j++) {
      embedding[j] = values(vocabulary[j] * 2, random);
      hiddenWeight[j] = values(heads * 2 * hidden, random);
      hiddenBias[j] = values(hidden, random);
      outWeight[j] = values(hidden * vocabulary[j], random);
      outBias[j] = values(vocabulary[j], random);
    }
    return new ArgnNetwork(
        vocabulary, dims, hidden, embedding, hiddenWeight, hiddenBias, outWeight, outBias, true);
  }

  private static float[] values(int n, SplittableRandom random) {
    float[] values = new float[n];
    for (int i = 0; i < n; i++) {
      values[i] = (float) (random.nextDouble() * 2 - 1);
    }
    return values;
  }

  private static TimelineArgn roundTrip(TimelineArgn model) {
    byte[] bytes =
        ModelFile.toBytes(new ArgnTimelineContents("test", model, null, null, null, null));
    SyntheticModel loaded = ModelFile.load(bytes, "timeline.synth", "timeline");
    assertThat(loaded.info().generator()).isEqualTo("argn");
    assertThat(loaded.sample(SampleRequest.of(300, 1)).timelines()).hasSize(300);
    try {
      return ArgnTimelineFiles.read(
          model.layout().schema(),
          ArgnTimelineFiles.describe(model),
          WeightsFile.read(
              new ByteArrayInputStream(WeightsFile.write(ArgnTimelineFiles.tensors(model)))));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The same patient rows for every model: arm and first day. */
  private static Table patients() {
    TimelineArgn model = projected(1);
    double[] arm = new double[PATIENTS];
    double[] day = new double[PATIENTS];
    for (int p = 0; p < PATIENTS; p++) {
      arm[p] = p % 2;
      day[p] = p % 50;
    }
    return new Table(model.layout().staticSchema(), new double[][] {arm, day});
  }

  private static Timelines sample(TimelineArgn model) {
    return new ArgnTimelineSampler(model).sample(patients(), RandomStream.of(7));
  }

  @Test
  void aStoredProjectionIsWrittenAndReadBack() {
    TimelineArgn model = projected(1);
    TimelineArgn read = roundTrip(model);
    assertThat(read.projected()).isEqualTo(5);
    assertThat(read.projection()).isEqualTo(model.projection());
    assertThat(read.context()).isEqualTo(model.context());
    assertThat(sameTimelines(sample(read), sample(model))).isEqualTo(PATIENTS);
  }

  @Test
  void anOlderFileWithoutTheProjectionSamplesTheSameModel() {
    TimelineArgn model = projected(1);
    TimelineArgn older = roundTrip(folded(model));
    assertThat(older.projected()).isZero();
    Timelines expected = sample(model);
    Timelines sampled = sample(older);
    // The same function of the context up to float rounding, and the same streams: a patient
    // differs only where a uniform falls within rounding of a boundary between two symbols.
    int same = sameTimelines(expected, sampled);
    assertThat(same).isGreaterThan(PATIENTS * 99 / 100);
    // Another model's patients share far fewer: the comparison tells models apart.
    assertThat(sameTimelines(expected, sample(projected(2)))).isLessThan(PATIENTS / 2);
  }

  @Test
  void aPatientsVisitsDoNotDependOnTheOthersInItsGroup() {
    TimelineArgn model = projected(3);
    Timelines all = sample(model);
    // The first 101 patients: groups of other sizes, the same streams (split in patient order).
    int[] first = java.util.stream.IntStream.range(0, 101).toArray();
    Timelines fewer =
        new ArgnTimelineSampler(model).sample(patients().selectRows(first), RandomStream.of(7));
    for (int p : first) {
      assertThat(visits(fewer, p)).isEqualTo(visits(all, p));
    }
  }

  private static int sameTimelines(Timelines a, Timelines b) {
    int same = 0;
    for (int p = 0; p < a.patientCount(); p++) {
      if (visits(a, p).equals(visits(b, p))) {
        same++;
      }
    }
    return same;
  }

  private static List<List<Double>> visits(Timelines timelines, int p) {
    Table visits = timelines.visits();
    return java.util.stream.IntStream.range(0, timelines.visitCount(p))
        .mapToObj(
            v ->
                java.util.stream.IntStream.range(0, visits.columnCount())
                    .mapToObj(c -> visits.value(timelines.firstRow(p) + v, c))
                    .toList())
        .toList();
  }
}
