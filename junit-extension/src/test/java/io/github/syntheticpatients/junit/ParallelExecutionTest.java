package io.github.syntheticpatients.junit;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.syntheticpatients.runtime.PatientRecord;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.platform.testkit.engine.EngineExecutionResults;

class ParallelExecutionTest {

  private static final Map<String, String> PARALLEL =
      Map.of(
          "junit.jupiter.execution.parallel.enabled", "true",
          "junit.jupiter.execution.parallel.mode.default", "concurrent",
          "junit.jupiter.execution.parallel.config.strategy", "fixed",
          "junit.jupiter.execution.parallel.config.fixed.parallelism", "4");

  @Test
  void parallelTestsWithFixedSeedsGetWhatTheyGetSerially() {
    EngineExecutionResults serial = Kit.run(ParallelTestCases.class);
    ParallelTestCases.started = new CountDownLatch(2);
    EngineExecutionResults parallel = Kit.run(ParallelTestCases.class, PARALLEL);

    serial.testEvents().assertStatistics(stats -> stats.started(6).succeeded(6));
    parallel.testEvents().assertStatistics(stats -> stats.started(6).succeeded(6));
    Map<String, List<String>> expected = Kit.reports(serial, "patients");
    assertThat(expected).hasSize(6);
    assertThat(Kit.reports(parallel, "patients")).isEqualTo(expected);
    // The parallel run really overlapped: at least two tests sampled at once on different threads.
    Set<String> threads = new HashSet<>();
    Kit.reports(parallel, "thread").values().forEach(threads::addAll);
    assertThat(threads).hasSizeGreaterThan(1);
  }

  static class ParallelTestCases {
    static volatile CountDownLatch started = new CountDownLatch(0);

    static void report(List<PatientRecord> patients, List<PatientRecord> men, TestReporter reporter)
        throws InterruptedException {
      started.countDown();
      // Hold the first two tests until both run, so the parallel run provably overlaps (the wait
      // ends as soon as
      // both arrive).
      started.await(60, TimeUnit.SECONDS);
      reporter.publishEntry("patients", patients.toString() + men);
      reporter.publishEntry("thread", Thread.currentThread().getName());
    }

    @Test
    @Seed(1)
    void one(
        @SyntheticPatients(count = 200) List<PatientRecord> patients,
        @SyntheticPatients(count = 50, conditions = "sex=m") List<PatientRecord> men,
        TestReporter reporter)
        throws InterruptedException {
      report(patients, men, reporter);
    }

    @Test
    @Seed(2)
    void two(
        @SyntheticPatients(count = 200) List<PatientRecord> patients,
        @SyntheticPatients(count = 50, conditions = "sex=m") List<PatientRecord> men,
        TestReporter reporter)
        throws InterruptedException {
      report(patients, men, reporter);
    }

    @Test
    @Seed(3)
    void three(
        @SyntheticPatients(count = 200) List<PatientRecord> patients,
        @SyntheticPatients(count = 50, conditions = "sex=m") List<PatientRecord> men,
        TestReporter reporter)
        throws InterruptedException {
      report(patients, men, reporter);
    }

    @Test
    @Seed(4)
    void four(
        @SyntheticPatients(count = 200) List<PatientRecord> patients,
        @SyntheticPatients(count = 50, conditions = "sex=m") List<PatientRecord> men,
        TestReporter reporter)
        throws InterruptedException {
      report(patients, men, reporter);
    }

    @Test
    @Seed(5)
    void five(
        @SyntheticPatients(count = 200) List<PatientRecord> patients,
        @SyntheticPatients(count = 50, conditions = "sex=m") List<PatientRecord> men,
        TestReporter reporter)
        throws InterruptedException {
      report(patients, men, reporter);
    }

    @Test
    @Seed(6)
    void six(
        @SyntheticPatients(count = 200) List<PatientRecord> patients,
        @SyntheticPatients(count = 50, conditions = "sex=m") List<PatientRecord> men,
        TestReporter reporter)
        throws InterruptedException {
      report(patients, men, reporter);
    }
  }
}
