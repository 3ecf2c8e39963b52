package io.github.syntheticpatients.runtime.encode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.syntheticpatients.runtime.ColumnKind;
import io.github.syntheticpatients.runtime.InvalidInputException;
import io.github.syntheticpatients.runtime.ModelFormatException;
import io.github.syntheticpatients.runtime.data.Table;
import io.github.syntheticpatients.runtime.encode.EncoderSettings.NumericEncoding;
import io.github.syntheticpatients.runtime.fit.encode.MixtureFitter;
import io.github.syntheticpatients.runtime.fit.encode.ScalerFitter;
import io.github.syntheticpatients.runtime.fit.encode.TableEncoderFitter;
import io.github.syntheticpatients.runtime.schema.ColumnSchema;
import io.github.syntheticpatients.runtime.schema.TableSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TableEncoderTest {
  private static final Table PBC = CsvTables.load("pbc");
  private static final Table PIMA = CsvTables.load("pima2");

  /** Has a DATE column ({@code random}). */
  private static final Table CGD = CsvTables.load("cgd");

  @ParameterizedTest
  @EnumSource(NumericEncoding.class)
  void layoutFollowsLearnedColumnsInSchemaOrder(NumericEncoding encoding) {
    TableEncoder encoder =
        TableEncoderFitter.fit(PBC, EncoderSettings.defaults().withNumericEncoding(encoding), 1);
    EncodedLayout layout = encoder.layout();

    assertThat(layout.blocksOf("id")).isEmpty();
    List<String> order = new ArrayList<>();
    for (OutputBlock block : layout.blocks()) {
      if (order.isEmpty() || !order.get(order.size() - 1).equals(block.column())) {
        order.add(block.column());
      }
    }
    assertThat(order)
        .containsExactlyElementsOf(
            PBC.schema().learnedColumns().stream().map(ColumnSchema::name).toList());

    for (ColumnSchema column : PBC.schema().learnedColumns()) {
      List<OutputBlock> blocks = layout.blocksOf(column.name());
      if (column.kind().isDiscrete()) {
        assertThat(blocks)
            .singleElement()
            .satisfies(
                b -> {
                  assertThat(b.role()).isEqualTo(OutputBlock.Role.CATEGORY);
                  assertThat(b.kind()).isEqualTo(OutputBlock.Kind.SOFTMAX);
                  assertThat(b.width())
                      .isEqualTo(column.categories().size() + (column.nullable() ? 1 : 0));
                });
      } else if (encoding == NumericEncoding.BINS) {
        assertThat(blocks)
            .extracting(OutputBlock::role)
            .containsExactly(OutputBlock.Role.BIN, OutputBlock.Role.VALUE);
        assertThat(blocks.get(0).kind()).isEqualTo(OutputBlock.Kind.SOFTMAX);
        assertThat(blocks.get(0).width()).isBetween(2, 24 + (column.nullable() ? 1 : 0));
        assertThat(blocks.get(1).kind()).isEqualTo(OutputBlock.Kind.SCALAR);
      } else {
        List<OutputBlock.Role> expected = new ArrayList<>();
        expected.add(OutputBlock.Role.VALUE);
        if (encoding == NumericEncoding.GMM) {
          expected.add(OutputBlock.Role.MODE);
        }
        if (column.nullable()) {
          expected.add(OutputBlock.Role.MISSING);
        }
        assertThat(blocks).extracting(OutputBlock::role).containsExactlyElementsOf(expected);
        assertThat(blocks.get(0).kind()).isEqualTo(OutputBlock.Kind.SCALAR);
        if (column.nullable()) {
          assertThat(blocks.get(blocks.size() - 1).width()).isEqualTo(2);
        }
      }
    }
    assertThat(layout.categoryBlocks()).hasSize(8);
    long numeric =
        PBC.schema().learnedColumns().stream().filter(c -> !c.kind().isDiscrete()).count();
    assertThat(layout.conditionBlocks())
        .hasSize(8 + (encoding == NumericEncoding.BINS ? (int) numeric : 0));
  }

  @ParameterizedTest
  @EnumSource(NumericEncoding.class)
  void encodedRowsHaveScalarsInRangeAndOneHotSpans(NumericEncoding encoding) {
    TableEncoder encoder =
        TableEncoderFitter.fit(PBC, EncoderSettings.defaults().withNumericEncoding(encoding), 1);
    float[] encoded = encoder.encode(PBC, 2);
    int width = encoder.layout().width();
    assertThat(encoded).hasSize(PBC.rowCount() * width);
    for (int row = 0; row < PBC.rowCount(); row++) {
      for (OutputBlock block : encoder.layout().blocks()) {
        int start = row * width + block.offset();
        if (block.kind() == OutputBlock.Kind.SCALAR) {
          assertThat(encoded[start]).isBetween(-1f, 1f);
        } else {
          int ones = 0;
          for (int i = 0; i < block.width(); i++) {
            assertThat(encoded[start + i]).isIn(0f, 1f);
            ones += encoded[start + i] == 1f ? 1 : 0;
          }
          assertThat(ones).as("one-hot %s", block).isEqualTo(1);
        }
      }
    }
  }

  @Test
  void minMaxRoundTripIsExactUpToFloatPrecision() {
    assertRoundTrip(PBC, NumericEncoding.MINMAX, 1.0, 1e-6);
    assertRoundTrip(PIMA, NumericEncoding.MINMAX, 1.0, 1e-6);
    assertRoundTrip(CGD, NumericEncoding.MINMAX, 1.0, 1e-6);
    assertThat(CGD.schema().column("random").orElseThrow().kind()).isEqualTo(ColumnKind.DATE);
  }

  @Test
  void boxCoxRoundTripIsExactUpToFloatPrecision() {
    assertRoundTrip(PBC, NumericEncoding.BOXCOX, 1.0, 1e-4);
    assertRoundTrip(PIMA, NumericEncoding.BOXCOX, 1.0, 1e-4);
    assertRoundTrip(CGD, NumericEncoding.BOXCOX, 1.0, 1e-4);
  }

  @Test
  void normalScoreRoundTripIsExactUpToFloatPrecision() {
    assertRoundTrip(PBC, NumericEncoding.NORMAL, 1.0, 1e-4);
    assertRoundTrip(PIMA, NumericEncoding.NORMAL, 1.0, 1e-4);
    assertRoundTrip(CGD, NumericEncoding.NORMAL, 1.0, 1e-4);
  }

  @Test
  void binsRoundTripIsExact() {
    // Every value lies on its column's grid: whole numbers and dates come back exactly, numbers
    // with many decimals to within the float position's precision inside their bin.
    assertRoundTrip(PBC, NumericEncoding.BINS, 1.0, 1e-6);
    assertRoundTrip(PIMA, NumericEncoding.BINS, 1.0, 1e-6);
    assertRoundTrip(CGD, NumericEncoding.BINS, 1.0, 1e-6);
  }

  @Test
  void aPointMassGetsABinOfItsOwnAndDecodesToItselfWherever() {
    // 40 % zeros, the rest spread over 1..300: quantile bins put the zeros in one bin of one grid
    // point, so any position the generator writes in that bin decodes to exactly 0.
    java.util.SplittableRandom random = new java.util.SplittableRandom(5);
    double[] values = new double[1000];
    for (int i = 400; i < values.length; i++) {
      values[i] = 1 + random.nextInt(300);
    }
    Table table =
        new Table(
            TableSchema.of(
                List.of(new ColumnSchema("n", ColumnKind.INTEGER, false, 0, List.of(), 0, false))),
            new double[][] {values});
    TableEncoder encoder =
        TableEncoderFitter.fit(
            table, EncoderSettings.defaults().withNumericEncoding(NumericEncoding.BINS), 1);
    OutputBlock bins = encoder.layout().blocks().get(0);
    assertThat(bins.role()).isEqualTo(OutputBlock.Role.BIN);
    float[] encoded = encoder.encode(table, 2);
    int width = encoder.layout().width();
    assertThat(encoded[0]).as("the zeros' bin is the first").isEqualTo(1f);
    for (float position : new float[] {-1f, -0.3f, 0f, 0.7f, 1f}) {
      float[] row = new float[width];
      row[0] = 1f;
      row[width - 1] = position;
      assertThat(encoder.decode(row, 1).column("n")).containsExactly(0.0);
    }
    // A one-point bin holds the zeros only: the second bin starts above 0.
    for (int r = 400; r < values.length; r++) {
      assertThat(encoded[r * width]).as("row %d is not in the zeros' bin", r).isEqualTo(0f);
    }
  }

  @Test
  void binnedStateNamesTheGridAndHoldsNoValueFewerThanKRecordsShare() {
    TableEncoder encoder =
        TableEncoderFitter.fit(
            withOutliers(),
            EncoderSettings.defaults().withNumericEncoding(NumericEncoding.BINS),
            1);
    Map<String, Object> column = firstColumn(encoder.state());
    assertThat(column).containsEntry("type", "bins");
    @SuppressWarnings("unchecked")
    Map<String, Object> grid = (Map<String, Object>) column.get("grid");
    // k = 5: the grid runs from the 5th smallest value (4) to the 5th largest (97), step 1.
    assertThat(grid)
        .containsEntry("low", 4.0)
        .containsEntry("step", 1.0)
        .containsEntry("missing", true);
    assertThat(String.valueOf(encoder.state()))
        .doesNotContain("123456789", "987654321", "1.23456789012345E14", "9.87654321098765E14");
    assertThat(encoder.valueRange("x"))
        .contains(new io.github.syntheticpatients.runtime.data.ValueRange(4, 97));
    TableEncoder reloaded = TableEncoder.fromState(withOutliers().schema(), encoder.state());
    assertThat(reloaded.state()).isEqualTo(encoder.state());
    float[] encoded = encoder.encode(withOutliers(), 3);
    assertThat(reloaded.decode(encoded, 132).column("x"))
        .containsExactly(encoder.decode(encoded, 132).column("x"));
  }

  @Test
  void binsAreRefusedForTimelinesNamingTheOption() {
    assertThatThrownBy(
            () ->
                io.github.syntheticpatients.runtime.fit.encode.TimelineEncoderFitter.fit(
                    null,
                    4,
                    EncoderSettings.defaults().withNumericEncoding(NumericEncoding.BINS),
                    1))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("numericEncoding")
        .hasMessageContaining("gmm, minmax, boxcox");
  }

  @Test
  void normalScoresOfASkewedColumnWithAPointMassAreStandardNormalOverFour() {
    // 30 % zeros (a point mass, as a dose or a count has) and a long exponential tail
    java.util.SplittableRandom random = new java.util.SplittableRandom(11);
    double[] values = new double[4000];
    for (int i = 0; i < values.length; i++) {
      values[i] = random.nextDouble() < 0.3 ? 0 : -Math.log(random.nextDouble()) * 50;
    }
    NormalScoreScaler scaler = ScalerFitter.normalScore(values);
    float[] out = new float[1];
    double sum = 0;
    double squares = 0;
    int below = 0;
    for (double v : values) {
      scaler.encode(v, out, 0, random, new double[0]);
      double z = 4 * out[0];
      sum += z;
      squares += z * z;
      // the normal's 10 % quantile is -1.2816: a tenth of the scores lie below it, zeros included
      below += z < -1.2816 ? 1 : 0;
      if (v == 0) {
        assertThat(scaler.decode(out, 0)).isEqualTo(0.0);
      }
    }
    double mean = sum / values.length;
    double sd = Math.sqrt(squares / values.length - mean * mean);
    assertThat(mean).isCloseTo(0.0, org.assertj.core.data.Offset.offset(0.05));
    assertThat(sd).isCloseTo(1.0, org.assertj.core.data.Offset.offset(0.05));
    assertThat(below / (double) values.length)
        .isCloseTo(0.10, org.assertj.core.data.Offset.offset(0.015));
  }

  @Test
  void boxCoxFindsLambdaNearZeroForLogNormalData() {
    java.util.SplittableRandom random = new java.util.SplittableRandom(5);
    double[] logNormal = new double[5000];
    for (int i = 0; i < logNormal.length; i++) {
      logNormal[i] = Math.exp(1 + 0.5 * random.nextGaussian());
    }
    assertThat(ScalerFitter.boxCox(logNormal, random).lambda())
        .isCloseTo(0.0, org.assertj.core.data.Offset.offset(0.1));
  }

  @Test
  void gmmRoundTripIsCloseForNearlyAllValues() {
    // alpha is clipped at 0.99, so the rare value sampled into a far mode's tail comes back
    // clipped.
    assertRoundTrip(PBC, NumericEncoding.GMM, 0.99, 1e-5);
    assertRoundTrip(PIMA, NumericEncoding.GMM, 0.99, 1e-5);
    assertRoundTrip(CGD, NumericEncoding.GMM, 0.99, 1e-5);
  }

  /**
   * Decoding the encoding gives the table back: identifiers NaN, categories and missing cells
   * exact, and at least {@code share} of continuous cells within {@code tolerance} times the
   * column's range (integers exact). Value protection is off (k = 1), so the scaler's range is the
   * observed one.
   */
  private static void assertRoundTrip(
      Table table, NumericEncoding encoding, double share, double tolerance) {
    TableEncoder encoder = TableEncoderFitter.fit(table, unprotected(encoding), 3);
    Table decoded = encoder.decode(encoder.encode(table, 4), table.rowCount());
    assertThat(decoded.schema()).isEqualTo(table.schema());
    assertThat(decoded.rowCount()).isEqualTo(table.rowCount());
    assertThat(table.schema().columns())
        .extracting(ColumnSchema::kind)
        .contains(ColumnKind.INTEGER);
    for (int c = 0; c < table.columnCount(); c++) {
      ColumnSchema column = table.schema().columns().get(c);
      double[] original = table.column(c);
      double[] back = decoded.column(c);
      if (!column.isLearned()) {
        assertThat(java.util.Arrays.stream(back).allMatch(Double::isNaN)).isTrue();
        continue;
      }
      double min = Double.POSITIVE_INFINITY;
      double max = Double.NEGATIVE_INFINITY;
      for (double v : original) {
        if (!Double.isNaN(v)) {
          min = Math.min(min, v);
          max = Math.max(max, v);
        }
      }
      int close = 0;
      int present = 0;
      for (int r = 0; r < original.length; r++) {
        assertThat(Double.isNaN(back[r]))
            .as("missing %s row %d", column.name(), r)
            .isEqualTo(Double.isNaN(original[r]));
        if (Double.isNaN(original[r])) {
          continue;
        }
        present++;
        assertThat(back[r]).isBetween(min, max);
        if (column.kind().isDiscrete()) {
          assertThat(back[r]).as("%s row %d", column.name(), r).isEqualTo(original[r]);
          close++;
        } else if (column.kind() == ColumnKind.NUMERIC
            ? Math.abs(back[r] - original[r]) <= tolerance * (max - min)
            : back[r] == original[r]) {
          close++;
        }
      }
      assertThat((double) close)
          .as("%s %s close values", encoding, column.name())
          .isGreaterThanOrEqualTo(share * present);
    }
  }

  @ParameterizedTest
  @EnumSource(NumericEncoding.class)
  void dateTimesComeBackToWithinFloatPrecisionOfTheirRange(NumericEncoding encoding) {
    java.util.SplittableRandom random = new java.util.SplittableRandom(9);
    double[] seconds = new double[2000];
    for (int i = 0; i < seconds.length; i++) {
      seconds[i] = 1_600_000_000L + random.nextInt(30_000_000);
    }
    Table table =
        new Table(
            TableSchema.of(
                List.of(
                    new ColumnSchema("at", ColumnKind.DATETIME, false, 0, List.of(), 0, false))),
            new double[][] {seconds});
    TableEncoder encoder = TableEncoderFitter.fit(table, unprotected(encoding), 1);
    double[] back = encoder.decode(encoder.encode(table, 2), seconds.length).column(0);
    for (int i = 0; i < seconds.length; i++) {
      assertThat(back[i]).isEqualTo(Math.rint(back[i]));
      // A float carries 24 bits: a 30-million-second range comes back to within a few seconds.
      assertThat(back[i])
          .isCloseTo(seconds[i], org.assertj.core.data.Offset.offset(1e-6 * 30_000_000 + 1));
    }
  }

  @Test
  void decodeTakesTheArgmaxOfProbabilitiesAndWritesMissingWhenMissingWins() {
    List<ColumnSchema> columns =
        List.of(
            new ColumnSchema("x", ColumnKind.NUMERIC, true, 0, List.of(), 2, false),
            new ColumnSchema(
                "c", ColumnKind.CATEGORICAL, true, 0, List.of("a", "b", "c"), 0, false));
    Table table =
        new Table(
            TableSchema.of(columns),
            new double[][] {{0, 10, Double.NaN, 5}, {0, 1, 2, Double.NaN}});
    TableEncoder encoder = TableEncoderFitter.fit(table, unprotected(NumericEncoding.MINMAX), 1);
    assertThat(encoder.layout().width()).isEqualTo(3 + 4);
    float[] rows = {
      0.5f, 0.6f, 0.4f, 0.1f, 0.2f, 0.6f, 0.1f,
      -1f, 0.3f, 0.7f, 0.1f, 0.2f, 0.3f, 0.4f
    };
    Table decoded = encoder.decode(rows, 2);
    assertThat(decoded.column("x")).containsExactly(7.5, Double.NaN);
    assertThat(decoded.column("c")).containsExactly(2.0, Double.NaN);
  }

  @Test
  void missingRatesAreEncodedExactly() {
    TableEncoder encoder = TableEncoderFitter.fit(PIMA, EncoderSettings.defaults(), 5);
    float[] encoded = encoder.encode(PIMA, 6);
    int width = encoder.layout().width();
    for (OutputBlock block : encoder.layout().blocks()) {
      if (block.role() != OutputBlock.Role.MISSING) {
        continue;
      }
      double[] original = PIMA.column(block.column());
      int missing = 0;
      int expected = 0;
      for (int r = 0; r < PIMA.rowCount(); r++) {
        missing += encoded[r * width + block.offset() + 1] == 1f ? 1 : 0;
        expected += Double.isNaN(original[r]) ? 1 : 0;
      }
      assertThat(missing).as(block.column()).isEqualTo(expected);
    }
    assertThat(encoder.layout().blocksOf("insulin"))
        .extracting(OutputBlock::role)
        .contains(OutputBlock.Role.MISSING);
    assertThat(encoder.layout().blocksOf("pregnant"))
        .extracting(OutputBlock::role)
        .doesNotContain(OutputBlock.Role.MISSING);
  }

  @ParameterizedTest
  @EnumSource(NumericEncoding.class)
  void stateRoundTripThroughJsonLikeValuesGivesIdenticalEncodings(NumericEncoding encoding) {
    TableEncoder encoder =
        TableEncoderFitter.fit(PBC, EncoderSettings.defaults().withNumericEncoding(encoding), 7);
    Map<String, Object> copied = JsonLike.copy(encoder.state());
    TableEncoder restored = TableEncoder.fromState(PBC.schema(), copied);
    assertThat(restored.layout()).isEqualTo(encoder.layout());
    assertThat(restored.settings()).isEqualTo(encoder.settings());
    assertThat(restored.state()).isEqualTo(encoder.state());
    assertThat(restored.encode(PBC, 8)).containsExactly(encoder.encode(PBC, 8));
    float[] encoded = encoder.encode(PBC, 8);
    Table a = encoder.decode(encoded, PBC.rowCount());
    Table b = restored.decode(encoded, PBC.rowCount());
    for (int c = 0; c < a.columnCount(); c++) {
      assertThat(b.column(c)).containsExactly(a.column(c));
    }
  }

  @Test
  void sameSeedGivesIdenticalEncodingAndOtherSeedsSampleOtherModes() {
    TableEncoder first = TableEncoderFitter.fit(PIMA, EncoderSettings.defaults(), 11);
    TableEncoder second = TableEncoderFitter.fit(PIMA, EncoderSettings.defaults(), 11);
    assertThat(second.state()).isEqualTo(first.state());
    assertThat(second.encode(PIMA, 12)).containsExactly(first.encode(PIMA, 12));
    assertThat(first.encode(PIMA, 13)).isNotEqualTo(first.encode(PIMA, 12));
  }

  @Test
  void gmmFindsFewModesForFewDistinctValuesAndSeveralForMultimodalData() {
    double[] twoValues = new double[200];
    double[] bimodal = new double[2000];
    java.util.SplittableRandom random = new java.util.SplittableRandom(3);
    for (int i = 0; i < twoValues.length; i++) {
      twoValues[i] = i % 2 == 0 ? 3 : 7;
    }
    for (int i = 0; i < bimodal.length; i++) {
      bimodal[i] = (i % 2 == 0 ? -10 : 10) + random.nextGaussian();
    }
    GaussianMixture1d two =
        MixtureFitter.fit(twoValues, 10, 0.005, new java.util.SplittableRandom(1));
    assertThat(two.size()).isEqualTo(2);
    assertThat(two.mean(0)).isCloseTo(3, org.assertj.core.data.Offset.offset(1e-6));
    GaussianMixture1d mixture =
        MixtureFitter.fit(bimodal, 10, 0.005, new java.util.SplittableRandom(1));
    assertThat(mixture.size()).isBetween(2, 10);
    double weightNearMinus10 = 0;
    for (int k = 0; k < mixture.size(); k++) {
      assertThat(mixture.weight(k)).isGreaterThanOrEqualTo(0.005);
      if (mixture.mean(k) < 0) {
        weightNearMinus10 += mixture.weight(k);
      }
    }
    assertThat(weightNearMinus10).isCloseTo(0.5, org.assertj.core.data.Offset.offset(0.01));
  }

  private static EncoderSettings unprotected(NumericEncoding encoding) {
    return EncoderSettings.defaults().withNumericEncoding(encoding).withValueProtectionK(1);
  }

  /** 1..100 shuffled plus a far outlier at each end; 30 missing cells. */
  private static Table withOutliers() {
    double[] values = new double[132];
    for (int i = 0; i < 100; i++) {
      values[i] = (i * 37) % 100 + 1;
    }
    values[100] = -123456789012345.0;
    values[101] = 987654321098765.0;
    java.util.Arrays.fill(values, 102, 132, Double.NaN);
    return new Table(
        TableSchema.of(
            List.of(new ColumnSchema("x", ColumnKind.NUMERIC, true, 0, List.of(), 0, false))),
        new double[][] {values});
  }

  @ParameterizedTest
  @EnumSource(NumericEncoding.class)
  void storedRangeAndDecodedValuesStayWithinTheProtectedBounds(NumericEncoding encoding) {
    // k = 5: with the two outliers the 5th smallest value is 4 and the 5th largest is 97.
    TableEncoder encoder =
        TableEncoderFitter.fit(
            withOutliers(), EncoderSettings.defaults().withNumericEncoding(encoding), 1);
    Map<String, Object> column = firstColumn(encoder.state());
    if (encoding == NumericEncoding.BINS) {
      assertThat(encoder.valueRange("x"))
          .contains(new io.github.syntheticpatients.runtime.data.ValueRange(4, 97));
    } else {
      assertThat(column)
          .containsEntry("min", 4.0)
          .containsEntry("max", 97.0)
          .containsEntry("withheld", false);
    }
    String state = String.valueOf(encoder.state());
    assertThat(state).doesNotContain("1.23456789012345E14", "9.87654321098765E14");
    float[] extremes = new float[encoder.layout().width() * 200];
    java.util.SplittableRandom random = new java.util.SplittableRandom(4);
    for (int i = 0; i < extremes.length; i++) {
      extremes[i] = random.nextBoolean() ? 1f : -1f;
    }
    for (double v : encoder.decode(extremes, 200).column("x")) {
      if (!Double.isNaN(v)) {
        assertThat(v).isBetween(4.0, 97.0);
      }
    }
  }

  @Test
  void aNullableColumnWithFewerThanKValuesIsGeneratedAsMissing() {
    Table table =
        new Table(
            TableSchema.of(
                List.of(new ColumnSchema("x", ColumnKind.NUMERIC, true, 0, List.of(), 0, false))),
            new double[][] {{3, Double.NaN, 7, Double.NaN, 11, Double.NaN, Double.NaN, 5}});
    TableEncoder encoder =
        TableEncoderFitter.fit(
            table, unprotected(NumericEncoding.MINMAX).withValueProtectionK(5), 1);
    Map<String, Object> column = firstColumn(encoder.state());
    assertThat(column)
        .containsEntry("withheld", true)
        .containsEntry("min", 0.0)
        .containsEntry("max", 0.0);
    // Every row encodes as missing, and a "present" output still decodes to missing.
    float[] encoded = encoder.encode(table, 2);
    for (int row = 0; row < table.rowCount(); row++) {
      assertThat(encoded[row * 3 + 2]).isEqualTo(1f);
    }
    assertThat(encoder.decode(new float[] {0.5f, 1f, 0f}, 1).column("x"))
        .containsExactly(Double.NaN);
    TableEncoder reloaded = TableEncoder.fromState(table.schema(), encoder.state());
    assertThat(reloaded.decode(new float[] {0.5f, 1f, 0f}, 1).column("x"))
        .containsExactly(Double.NaN);
  }

  @Test
  void aRequiredColumnWithFewerThanKValuesIsRejectedNamingTheOption() {
    Table table =
        new Table(
            TableSchema.of(
                List.of(new ColumnSchema("x", ColumnKind.NUMERIC, false, 0, List.of(), 0, false))),
            new double[][] {{3, 7, 11}});
    assertThatThrownBy(() -> TableEncoderFitter.fit(table, EncoderSettings.defaults(), 1))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("'x' has only 3 values, too few for valueProtectionK=5")
        .extracting(e -> ((InvalidInputException) e).parameter())
        .isEqualTo("valueProtectionK");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> firstColumn(Map<String, Object> state) {
    return ((List<Map<String, Object>>) state.get("columns")).get(0);
  }

  @Test
  void missingValueInColumnNotMarkedNullableIsRejectedWithTheFix() {
    Table table =
        new Table(
            TableSchema.of(
                List.of(new ColumnSchema("x", ColumnKind.NUMERIC, false, 0, List.of(), 2, false))),
            new double[][] {{1, Double.NaN}});
    assertThatThrownBy(() -> TableEncoderFitter.fit(table, EncoderSettings.defaults(), 1))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("'x'")
        .hasMessageContaining("row 2")
        .hasMessageContaining("\"nullable\": true");
  }

  @Test
  void stateForAnotherSchemaIsRejected() {
    Map<String, Object> state = TableEncoderFitter.fit(PIMA, EncoderSettings.defaults(), 1).state();
    assertThatThrownBy(() -> TableEncoder.fromState(PBC.schema(), state))
        .isInstanceOf(ModelFormatException.class)
        .hasMessageContaining("schema");
  }

  @Test
  void settingsComeFromOptions() {
    assertThat(EncoderSettings.fromOptions(Map.of("numericEncoding", "minmax", "epochs", "5")))
        .isEqualTo(EncoderSettings.defaults().withNumericEncoding(NumericEncoding.MINMAX));
    EncoderSettings custom = new EncoderSettings(NumericEncoding.BOXCOX, 4, 0.01, false, 7);
    assertThat(EncoderSettings.fromOptions(custom.toOptions())).isEqualTo(custom);
    assertThatThrownBy(() -> EncoderSettings.fromOptions(Map.of("numericEncoding", "zscore")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("gmm, minmax, boxcox")
        .extracting(e -> ((InvalidInputException) e).parameter())
        .isEqualTo("numericEncoding");
    assertThatThrownBy(() -> EncoderSettings.fromOptions(Map.of("maxModes", "0")))
        .isInstanceOf(InvalidInputException.class);
  }
}
