package io.github.syntheticpatients.runtime.gan;

import io.github.syntheticpatients.runtime.TrainingListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Resident memory across training epochs, the native-leak check that the leak tests cannot make
 * portably (RSS depends on the OS, the JVM's heap sizing and the allocator; Linux only, it reads
 * {@code /proc/self/status}). Not a test. Modes, each on the leak test's setup:
 *
 * <ul>
 *   <li>{@code ctgan}: 30 CTGAN epochs on 500 rows; target: RSS grows by less than 60,000 kB over
 *       epochs 10 to 30. RSS also grows while the Java heap fills with garbage (about 1 MB an
 *       epoch, flat once the heap is fully touched), so the bound is loose; the double-backward
 *       leak (4.7 MB a step, 5 steps an epoch) or the pitfall-4 leak (50 MB an epoch) would break
 *       it.
 *   <li>{@code timeline}: 30 timeline-GAN epochs, collecting garbage after each so the heap reuses
 *       its pages and RSS growth is native memory; target: less than 20,000 kB over epochs 16 to 30
 *       (from epoch 16 tensor shapes stop changing). Measured ~0.1 MB an epoch; a leak of 70 kB a
 *       step (18 steps an epoch) would break it.
 * </ul>
 *
 * Run: {@code mvn -B -pl runtime/train -am -Pbenchmark test-compile exec:exec
 * -Dbenchmark.class=io.github.syntheticpatients.runtime.gan.TrainingLeakBenchmark
 * -Dbenchmark.args=ctgan}.
 */
public final class TrainingLeakBenchmark {
  private TrainingLeakBenchmark() {}

  public static void main(String[] args) {
    String mode = args.length > 0 ? args[0].trim() : "";
    List<Long> rss = new ArrayList<>();
    switch (mode) {
      case "ctgan" -> {
        int rows = 500;
        GanSettings settings =
            GanSettings.builder()
                .optEpochs(30)
                .optBatchSize(100)
                .optGeneratorDims(List.of(64, 64))
                .optDiscriminatorDims(List.of(64, 64))
                .build();
        try (GanTraining training =
            DjlEngine.open(TinyTable.data(rows, 8), rows, TinyTable.LAYOUT, settings, 2)) {
          training.run(
              TrainingListener.NONE,
              generator -> {},
              (epoch, manager) -> rss.add(residentKilobytes()));
        }
        report("CTGAN", rss, 10, 60_000);
      }
      case "timeline" -> {
        TimelineGanSettings settings =
            TimelineGanSettings.builder()
                .optEpochs(30)
                .optLstmHidden(32)
                .optMlpHidden(32)
                .optCriticHidden(32)
                .build();
        try (TimelineTraining training =
            TimelineTraining.open(
                RisingTimelines.data(96, 4), RisingTimelines.LAYOUT, settings, 2)) {
          training.run(
              TrainingListener.NONE,
              (epoch, manager) -> {
                System.gc();
                rss.add(residentKilobytes());
              });
        }
        report("timeline GAN", rss, 16, 20_000);
      }
      default -> throw new IllegalArgumentException("mode is ctgan or timeline");
    }
  }

  private static void report(String what, List<Long> rss, int fromEpoch, long targetKilobytes) {
    long growth = rss.get(rss.size() - 1) - rss.get(fromEpoch - 1);
    System.out.println("RSS kB per epoch: " + rss);
    System.out.printf(
        Locale.ROOT,
        "%s: RSS grew %d kB over epochs %d..%d (target < %d kB: %s)%n",
        what,
        growth,
        fromEpoch,
        rss.size(),
        targetKilobytes,
        growth < targetKilobytes ? "met" : "NOT met");
  }

  /** VmRSS of this process in kB, from /proc (Linux only). */
  private static long residentKilobytes() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException(
          "This benchmark reads /proc/self/status, which only Linux has", e);
    }
    throw new IllegalStateException("No VmRSS line in /proc/self/status");
  }
}
