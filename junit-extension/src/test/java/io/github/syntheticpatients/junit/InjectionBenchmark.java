package io.github.syntheticpatients.junit;

import io.github.syntheticpatients.runtime.PatientRecord;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/**
 * Measures injection through the real extension, in a fresh JVM: the first injection of 100 patients from the
 * bundled model (model load included), then 1,000 patients per call once the model is loaded. A benchmark, not a
 * test: run it with the command in {@code docs/benchmarks/junit-extension.md}.
 *
 * <p>Each timing is the parameter resolution of one test method: from the end of {@code @BeforeEach} to the
 * first line of the test body, which is exactly the work of {@code @SyntheticPatients}.
 */
public final class InjectionBenchmark {
  private static final int REPETITIONS = 300;
  private static final int WARM_UP = 50;

  private InjectionBenchmark() {}

  public static void main(String[] args) throws IOException {
    long jvmStart = ManagementFactory.getRuntimeMXBean().getUptime();
    EngineExecutionResults results = Kit.run(BenchmarkTestCases.class);
    results.testEvents().assertStatistics(stats -> stats.failed(0));

    Map<String, List<String>> nanos = Kit.reports(results, "nanos");
    double first = Long.parseLong(nanos.get("first100").get(0)) / 1e6;
    List<Double> steady = new ArrayList<>();
    List<String> perCall = nanos.get("thousand");
    for (int i = WARM_UP; i < perCall.size(); i++) {
      steady.add(Long.parseLong(perCall.get(i)) / 1e6);
    }
    Collections.sort(steady);

    System.out.printf(Locale.ROOT, "JVM uptime when the benchmark started: %d ms%n", jvmStart);
    System.out.printf(Locale.ROOT, "First injection, 100 patients, model load included: %.1f ms%n", first);
    System.out.printf(
        Locale.ROOT,
        "1,000 patients per call once loaded (%d calls after %d warm-up): median %.2f ms, p95 %.2f ms, max %.2f ms%n",
        steady.size(),
        WARM_UP,
        steady.get(steady.size() / 2),
        steady.get((int) Math.floor(steady.size() * 0.95)),
        steady.get(steady.size() - 1));
    System.out.println("DJL on the classpath: " + isOnClasspath("ai.djl.Model"));
    Path maps = Path.of("/proc/self/maps");
    if (Files.isReadable(maps)) {
      boolean torch = Files.readAllLines(maps).stream().anyMatch(line -> line.contains("torch"));
      System.out.println("PyTorch native library mapped into this process: " + torch);
    }
  }

  private static boolean isOnClasspath(String className) {
    try {
      Class.forName(className);
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }

  @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
  static class BenchmarkTestCases {
    private long resolutionStarted;

    @BeforeEach
    void markResolutionStart() {
      resolutionStarted = System.nanoTime();
    }

    @Test
    @Order(1)
    @Seed(1)
    void first100(
        @SyntheticPatients(count = 100) List<PatientRecord> patients,
        org.junit.jupiter.api.TestReporter reporter) {
      long elapsed = System.nanoTime() - resolutionStarted;
      reporter.publishEntry("nanos", Long.toString(elapsed));
      if (patients.size() != 100) {
        throw new AssertionError("expected 100 patients, got " + patients.size());
      }
    }

    @RepeatedTest(REPETITIONS)
    @Order(2)
    void thousand(
        @SyntheticPatients(count = 1000) List<PatientRecord> patients,
        org.junit.jupiter.api.TestReporter reporter) {
      long elapsed = System.nanoTime() - resolutionStarted;
      reporter.publishEntry("nanos", Long.toString(elapsed));
      if (patients.size() != 1000) {
        throw new AssertionError("expected 1000 patients, got " + patients.size());
      }
    }
  }
}
