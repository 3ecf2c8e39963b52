package io.github.syntheticpatients.junit;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.syntheticpatients.runtime.PatientRecord;
import io.github.syntheticpatients.runtime.SampleLimits;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/**
 * A count the JVM cannot hold is refused before sampling; a Stream takes any count, sampled as it
 * is read.
 */
class CountLimitsTest {

  @Test
  void refusesAListOrFileTooLargeToHoldNamingTheAttribute() {
    EngineExecutionResults results = Kit.run(TooLargeTestCases.class);

    results.testEvents().assertStatistics(stats -> stats.started(2).failed(2));
    Map<String, Throwable> failures = Kit.failures(results);
    assertThat(failures.get("list"))
        .isInstanceOf(ParameterResolutionException.class)
        .hasMessageContaining(
            "@SyntheticPatients(count = 2147483647): 2,147,483,647 records is more than one sample holds (at most"
                + " 1,000,000 records, built in memory)")
        .hasMessageContaining(
            "Set count to at most " + SampleLimits.MAX_RECORDS + ", or inject a Stream");
    assertThat(failures.get("file"))
        .isInstanceOf(ParameterResolutionException.class)
        .hasMessageContaining(
            "@SyntheticPatients(count = 2147483647): 2,147,483,647 records is more than one sample holds")
        .hasMessageContaining("Set count to at most " + SampleLimits.MAX_RECORDS);
  }

  @Test
  void aStreamOfAnyCountIsSampledAsItIsRead() {
    EngineExecutionResults results = Kit.run(StreamTestCases.class);

    results.testEvents().assertStatistics(stats -> stats.started(2).succeeded(2));
    // A stream holds the records of the list of the same size and seed, chunk after chunk.
    List<PatientRecord> firstChunk =
        ParameterTypesTest.sample(SyntheticPatientsExtension.STREAM_CHUNK, 42);
    assertThat(Kit.report(results, "first"))
        .containsEntry("endless", firstChunk.subList(0, 3).toString());
    assertThat(Kit.report(results, "size")).containsEntry("severalChunks", "25000");
    assertThat(Kit.report(results, "sameAsTheList")).containsEntry("severalChunks", "true");
  }

  static class TooLargeTestCases {
    @Test
    void list(@SyntheticPatients(count = Integer.MAX_VALUE) List<PatientRecord> patients) {}

    @Test
    void file(@SyntheticPatients(count = Integer.MAX_VALUE) Path file) {}
  }

  @Seed(42)
  static class StreamTestCases {
    @Test
    void endless(
        @SyntheticPatients(count = Integer.MAX_VALUE) Stream<PatientRecord> patients,
        TestReporter reporter) {
      Iterator<PatientRecord> iterator = patients.iterator();
      reporter.publishEntry(
          "first", List.of(iterator.next(), iterator.next(), iterator.next()).toString());
    }

    @Test
    void severalChunks(
        @SyntheticPatients(count = 25_000) Stream<PatientRecord> patients, TestReporter reporter) {
      List<PatientRecord> all = patients.toList();
      reporter.publishEntry("size", String.valueOf(all.size()));
      reporter.publishEntry(
          "sameAsTheList", String.valueOf(all.equals(ParameterTypesTest.sample(25_000, 42))));
    }
  }
}
