package io.github.syntheticpatients.junit;

import io.github.syntheticpatients.runtime.PatientRecord;
import io.github.syntheticpatients.runtime.SampleRequest;
import io.github.syntheticpatients.runtime.SyntheticModel;
import io.github.syntheticpatients.runtime.sampling.ModelLoader;
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
 * Measures injection through the real extension, in a fresh JVM: the first injection of 100
 * patients from the bundled model (model load included), then 1,000 patients per call once the
 * model is loaded. A benchmark, not a test: run it with the command in {@code
 * docs/benchmarks/junit-extension.md}.
 *
 * <p>With {@code --breakdown} it instead times {@code ModelLoader.load} and the first samples on
 * the runtime directly, to show where the first injection's time goes.
 *
 * <p>Each timing is the parameter resolution of one test method: from the end of
 * {@code @BeforeEach} to the first line of the test body, which is exactly the work of
 * {@code @SyntheticPatients}.
 */
public final class InjectionBenchmark {
  private static final int REPETITIONS = 300;
  private static final int WARM_UP = 50;

  private InjectionBenchmark() {}

  public static void main(String[] args) throws IOException {
    if (args.length > 0 && args[0].equals("--breakdown")) {
      breakdown();
      return;
    }
    long jvmStart = ManagementFactory.getRuntimeMXBean().getUptime();
    EngineExecutionResults results = Kit.run(BenchmarkTestCases.class);
    results.testEvents().assertStatistics(stats -> stats.failed(0));

    Map<String, List<String>> nanos = Kit.reports(results, "nanos");
    double first = Long.parseLong(nanos.get("first100").get(0)) / 1e6;
    double firstCpu = Long.parseLong(Kit.reports(results, "cpuNanos").get("first100").get(0)) / 1e6;
    List<Double> steady = new ArrayList<>();
    List<String> perCall = nanos.get("thousand");
    for (int i = WARM_UP; i < perCall.size(); i++) {
      steady.add(Long.parseLong(perCall.get(i)) / 1e6);
    }
    Collections.sort(steady);

    System.out.printf(Locale.ROOT, "JVM uptime when the benchmark started: %d ms%n", jvmStart);
    System.out.printf(
        Locale.ROOT,
        "First injection, 100 patients, model load included: %.1f ms (CPU time of the test thread: %.1f ms)%n",
        first,
        firstCpu);
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

  /** Where the first injection's time goes, measured on the runtime directly in a fresh JVM. */
  private static void breakdown() throws IOException {
    // Jackson first, alone: the model file's manifest is JSON, so this is the share of the load
    // that is
    // Jackson start-up rather than the model itself.
    long jacksonStart = System.nanoTime();
    new com.fasterxml.jackson.databind.ObjectMapper()
        .readValue("{\"a\":[1,2],\"b\":{\"c\":\"d\"}}", Map.class);
    long start = System.nanoTime();
    SyntheticModel model = ModelLoader.load(ModelLoader.DEFAULT_MODEL);
    long loaded = System.nanoTime();
    model.sample(SampleRequest.of(100, 1));
    long firstSample = System.nanoTime();
    model.sample(SampleRequest.of(100, 2));
    long secondSample = System.nanoTime();
    System.out.printf(
        Locale.ROOT,
        "Cold Jackson ObjectMapper reading a tiny JSON: %.1f ms; then ModelLoader.load(\"default\"): %.1f ms;"
            + " first sample of 100: %.1f ms; second sample of 100: %.1f ms%n",
        (start - jacksonStart) / 1e6,
        (loaded - start) / 1e6,
        (firstSample - loaded) / 1e6,
        (secondSample - firstSample) / 1e6);
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
    private long resolutionCpuStarted;

    @BeforeEach
    void markResolutionStart() {
      resolutionCpuStarted = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
      resolutionStarted = System.nanoTime();
    }

    @Test
    @Order(1)
    @Seed(1)
    void first100(
        @SyntheticPatients(count = 100) List<PatientRecord> patients,
        org.junit.jupiter.api.TestReporter reporter) {
      long elapsed = System.nanoTime() - resolutionStarted;
      long cpu =
          ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - resolutionCpuStarted;
      reporter.publishEntry("nanos", Long.toString(elapsed));
      reporter.publishEntry("cpuNanos", Long.toString(cpu));
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
