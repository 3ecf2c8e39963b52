package io.github.syntheticpatients.runtime.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.syntheticpatients.runtime.ColumnKind;
import io.github.syntheticpatients.runtime.InvalidInputException;
import io.github.syntheticpatients.runtime.SampleRequest;
import io.github.syntheticpatients.runtime.SyntheticModel;
import io.github.syntheticpatients.runtime.data.Table;
import io.github.syntheticpatients.runtime.encode.ArgnColumn;
import io.github.syntheticpatients.runtime.model.argn.ArgnEncoding;
import io.github.syntheticpatients.runtime.model.argn.ArgnModel;
import io.github.syntheticpatients.runtime.model.argn.ArgnNetwork;
import io.github.syntheticpatients.runtime.model.argn.ChainSampler;
import io.github.syntheticpatients.runtime.random.RandomStream;
import io.github.syntheticpatients.runtime.schema.ColumnSchema;
import io.github.syntheticpatients.runtime.schema.TableSchema;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The {@code argn} generator in the model file: a model with seeded random weights (a real network
 * and sampler, just untrained) is written, read back and sampled exactly as the one in memory.
 */
class ArgnModelFileTest {
  static TableSchema schema() {
    return TableSchema.of(
        List.of(
            new ColumnSchema("id", ColumnKind.IDENTIFIER, false, 0, List.of(), 0, false),
            new ColumnSchema("sex", ColumnKind.BINARY, false, 0, List.of("f", "m"), 0, false),
            new ColumnSchema("bili", ColumnKind.NUMERIC, true, 0.2, List.of(), 1, false),
            new ColumnSchema("age", ColumnKind.INTEGER, false, 0, List.of(), 0, false)));
  }

  static ArgnModel model(long seed) {
    ArgnEncoding encoding =
        new ArgnEncoding(
            schema(),
            List.of(
                ArgnColumn.categorical("sex", 2, false),
                ArgnColumn.numeric("bili", true, 0.3, 0.1, new long[] {0, 5, 20, 80}, 4),
                ArgnColumn.numeric("age", false, 20, 1, new long[] {0, 30, 61}, 6)));
    int[] vocabulary = encoding.vocabulary();
    int heads = vocabulary.length;
    int[] dims = new int[heads];
    int inputs = 0;
    for (int j = 0; j < heads; j++) {
      dims[j] = 2 + j % 2;
      inputs += dims[j];
    }
    int hidden = 5;
    SplittableRandom random = new SplittableRandom(seed);
    float[][] embedding = new float[heads][];
    float[][] hiddenWeight = new float[heads][];
    float[][] hiddenBias = new float[heads][];
    float[][] outWeight = new float[heads][];
    float[][] outBias = new float[heads][];
    for (int j = 0; j < heads; j++) {
      embedding[j] = values(vocabulary[j] * dims[j], random);
      hiddenWeight[j] = values(inputs * hidden, random);
      hiddenBias[j] = values(hidden, random);
      outWeight[j] = values(hidden * vocabulary[j], random);
      outBias[j] = values(vocabulary[j], random);
    }
    return new ArgnModel(
        encoding,
        new ArgnNetwork(
            vocabulary,
            dims,
            hidden,
            embedding,
            hiddenWeight,
            hiddenBias,
            outWeight,
            outBias,
            true));
  }

  private static float[] values(int n, SplittableRandom random) {
    float[] values = new float[n];
    for (int i = 0; i < n; i++) {
      values[i] = (float) (random.nextDouble() * 2 - 1);
    }
    return values;
  }

  static ModelContents contents(ArgnModel model) {
    return new ModelContents(
        "argn", "test", schema(), null, null, null, Map.of(), Map.of(), Map.of(), Map.of(), model);
  }

