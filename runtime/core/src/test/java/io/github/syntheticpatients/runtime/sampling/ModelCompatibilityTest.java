package io.github.syntheticpatients.runtime.sampling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.github.syntheticpatients.runtime.PatientRecord;
import io.github.syntheticpatients.runtime.SampleRequest;
import io.github.syntheticpatients.runtime.SyntheticModel;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A model written by an earlier release keeps loading, and keeps sampling the same records: the
 * files under {@code src/test/resources/models} are what {@code CompatibilityModelWriter}
 * (runtime/train's benchmarks, command in its Javadoc) wrote for each format version. They are
 * never rewritten; a new format version adds a file and a test here (docs/model-format.md,
 * Compatibility).
 */
class ModelCompatibilityTest {

  @Test
  void aFormat1CopulaLoadsAndSamplesTheRecordsItSampledWhenWritten() {
    SyntheticModel model = ModelLoader.load("classpath:models/format-1-copula.synth");
    assertThat(model.info().formatVersion()).isEqualTo(1);
    assertThat(model.info().generator()).isEqualTo("copula");
    assertThat(model.id()).isEqualTo("format-1-copula");

    List<PatientRecord> records = model.sample(SampleRequest.of(3, 1)).records();
    assertThat(records.get(0).columns())
        .containsExactly("status", "trt", "age", "sex", "bili", "stage");
    assertThat(records)
        .extracting(r -> r.get("status"), r -> r.get("trt"), r -> r.get("sex"), r -> r.get("stage"))
        .containsExactly(
            tuple("0", "1", "f", "1"), tuple("0", null, "f", "4"), tuple("0", "2", "f", "2"));
    assertThat(records)
        .extracting(r -> r.getDouble("age"), r -> r.getDouble("bili"))
        .containsExactly(tuple(51.677987, 0.5), tuple(36.744139, 7.4), tuple(43.507348, 0.5));
  }

  @Test
  void aFormat2CopulaLoadsAndSamplesTheRecordsItSampledWhenWritten() {
    SyntheticModel model = ModelLoader.load("classpath:models/format-2-copula.synth");
    assertThat(model.info().formatVersion()).isEqualTo(2);
    assertThat(model.info().generator()).isEqualTo("copula");

    // From format 2 the streams are keyed by the content, not the whole file (model-format.md).
    List<PatientRecord> records = model.sample(SampleRequest.of(3, 1)).records();
    assertThat(records)
        .extracting(r -> r.get("status"), r -> r.get("trt"), r -> r.get("sex"), r -> r.get("stage"))
        .containsExactly(
            tuple("0", "2", "f", "4"), tuple("2", null, "f", "2"), tuple("0", null, "f", "3"));
    assertThat(records)
        .extracting(r -> r.getDouble("age"), r -> r.getDouble("bili"))
        .containsExactly(tuple(44.982839, 2.2), tuple(58.687613, 5.4), tuple(44.01134, 1.0));
  }
}
