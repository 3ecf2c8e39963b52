package io.github.syntheticpatients.zoo;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.syntheticpatients.runtime.ColumnView;
import io.github.syntheticpatients.runtime.PatientRecord;
import io.github.syntheticpatients.runtime.SampleRequest;
import io.github.syntheticpatients.runtime.SampleResult;
import io.github.syntheticpatients.runtime.SyntheticModel;
import io.github.syntheticpatients.runtime.TableView;
import io.github.syntheticpatients.runtime.io.csv.CsvRecordWriter;
import io.github.syntheticpatients.runtime.sampling.Blocks;
import io.github.syntheticpatients.runtime.sampling.ModelLoader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The first records each bundled model samples at a fixed seed, as literals, and the SHA-256 of
 * every value's bits in a larger sample (records are rounded for display; the digest sees a one-ulp
 * change). Sampling is plain Java with a specified random stream (RandomStream) and StrictMath, so
 * these are the same bytes on every JVM, CPU and operating system; a change here means sampling,
 * the model file or a zoo model changed.
 *
 * <p>How the literals were made: {@code mvn -B -pl model-zoo -am test -Dtest=SampledValuesPinTest
 * -Dsurefire.failIfNoSpecifiedTests=false -Dsynthetic.pins.print=true} prints the current values as
 * Java literals (the lines between "--- pins of MODEL" and "--- end"), which were pasted below.
 * Rebuilding the zoo models (RebuildZoo) changes them: rerun that command and paste its output.
 *
 * <p>History: block seeding (issue 22: each block of records draws from a stream derived from the
 * seed, the model's SHA-256 and the block's index) changed every record once; the previous values
 * came from one stream per request.
 */
class SampledValuesPinTest {
  private static final long SEED = 20251206L;
  private static final int RECORDS = 3;

  /** Rows (patients for pbcseq) whose raw table values the digest covers. */
  private static final int DIGEST_ROWS = 1000;

  private static final List<String> DEFAULT_PINS =
      List.of(
          "{id=1, time=1402, status=1, trt=1, age=45.762997, sex=f, ascites=0, hepato=1, spiders=0, edema=0, bili=2.1, chol=null, albumin=3.45, copper=51, alk.phos=1749.8, ast=178.23, trig=null, platelet=264, protime=11.0, stage=3}",
          "{id=2, time=2557, status=1, trt=2, age=40.610968, sex=f, ascites=0, hepato=1, spiders=0, edema=0, bili=5.8, chol=440, albumin=3.54, copper=265, alk.phos=8705.5, ast=162.04, trig=174, platelet=337, protime=11.6, stage=4}",
          "{id=3, time=3303, status=0, trt=1, age=40.368913, sex=f, ascites=null, hepato=1, spiders=0, edema=0, bili=1.6, chol=null, albumin=3.9, copper=147, alk.phos=1686.0, ast=123.67, trig=null, platelet=269, protime=10.2, stage=2}");

  private static final List<String> PBCSEQ_PINS =
      List.of(
          "{id=1, futime=3582, status=2, trt=0, age=46.134053, sex=f, day=0, ascites=0, hepato=1, spiders=1, edema=0, bili=9.6, chol=162, albumin=3.66, alk.phos=7031, ast=134.2, platelet=339, protime=9.6, stage=3}",
          "{id=1, futime=3582, status=2, trt=0, age=46.134053, sex=f, day=357, ascites=1, hepato=1, spiders=1, edema=0, bili=2.9, chol=null, albumin=3.29, alk.phos=1258, ast=231.0, platelet=166, protime=11.2, stage=3}",
          "{id=1, futime=3582, status=2, trt=0, age=46.134053, sex=f, day=843, ascites=0, hepato=1, spiders=1, edema=0, bili=1.7, chol=240, albumin=3.4, alk.phos=1652, ast=196.5, platelet=140, protime=10.7, stage=4}");