  @Test
  void aSavedModelLoadsAndSamplesTheSame() {
    ArgnModel model = model(5);
    byte[] bytes = ModelFile.toBytes(contents(model));
    SyntheticModel loaded = ModelFile.load(bytes, "argn.synth", "argn");
    assertThat(loaded.info().generator()).isEqualTo("argn");
    // One whole block: the loaded model draws block 0 from the first split of the stream of
    // (seed, stream key, 0), as BlockRows does.
    int block = TabularModel.BLOCK_RECORDS;
    Table fromFile = Table.of(loaded.sample(SampleRequest.of(block, 9)).table());
    Table inMemory =
        new ArgnRowSampler(model)
            .sample(
                block,
                Map.of(),
                RandomStream.forBlock(9, ((TabularModel) loaded).streamKey(), 0).split());
    for (int c = 0; c < schema().columns().size(); c++) {
      assertThat(fromFile.column(c)).isEqualTo(inMemory.column(c));
    }
    // The same contents give the same bytes.
    assertThat(ModelFile.toBytes(contents(model(5)))).isEqualTo(bytes);
  }

  @Test
  void twoTrainingsThatDifferOnlyInWallTimeSampleTheSameRecords() {
    ArgnModel model = model(5);
    ModelContents quick = withTiming(contents(model), 1.5);
    ModelContents slow = withTiming(contents(model), 300.0);
    SyntheticModel first = ModelFile.load(ModelFile.toBytes(quick), "a.synth", "a");
    SyntheticModel second = ModelFile.load(ModelFile.toBytes(slow), "b.synth", "b");
    // Different files, so different file digests ...
    assertThat(first.sha256()).isNotEqualTo(second.sha256());
    // ... but the same content, so the same records for the same seed.
    Table one = Table.of(first.sample(SampleRequest.of(500, 3)).table());
    Table two = Table.of(second.sample(SampleRequest.of(500, 3)).table());
    for (int c = 0; c < schema().columns().size(); c++) {
      assertThat(one.column(c)).isEqualTo(two.column(c));
    }
    // A changed weight is another model, with other records.
    SyntheticModel other = ModelFile.load(ModelFile.toBytes(contents(model(6))), "c.synth", "c");
    assertThat(((TabularModel) other).streamKey()).isNotEqualTo(((TabularModel) first).streamKey());
  }

  private static ModelContents withTiming(ModelContents contents, double seconds) {
    return new ModelContents(
        contents.generator(),
        contents.summary(),
        contents.schema(),
        contents.encoderState(),
        contents.gan(),
        contents.copulaState(),
        contents.settings(),
        contents.provenance(),
        contents.evaluation(),
        Map.of("trainingSeconds", seconds),
        contents.argn());
  }

  @Test
  void samplesStayOnTheGridAndInsideTheBounds() {
    Table table = new ArgnRowSampler(model(6)).sample(2000, Map.of(), RandomStream.of(1));
    for (double bili : table.column("bili")) {
      if (!Double.isNaN(bili)) {
        assertThat(bili).isBetween(0.3 - 1e-9, 0.3 + 79 * 0.1 + 1e-9);
        assertThat(Math.abs(bili * 10 - Math.rint(bili * 10))).isLessThan(1e-6);
      }
    }
    for (double age : table.column("age")) {
      assertThat(age).isBetween(20.0, 80.0).isEqualTo(Math.rint(age));
    }
    // Identifiers are not learned: the sampler leaves them missing for the model to generate.
    assertThat(table.column("id")).containsOnly(Double.NaN);
  }

  @Test
  void fixesACategoryOnlyWhenTrainedOnAnyOrder() {
    ArgnRowSampler sampler = new ArgnRowSampler(model(7));
    assertThat(sampler.conditionable(Map.of("sex", 1))).containsEntry("sex", 1);
    Table table = sampler.sample(300, Map.of("sex", 1), RandomStream.of(2));
    assertThat(table.column("sex")).containsOnly(1.0);
    ArgnModel fixed = model(7);
    ArgnNetwork n = fixed.network();
    ArgnRowSampler fixedOrder =
        new ArgnRowSampler(
            new ArgnModel(
                fixed.encoding(),
                new ArgnNetwork(
                    n.vocabulary(),
                    n.dims(),
                    n.hidden(),
                    n.embedding(),
                    n.hiddenWeight(),
                    n.hiddenBias(),
                    n.outWeight(),
                    n.outBias(),
                    false)));
    assertThat(fixedOrder.conditionable(Map.of("sex", 1))).isEmpty();
  }

