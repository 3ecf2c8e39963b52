package io.github.syntheticpatients.zoo;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.syntheticpatients.runtime.ColumnView;
import io.github.syntheticpatients.runtime.GenerateRequest;
import io.github.syntheticpatients.runtime.GenerateResult;
import io.github.syntheticpatients.runtime.OutputFormat;
import io.github.syntheticpatients.runtime.SampleRequest;
import io.github.syntheticpatients.runtime.SampleResult;
import io.github.syntheticpatients.runtime.SyntheticModel;
import io.github.syntheticpatients.runtime.io.csv.CsvRecordWriter;
import io.github.syntheticpatients.runtime.io.json.JsonlRecordWriter;
import io.github.syntheticpatients.runtime.io.json.TimelineJsonlWriter;
import io.github.syntheticpatients.runtime.sampling.Generation;
import io.github.syntheticpatients.runtime.sampling.ModelLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A streamed file is the same bytes on 1, 2 and 7 threads, and the same as the in-memory sample
 * written in one go: blocks are sampled in parallel but written in order.
 */
class GenerationThreadsTest {
  @TempDir Path dir;

  @Test
  void theDefaultModelWritesTheSameBytesOnAnyNumberOfThreads() throws IOException {
    // 9,000 records are three blocks, the last one cut.
    check("default", 9_000, List.of(), "");
    check("default", 5_000, List.of("age>=60"), "");
  }

  @Test
  void aBalancedFileIsTheSameBytesOnAnyNumberOfThreads() throws IOException {
    // Each block is planned, sampled class by class and shuffled on its own.
    check("default", 9_000, List.of(), "status:1=0.4");
    check("default", 5_000, List.of("age>=60"), "sex");
    check("pbcseq", 600, List.of(), "sex");
  }

  @Test
  void theLongitudinalModelWritesTheSameBytesOnAnyNumberOfThreads() throws IOException {
    // 600 patients are three blocks of patients.
    check("pbcseq", 600, List.of(), "");
  }

  private void check(String reference, int rows, List<String> conditions, String balance)
      throws IOException {
    SyntheticModel model = ModelLoader.load(reference);
    SampleResult inMemory = model.sample(new SampleRequest(rows, 17, conditions, null, balance));
    List<String> columns = model.schema().outputColumns().stream().map(ColumnView::name).toList();
    for (OutputFormat format : OutputFormat.values()) {
      Path expected = dir.resolve(reference + "-expected." + format.extension());
      if (format == OutputFormat.CSV) {
        CsvRecordWriter.write(expected, columns, inMemory.records());
      } else if (model.schema().isLongitudinal()) {
        TimelineJsonlWriter.write(expected, inMemory.timelines());
      } else {
        JsonlRecordWriter.write(expected, columns, inMemory.records());
      }
      for (int threads : new int[] {1, 2, 7}) {
        Path output = dir.resolve(reference + "-" + threads + "." + format.extension());
        GenerateResult result =
            Generation.generate(
                new GenerateRequest(
                    reference, rows, 17, null, output, format, conditions, threads, balance));
        assertThat(Files.readAllBytes(output))
            .as("%s %s %s %s on %d threads", reference, conditions, balance, format, threads)
            .isEqualTo(Files.readAllBytes(expected));
        assertThat(result.rows()).isEqualTo(inMemory.records().size());
        assertThat(result.acceptanceRate()).isEqualTo(inMemory.acceptanceRate());
      }
    }
  }
}
