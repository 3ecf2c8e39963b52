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
import org.junit.jupiter.api.Test;

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
          "{id=1, time=1114, status=2, trt=2, age=42.791221, sex=f, ascites=0, hepato=1, spiders=1, edema=0, bili=1.8, chol=224, albumin=3.5, copper=62, alk.phos=844.7, ast=60.48, trig=52, platelet=145, protime=10.8, stage=3}",
          "{id=2, time=2581, status=2, trt=2, age=37.571372, sex=f, ascites=0, hepato=1, spiders=null, edema=0, bili=2.3, chol=null, albumin=3.84, copper=null, alk.phos=null, ast=154.34, trig=null, platelet=96, protime=12.7, stage=4}",
          "{id=3, time=2505, status=1, trt=2, age=56.334043, sex=f, ascites=0, hepato=0, spiders=1, edema=0, bili=0.6, chol=259, albumin=3.56, copper=20, alk.phos=419.5, ast=86.47, trig=122, platelet=335, protime=9.9, stage=2}");

  private static final List<String> PBCSEQ_PINS =
      List.of(
          "{id=1, futime=972, status=2, trt=0, age=43.064662, sex=f, day=0, ascites=0, hepato=1, spiders=0, edema=0, bili=5.9, chol=484, albumin=3.96, alk.phos=1626, ast=138.1, platelet=321, protime=10.3, stage=3}",
          "{id=1, futime=972, status=2, trt=0, age=43.064662, sex=f, day=213, ascites=0, hepato=1, spiders=0, edema=0, bili=7.3, chol=null, albumin=3.55, alk.phos=1660, ast=137.0, platelet=263, protime=11.5, stage=4}",
          "{id=1, futime=972, status=2, trt=0, age=43.064662, sex=f, day=376, ascites=1, hepato=0, spiders=0, edema=0.5, bili=9.2, chol=null, albumin=3.22, alk.phos=2067, ast=196.3, platelet=364, protime=11.6, stage=4}");

  private static final String DEFAULT_DIGEST =
      "34d4c53c7c61811904caaafc16627858f596e0559c76bd76d59c672a7bf9831c";

  private static final String PBCSEQ_DIGEST =
      "2eb2f2c531f3c43bad89dfc700d1ca7b948709fb9109d62c24c30ddbf39630d7";

  /**
   * Record 1,234,567 (id 1234568, in block 301) of the default model at seed 42, as a CSV line.
   * Where the literal came from: an independent run that sampled every record before it, the
   * streamed path on one thread writing all 302 blocks in order ({@code Generation.generate} of
   * 1,234,568 records at seed 42 to CSV, {@code threads = 1}), of which it is the last line. The
   * test samples that one record alone, through {@link Blocks#sample}; they agree only if a record
   * depends on nothing but the seed, the model and its index.
   */
  private static final String DEFAULT_RECORD_1234567 =
      "1234568,551,2,1,53.846587,f,1,1,0,0.5,2.2,428,3.04,144,2011.6,133.41,120,253,11.9,3\n";

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
    List<String> records = sampled("default");
    String digest = digest("default");
    assertThat(records).isEqualTo(DEFAULT_PINS);
    assertThat(digest).isEqualTo(DEFAULT_DIGEST);
  }

  @Test
  void thePbcseqModelSamplesThePinnedVisits() {
    List<String> records = sampled("pbcseq");
    String digest = digest("pbcseq");
    assertThat(records).isEqualTo(PBCSEQ_PINS);
    assertThat(digest).isEqualTo(PBCSEQ_DIGEST);
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
        System.out.println(
            "  private static final String "
                + model.toUpperCase(Locale.ROOT)
                + "_DIGEST = \""
                + hex
                + "\";");
        System.out.println("--- end");
      }
      return hex;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every JDK has SHA-256", e);
    }
  }
}
