package io.github.syntheticpatients.runtime.gan;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.syntheticpatients.runtime.TrainingListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class GanTrainingLeakTest {

  /** No NDArray may outlive its step: the owning manager holds the same arrays after every epoch. */
  @Test
  void arraysAndMemoryDoNotGrowAcrossEpochs() {
    int rows = 500;
    float[] data = TinyTable.data(rows, 8);
    GanSettings settings = GanSettings.ctganDefaults().withEpochs(30).withBatchSize(100)
        .withGeneratorDims(List.of(64, 64)).withDiscriminatorDims(List.of(64, 64));
    List<Integer> arrays = new ArrayList<>();
    List<Long> rss = new ArrayList<>();
    try (GanTraining training = DjlEngine.open(data, rows, TinyTable.LAYOUT, settings, 2)) {
      training.run(TrainingListener.NONE, generator -> {}, (epoch, manager) -> {
        arrays.add(manager.getManagedArrays().size());
        rss.add(residentKilobytes());
      });
    }
    System.out.println("managed arrays per epoch: " + arrays);
    System.out.println("RSS kB per epoch: " + rss);
    // 16 parameters, Adam's two moments for each and 9 scalar constants: nothing else survives an epoch.
    assertThat(arrays).containsOnly(3 * 16 + 9);
    if (rss.get(0) > 0) {
      // RSS also grows while the Java heap fills with garbage (about 1 MB an epoch here, flat once the heap is
      // fully touched), so the bound is loose; the double-backward leak (4.7 MB a step, 5 steps an epoch) or the
      // pitfall-4 leak (50 MB an epoch) would break it.
      assertThat(rss.get(rss.size() - 1) - rss.get(9)).as("RSS growth epochs 10..30, kB").isLessThan(60_000);
    }
  }

  private static long residentKilobytes() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (IOException | RuntimeException e) {
      return 0;
    }
    return 0;
  }
}
