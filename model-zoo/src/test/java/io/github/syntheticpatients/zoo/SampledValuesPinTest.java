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
          "{id=1, time=2903, status=0, trt=1, age=68.937568, sex=f, ascites=0, hepato=0, spiders=0, edema=0, bili=0.6, chol=255, albumin=4.12, copper=45, alk.phos=1055.2, ast=52.14, trig=266, platelet=420, protime=9.6, stage=3}",
          "{id=2, time=746, status=2, trt=2, age=56.751933, sex=f, ascites=0, hepato=0, spiders=0, edema=0, bili=5.3, chol=422, albumin=3.44, copper=246, alk.phos=755.0, ast=79.09, trig=265, platelet=441, protime=13.0, stage=2}",
          "{id=3, time=1173, status=2, trt=2, age=59.58978, sex=f, ascites=0, hepato=0, spiders=0, edema=0, bili=2.1, chol=245, albumin=3.35, copper=null, alk.phos=690.6, ast=75.23, trig=null, platelet=125, protime=11.6, stage=2}");

  private static final List<String> PBCSEQ_PINS =
      List.of(
          "{id=1, futime=992, status=2, trt=1, age=46.726015, sex=f, day=0, ascites=0, hepato=0, spiders=0, edema=0, bili=0.5, chol=236, albumin=2.89, alk.phos=1149, ast=130.7, platelet=170, protime=11.2, stage=3}",
          "{id=1, futime=992, status=2, trt=1, age=46.726015, sex=f, day=605, ascites=0, hepato=1, spiders=0, edema=0.5, bili=1.5, chol=null, albumin=3.47, alk.phos=1153, ast=72.3, platelet=270, protime=10.6, stage=3}",
          "{id=1, futime=992, status=2, trt=1, age=46.726015, sex=f, day=986, ascites=0, hepato=1, spiders=0, edema=0.5, bili=3.7, chol=null, albumin=3.16, alk.phos=510, ast=113.6, platelet=183, protime=10.6, stage=3}");

  /** SHA-256 of every value's bits in a {@link #DIGEST_ROWS}-record sample, by model. */
  private static final Map<String, String> DIGESTS =
      Map.of(
          "default", "160e73e1c017deff05e4fd55709ab38c0e1a4dd1a5e7b9372779199bece0cc3e",
          "pbcseq", "e8a17091653c8be7176eb16a684c29acca28c3303b5d785b6962a66f58e41b2f",
          "rotterdam", "11e0fa0f9f101972f6684945ff0ca04d1910bece220f5b45346078faa9aff313",
          "pima", "e9c97e149799bb4af377faf720b4585f6fad2a7a4452ad724c0606f0b14455b1",
          "nafld1", "f0b6c3b88b08ea7e7764240a3bd353430a43261def73d9f8b7dd91d6e491af30");

  /**
   * Record 1,234,567 (id 1234568, in block 301) of the default model at seed 42, as a CSV line.
   * Where the literal came from: an independent run that sampled every record before it, the
   * streamed path on one thread writing all 302 blocks in order ({@code Generation.generate} of
   * 1,234,568 records at seed 42 to CSV, {@code threads = 1}), of which it is the last line. The
   * test samples that one record alone, through {@link Blocks#sample}; they agree only if a record
   * depends on nothing but the seed, the model and its index.
   */
  private static final String DEFAULT_RECORD_1234567 =
      "1234568,3644,0,,64.656477,f,,,,0,0.5,,4.17,,599.2,,,279,10.1,1\n";

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