  /** SHA-256 of every value's bits in a {@link #DIGEST_ROWS}-record sample, by model. */
  private static final Map<String, String> DIGESTS =
      Map.of(
          "default", "7d8cacfbd22c1c079b63b6986237ead6d3db6f5fca61b1fea766aba2d88d99e2",
          "pbcseq", "eca5b8a8b273dcbb0f56e2676bca556f31449e5f6a6c55a3c428b3e6d8faad8b",
          "rotterdam", "0083c17b87609fa1ef13344233259ef236cb2c879041abc0a4f5f8a2427dc374",
          "pima", "694abd7dc55f2e20f54f74c740d89d512025fb16f811575cbf43b677d5833bac",
          "nafld1", "14c3d776b063d439a2b62a856bfafee0a64840a239f8ce9c941cf28caefaf678");

  /**
   * Record 1,234,567 (id 1234568, in block 301) of the default model at seed 42, as a CSV line.
   * Where the literal came from: an independent run that sampled every record before it, the
   * streamed path on one thread writing all 302 blocks in order ({@code Generation.generate} of
   * 1,234,568 records at seed 42 to CSV, {@code threads = 1}), of which it is the last line. The
   * test samples that one record alone, through {@link Blocks#sample}; they agree only if a record
   * depends on nothing but the seed, the model and its index.
   */
  private static final String DEFAULT_RECORD_1234567 =
      "1234568,91,2,2,35.526841,f,,,1,0,14.4,,2.86,232,1075.2,159.79,,462,,3\n";

  @Test
  void aRecordFarIntoTheSequenceIsPinnedAndSampledAlone() {
    SyntheticModel model = ModelLoader.load("default");
    List<String> columns = model.schema().outputColumns().stream().map(ColumnView::name).toList();
    SampleResult record = Blocks.sample(model, SampleRequest.of(1, 42), 1_234_567);
    assertThat(new String(CsvRecordWriter.lines(columns, record.records()), StandardCharsets.UTF_8))
        .isEqualTo(DEFAULT_RECORD_1234567);
  }

  @Test
  void theDefaultModelSamplesThePinnedRecords() {
    assertThat(sampled("default")).isEqualTo(DEFAULT_PINS);
  }

  @Test
  void thePbcseqModelSamplesThePinnedVisits() {
    assertThat(sampled("pbcseq")).isEqualTo(PBCSEQ_PINS);
  }

  @ParameterizedTest
  @ValueSource(strings = {"default", "pbcseq", "rotterdam", "pima", "nafld1"})
  void everyBundledModelSamplesThePinnedValues(String model) {
    assertThat(digest(model)).isEqualTo(DIGESTS.get(model));
  }

  /**
   * The first {@link #RECORDS} records (visit rows for a longitudinal model) as their
   * column-to-value maps.
   */
  private static List<String> sampled(String model) {
    List<PatientRecord> records =
        ModelLoader.load(model).sample(SampleRequest.of(RECORDS, SEED)).records();
    List<String> values =
        records.subList(0, RECORDS).stream().map(r -> r.asMap().toString()).toList();
    if (Boolean.getBoolean("synthetic.pins.print")) {
      System.out.println("--- pins of " + model);
      System.out.println(
          "  private static final List<String> "
              + model.toUpperCase(Locale.ROOT)
              + "_PINS = List.of(");
      for (int i = 0; i < values.size(); i++) {
        String literal = values.get(i).replace("\\", "\\\\").replace("\"", "\\\"");
        System.out.println("      \"" + literal + "\"" + (i < values.size() - 1 ? "," : ");"));
      }
      System.out.println("--- end");
    }
    return values;
  }

  /**
   * SHA-256 over the raw bits of every value of a {@link #DIGEST_ROWS}-row sample, column by
   * column.
   */
  private static String digest(String model) {
    TableView table = ModelLoader.load(model).sample(SampleRequest.of(DIGEST_ROWS, SEED)).table();
    ByteBuffer bits = ByteBuffer.allocate(Long.BYTES * table.rowCount() * table.columnCount());
    for (int c = 0; c < table.columnCount(); c++) {
      for (int r = 0; r < table.rowCount(); r++) {
        bits.putLong(Double.doubleToRawLongBits(table.value(r, c)));
      }
    }
    try {
      String hex =
          HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bits.array()));
      if (Boolean.getBoolean("synthetic.pins.print")) {
        System.out.println("--- pins of " + model);
        System.out.println("          \"" + model + "\", \"" + hex + "\",");
        System.out.println("--- end");
      }
      return hex;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every JDK has SHA-256", e);
    }
  }
}
