package io.github.syntheticpatients.runtime.training;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.syntheticpatients.runtime.TrainingListener;
import io.github.syntheticpatients.runtime.TrainingListener.EpochProgress;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProgressLinesTest {

  /** Feeds {@code epochs} epochs that take {@code millisPerEpoch} each; returns the lines. */
  private static List<String> run(
      ProgressLines lines, ByteArrayOutputStream bytes, int epochs, long millisPerEpoch) {
    for (int epoch = 1; epoch <= epochs; epoch++) {
      Duration elapsed = Duration.ofMillis(epoch * millisPerEpoch);
      lines.onEpoch(
          new EpochProgress(
              epoch,
              epochs,
              1.0,
              -0.5,
              elapsed,
              Duration.ofMillis((epochs - epoch) * millisPerEpoch)));
    }
    return bytes.toString(StandardCharsets.UTF_8).lines().toList();
  }

  private static ByteArrayOutputStream bytes() {
    return new ByteArrayOutputStream();
  }

  @Test
  void aLongRunPrintsAnEstimateThenOneLinePerTenthNotOnePerEpoch() {
    ByteArrayOutputStream bytes = bytes();
    ProgressLines lines =
        new ProgressLines(new PrintStream(bytes, true, StandardCharsets.UTF_8), false);

    // 1,000 epochs of 200 ms: 200 s, so each tenth (20 s) is past the 10 s gap.
    List<String> out = run(lines, bytes, 1000, 200);

    assertThat(out)
        .extracting(line -> line.substring(0, line.indexOf(' ', 6)))
        .containsExactly(
            "Epoch 25/1000", // 5 s: the first estimate
            "Epoch 100/1000",
            "Epoch 200/1000",
            "Epoch 300/1000",
            "Epoch 400/1000",
            "Epoch 500/1000",
            "Epoch 600/1000",
            "Epoch 700/1000",
            "Epoch 800/1000",
            "Epoch 900/1000",
            "Epoch 1000/1000");
    assertThat(out.get(0))
        .isEqualTo(
            "Epoch 25/1000 (2%)  generator loss 1.0000  discriminator loss -0.5000  elapsed 5s"
                + "  about 3m15s left");
    assertThat(out.get(10)).endsWith("elapsed 3m20s");
    assertThat(lines.epochsRun()).isEqualTo(1000);
  }

  @Test
  void tenthsCloserThanTenSecondsApartAreNotPrinted() {
    ByteArrayOutputStream bytes = bytes();
    ProgressLines lines =
        new ProgressLines(new PrintStream(bytes, true, StandardCharsets.UTF_8), false);

    // 1,000 epochs of 30 ms: 30 s in all, a tenth every 3 s.
    List<String> out = run(lines, bytes, 1000, 30);

    assertThat(out)
        .extracting(line -> line.substring(0, line.indexOf(' ', 6)))
        .containsExactly(
            // a tenth is printed once 10 s have passed since the last line
            "Epoch 167/1000", "Epoch 501/1000", "Epoch 835/1000", "Epoch 1000/1000");
  }

  @Test
  void verbosePrintsEveryEpochAndASecondTrainingStartsAfresh() {
    ByteArrayOutputStream bytes = bytes();
    ProgressLines lines =
        new ProgressLines(new PrintStream(bytes, true, StandardCharsets.UTF_8), true);

    run(lines, bytes, 30, 10);
    List<String> out = run(lines, bytes, 20, 10);

    assertThat(out).hasSize(50);
    assertThat(out.get(30)).startsWith("Epoch 1/20 (5%)");
    assertThat(lines.epochsRun()).isEqualTo(50);
  }

  @Test
  void aShortRunPrintsOnlyItsLastEpochAndMessagesPassThrough() {
    ByteArrayOutputStream bytes = bytes();
    ProgressLines lines =
        new ProgressLines(new PrintStream(bytes, true, StandardCharsets.UTF_8), false);

    lines.onMessage("Training CTGAN …");
    List<String> out = run(lines, bytes, 3, 100);

    assertThat(out).hasSize(2);
    assertThat(out.get(0)).isEqualTo("Training CTGAN …");
    assertThat(out.get(1)).startsWith("Epoch 3/3 (100%)").endsWith("elapsed 0s");
  }

  @Test
  void aLikelihoodModelsLossesAreNamedAsSuchAndMissingLossesAreLeftOut() {
    EpochProgress argn =
        new EpochProgress(
            8,
            200,
            23.4912,
            23.8557,
            Duration.ofSeconds(5),
            Duration.ofSeconds(123),
            TrainingListener.Losses.TRAINING_VALIDATION);
    EpochProgress dp =
        new EpochProgress(
            3, 10, Double.NaN, Double.NaN, Duration.ofSeconds(6), Duration.ofSeconds(14));

    assertThat(ProgressLines.line(argn))
        .isEqualTo(
            "Epoch 8/200 (4%)  training loss 23.4912  validation loss 23.8557  elapsed 5s"
                + "  about 2m03s left");
    assertThat(ProgressLines.line(dp)).isEqualTo("Epoch 3/10 (30%)  elapsed 6s  about 14s left");
  }
}
