package io.github.syntheticpatients.runtime.gan;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.syntheticpatients.runtime.TrainingListener;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class EpochLoopTest {

  /** Critic steps return 1, 2, 3, ...; generator steps 10, 20, 30, ...; every call is logged. */
  private static final class CountingSteps implements EpochLoop.Steps<String> {
    final List<String> log = new ArrayList<>();
    private int criticCalls;
    private int generatorCalls;

    @Override
    public double criticStep(int epoch) {
      log.add("c" + epoch);
      return ++criticCalls;
    }

    @Override
    public double generatorStep(int epoch) {
      log.add("g" + epoch);
      return 10 * ++generatorCalls;
    }

    @Override
    public String export(double[] generatorLosses, double[] criticLosses) {
      return Arrays.toString(generatorLosses) + " " + Arrays.toString(criticLosses);
    }
  }

  @Test
  void runsCriticStepsBeforeEachGeneratorStepAndAveragesTheLosses() {
    CountingSteps steps = new CountingSteps();
    List<TrainingListener.EpochProgress> progress = new ArrayList<>();
    TrainingListener listener =
        new TrainingListener() {
          @Override
          public void onEpoch(EpochProgress epoch) {
            progress.add(epoch);
            steps.log.add("progress " + epoch.epoch());
          }
        };

    String last =
        new EpochLoop(3, 2, 2, 2)
            .run(
                steps,
                listener,
                done -> steps.log.add("after " + done),
                snapshot -> steps.log.add("snapshot " + snapshot));

    assertThat(steps.log)
        .containsExactly(
            "c0",
            "c0",
            "g0",
            "c0",
            "c0",
            "g0",
            "progress 1",
            "after 1",
            "c1",
            "c1",
            "g1",
            "c1",
            "c1",
            "g1",
            "progress 2",
            "after 2",
            "snapshot [15.0, 35.0] [2.5, 6.5]",
            "c2",
            "c2",
            "g2",
            "c2",
            "c2",
            "g2",
            "progress 3",
            "after 3");
    assertThat(last).isEqualTo("[15.0, 35.0, 55.0] [2.5, 6.5, 10.5]");
    assertThat(progress).extracting(TrainingListener.EpochProgress::epochs).containsOnly(3);
    assertThat(progress)
        .extracting(TrainingListener.EpochProgress::generatorLoss)
        .containsExactly(15.0, 35.0, 55.0);
    assertThat(progress)
        .extracting(TrainingListener.EpochProgress::discriminatorLoss)
        .containsExactly(2.5, 6.5, 10.5);
    assertThat(progress.get(2).remaining()).isZero();
  }

  @Test
  void takesNoSnapshotAtTheLastEpochOrWhenSnapshotEveryIsZero() {
    List<String> snapshots = new ArrayList<>();
    new EpochLoop(4, 1, 1, 2)
        .run(new CountingSteps(), TrainingListener.NONE, done -> {}, snapshots::add);
    new EpochLoop(4, 1, 1, 0)
        .run(new CountingSteps(), TrainingListener.NONE, done -> {}, snapshots::add);

    assertThat(snapshots).containsExactly("[10.0, 20.0] [1.0, 2.0]");
  }

  @Test
  void takesOnePassOverTheDataAndAtLeastOneStep() {
    assertThat(EpochLoop.stepsPerEpoch(400, 100)).isEqualTo(4);
    assertThat(EpochLoop.stepsPerEpoch(450, 100)).isEqualTo(4);
    assertThat(EpochLoop.stepsPerEpoch(5, 16)).isEqualTo(1);
  }
}
