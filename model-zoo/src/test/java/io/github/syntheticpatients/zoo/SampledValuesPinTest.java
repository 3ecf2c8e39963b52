package io.github.syntheticpatients.zoo;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.syntheticpatients.runtime.PatientRecord;
import io.github.syntheticpatients.runtime.SampleRequest;
import io.github.syntheticpatients.runtime.TableView;
import io.github.syntheticpatients.runtime.sampling.ModelLoader;
import java.nio.ByteBuffer;
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
 */
class SampledValuesPinTest {
  private static final long SEED = 20251206L;
  private static final int RECORDS = 3;

  /** Rows (patients for pbcseq) whose raw table values the digest covers. */
  private static final int DIGEST_ROWS = 1000;

  private static final List<String> DEFAULT_PINS =
      List.of(
          "{id=1, time=781, status=2, trt=null, age=52.234199, sex=f, ascites=null, hepato=1, spiders=null, edema=0, bili=8.4, chol=null, albumin=3.02, copper=null, alk.phos=null, ast=null, trig=null, platelet=318, protime=12.5, stage=4}",
          "{id=2, time=3407, status=0, trt=2, age=35.469782, sex=f, ascites=null, hepato=0, spiders=null, edema=0, bili=1.8, chol=null, albumin=3.51, copper=38, alk.phos=1604.8, ast=143.86, trig=null, platelet=97, protime=10.6, stage=2}",
          "{id=3, time=940, status=2, trt=2, age=58.649463, sex=f, ascites=0, hepato=null, spiders=null, edema=0, bili=2.2, chol=null, albumin=3.35, copper=48, alk.phos=null, ast=null, trig=null, platelet=153, protime=9.6, stage=2}");

  private static final List<String> PBCSEQ_PINS =
      List.of(
          "{id=1, futime=4047, status=0, trt=0, age=60.698876, sex=f, day=0, ascites=0, hepato=0, spiders=0, edema=0, bili=0.6, chol=221, albumin=3.47, alk.phos=1030, ast=146.4, platelet=356, protime=10.1, stage=1}",
          "{id=1, futime=4047, status=0, trt=0, age=60.698876, sex=f, day=248, ascites=0, hepato=0, spiders=0, edema=0, bili=0.6, chol=null, albumin=3.48, alk.phos=719, ast=122.4, platelet=367, protime=10.0, stage=2}",
          "{id=1, futime=4047, status=0, trt=0, age=60.698876, sex=f, day=450, ascites=0, hepato=0, spiders=0, edema=0, bili=0.7, chol=null, albumin=3.24, alk.phos=469, ast=131.6, platelet=381, protime=10.2, stage=2}");

  private static final String DEFAULT_DIGEST =
      "324f5b0c335d8fccaf10df18e3b9f02e60e760557c5197e5cdd91d8d35c8b27a";

  private static final String PBCSEQ_DIGEST =
      "f1ee9d7caf675528bb409551cc73ccce4eae4d31cae184c7331a13611a51a656";

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
