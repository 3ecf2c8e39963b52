package io.github.syntheticpatients.runtime.gan;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.syntheticpatients.runtime.TrainingListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimelineTrainingLeakTest {

  /** No NDArray may outlive its step: the owning manager holds the same arrays after every epoch. */
  @Test
  void arraysAndMemoryDoNotGrowAcrossEpochs() {
    TimelineTrainingData data = RisingTimelines.data(96, 4);
    TimelineGanSettings settings = TimelineGanSettings.defaults().withEpochs(30).withWidths(32, 32, 32);
    List<Integer> arrays = new ArrayList<>();
    List<Long> rss = new ArrayList<>();
    try (TimelineTraining training = TimelineTraining.open(data, RisingTimelines.LAYOUT, settings, 2)) {
      training.run(TrainingListener.NONE, (epoch, manager) -> {
        arrays.add(manager.getManagedArrays().size());
        // Java garbage (a few MB an epoch) would otherwise touch fresh heap pages until the whole heap is resident;
        // collecting each epoch lets the heap reuse the pages it has, so RSS growth is native memory.
        System.gc();
        rss.add(residentKilobytes());
      });
    }
    System.out.println("managed arrays per epoch: " + arrays);
    System.out.println("RSS kB per epoch: " + rss);
    // Generator: two LSTMs (4 each) and two dense layers (2 each); critic: one LSTM and two dense layers; Adam's two
    // moments for each of those 20 parameters; 7 scalar constants. Nothing else survives an epoch.
    assertThat(arrays).containsOnly(3 * 20 + 7);
    if (rss.get(0) > 0) {
      // From epoch 16 on the curriculum trains on whole sequences, so tensor shapes stop changing. Measured there:
      // ~0.1 MB an epoch (allocator noise, flat over 100 epochs); a leak of 70 kB a step (18 steps an epoch) would
      // break the bound, the double-backward leak (4.7 MB a step) or pitfall 4 by far.
      assertThat(rss.get(rss.size() - 1) - rss.get(15)).as("RSS growth epochs 16..30, kB").isLessThan(20_000);
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
