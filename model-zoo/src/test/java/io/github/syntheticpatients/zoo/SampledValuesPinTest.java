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
          "{id=1, time=1008, status=2, trt=null, age=35.302472, sex=f, ascites=null, hepato=null, spiders=null, edema=0, bili=4.8, chol=null, albumin=3.93, copper=null, alk.phos=null, ast=null, trig=null, platelet=null, protime=10.5, stage=3}",
          "{id=2, time=1981, status=2, trt=2, age=56.97823, sex=f, ascites=0, hepato=1, spiders=0, edema=0, bili=1.0, chol=986, albumin=3.84, copper=29, alk.phos=3036.0, ast=105.08, trig=72, platelet=343, protime=11.0, stage=3}",
          "{id=3, time=3539, status=0, trt=2, age=57.842199, sex=f, ascites=0, hepato=1, spiders=0, edema=0, bili=1.7, chol=418, albumin=3.97, copper=47, alk.phos=8863.1, ast=216.27, trig=94, platelet=270, protime=9.8, stage=3}");

  private static final List<String> PBCSEQ_PINS =
      List.of(
          "{id=1, futime=3319, status=0, trt=0, age=69.329662, sex=f, day=0, ascites=0, hepato=0, spiders=0, edema=0, bili=2.1, chol=178, albumin=3.51, alk.phos=462, ast=86.1, platelet=268, protime=13.1, stage=3}",
          "{id=1, futime=3319, status=0, trt=0, age=69.329662, sex=f, day=266, ascites=0, hepato=1, spiders=0, edema=0, bili=2.1, chol=null, albumin=3.37, alk.phos=287, ast=81.5, platelet=480, protime=11.0, stage=3}",
          "{id=1, futime=3319, status=0, trt=0, age=69.329662, sex=f, day=600, ascites=0, hepato=0, spiders=0, edema=0, bili=0.6, chol=null, albumin=4.08, alk.phos=693, ast=332.1, platelet=298, protime=10.0, stage=2}");

  /** SHA-256 of every value's bits in a {@link #DIGEST_ROWS}-record sample, by model. */
  private static final Map<String, String> DIGESTS =
      Map.of(
          "default", "22050d544cc5020f72faf2aa8335fdbf88a46d02f46a08e8129d16077a31cb76",
          "pbcseq", "56f5b04c076eb588a8d13e93f8a9b61ffe7fadd39c484e8a47f672f1d9015e14",
          "cgd", "3466e396cbde15c876d4edc6f29d2be447a5b7eec7091b572a9c3e4abb9b8d63",
          "rotterdam", "4238bab5e2fec96fdd8010db9eb3c7b1489ad282c9b9dc6ed6922423be006317",
          "pima", "3f8fc68c6282e71679e271f637f8397e176dbbca641048992050f0b480c93fea",
          "flchain", "c0ecf87a652ab3583718630e6f58a800383d42418eb368ac9c33029a71a4cd47");

  /**
   * Record 1,234,567 (id 1234568, in block 301) of the default model at seed 42, as a CSV line.
   * Where the literal came from: an independent run that sampled every record before it, the
   * streamed path on one thread writing all 302 blocks in order ({@code Generation.generate} of
   * 1,234,568 records at seed 42 to CSV, {@code threads = 1}), of which it is the last line. The
   * test samples that one record alone, through {@link Blocks#sample}; they agree only if a record
   * depends on nothing but the seed, the model and its index.
   */
  private static final String DEFAULT_RECORD_1234567 =
      "1234568,93,2,2,62.609869,f,0,0,0,0,4.1,265,3.36,89,598.7,180.67,144,239,10.6,3\n";

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
  @ValueSource(strings = {"default", "pbcseq", "cgd", "rotterdam", "pima", "flchain"})
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