  @Test
  void aRangeOffTheGridFailsAtOnceNamingTheGridsEnds() {
    SyntheticModel loaded =
        ModelFile.load(ModelFile.toBytes(contents(model(8))), "argn.synth", "argn");
    // age's grid: 20 + g for g in [0, 60], so the model generates 20 to 80.
    assertThatThrownBy(() -> loaded.sample(new SampleRequest(10, 1, List.of("age>=90"), null)))
        .isInstanceOfSatisfying(
            InvalidInputException.class, e -> assertThat(e.parameter()).isEqualTo("conditions"))
        .hasMessageStartingWith(
            "Condition 'age>=90' cannot be met: the model generates 'age' only from 20 to 80");
    // A range that touches the grid's end is possible, and met.
    assertThat(loaded.sample(new SampleRequest(20, 1, List.of("age>=80"), null)).records())
        .allSatisfy(r -> assertThat(r.getDouble("age")).isEqualTo(80.0));
  }

  @Test
  void meetsANumericRangeByDrawingOnlyInsideIt() {
    ArgnRowSampler sampler = new ArgnRowSampler(model(7));
    Map<String, Conditions.Range> ranges =
        Map.of(
            "age", new Conditions.Range(70, true, Double.POSITIVE_INFINITY, true),
            "bili", new Conditions.Range(0.3, false, 1.05, true));
    assertThat(sampler.rangeConditionable(ranges)).containsExactlyInAnyOrder("age", "bili");
    Table table = sampler.sample(2000, Map.of("sex", 0), ranges, RandomStream.of(4));
    for (double age : table.column("age")) {
      assertThat(age).isBetween(70.0, 80.0);
    }
    // (0.3, 1.05] on the 0.1 grid from 0.3: 0.4 … 1.0, never missing.
    for (double bili : table.column("bili")) {
      assertThat(bili).isBetween(0.4 - 1e-9, 1.0 + 1e-9);
    }
    assertThat(table.column("sex")).containsOnly(0.0);
    Set<Double> ages = new HashSet<>();
    for (double a : table.column("age")) {
      ages.add(a);
    }
    // Every admissible grid point is reachable.
    assertThat(ages).hasSize(11);
  }

  @Test
  void aRangeNoGeneratedValueMeetsIsAnError() {
    ArgnRowSampler sampler = new ArgnRowSampler(model(7));
    Map<String, Conditions.Range> ranges =
        Map.of("age", new Conditions.Range(81, true, Double.POSITIVE_INFINITY, true));
    assertThatThrownBy(() -> sampler.sample(10, Map.of(), ranges, RandomStream.of(4)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("'age'");
  }

  @Test
  void blocksDrawTheSameDistributionAsSingleRows() {
    ChainSampler chain = new ChainSampler(model(3).network());
    int heads = chain.network().heads();
    int rows = 20_000;
    int[] order = new int[heads];
    for (int j = 0; j < heads; j++) {
      order[j] = heads - 1 - j;
    }
    int[] single = new int[rows * heads];
    ChainSampler.Scratch scratch = chain.scratch();
    RandomStream random = RandomStream.of(5);
    for (int r = 0; r < rows; r++) {
      chain.sampleRow(order, single, r * heads, null, null, null, random, scratch);
    }
    int[] blocked = new int[rows * heads];
    ChainSampler.BlockScratch blockScratch = chain.blockScratch();
    for (int r = 0; r < rows; r += ChainSampler.BLOCK_ROWS) {
      int n = Math.min(ChainSampler.BLOCK_ROWS, rows - r);
      chain.sampleBlock(order, blocked, r * heads, n, null, null, random, blockScratch);
    }
    // The joint law of the first two sub-columns drawn (bili's share given age's), and each
    // marginal: the same to within sampling noise (about 0.005 here).
    for (int j = 0; j < heads; j++) {
      int vocabulary = chain.network().vocabulary()[j];
      double[] a = new double[vocabulary];
      double[] b = new double[vocabulary];
      for (int r = 0; r < rows; r++) {
        a[single[r * heads + j]] += 1.0 / rows;
        b[blocked[r * heads + j]] += 1.0 / rows;
      }
      for (int v = 0; v < vocabulary; v++) {
        assertThat(b[v]).isCloseTo(a[v], org.assertj.core.data.Offset.offset(0.015));
      }
    }
  }
}
