package io.github.syntheticpatients.runtime.training;

import io.github.syntheticpatients.runtime.TrainingListener;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;

/**
 * The training JVM's console: every message, and epochs as a progress display a build log can hold.
 * A 1,000-epoch run prints about a dozen epoch lines, not 1,000: one as soon as the pace is known
 * (after {@value #ESTIMATE_AFTER_SECONDS} s, with the time left), then one per tenth of the epochs
 * but never two within {@value #MIN_GAP_SECONDS} s, and the last epoch. With {@code everyEpoch}
 * (the plugin passes it under {@code mvn -X}) every epoch gets its line. It also counts the epochs
 * run over all trainings, for the final line.
 */
final class ProgressLines implements TrainingListener {
  static final long ESTIMATE_AFTER_SECONDS = 5;
  static final long MIN_GAP_SECONDS = 10;

  private final PrintStream out;
  private final boolean everyEpoch;
  private int epochsRun;
  private int previousEpoch;
  private int printedTenths;
  private boolean estimated;
  private Duration printedAt = Duration.ZERO;

  ProgressLines(PrintStream out, boolean everyEpoch) {
    this.out = out;
    this.everyEpoch = everyEpoch;
  }

  /** Epochs run so far, over every training this listener saw (all candidates, all snapshots). */
  int epochsRun() {
    return epochsRun;
  }

  @Override
  public void onEpoch(EpochProgress p) {
    epochsRun++;
    if (p.epoch() <= previousEpoch) {
      // A new training (the next candidate): its progress starts afresh.
      printedTenths = 0;
      estimated = false;
      printedAt = Duration.ZERO;
    }
    previousEpoch = p.epoch();
    int tenths = (int) ((long) p.epoch() * 10 / p.epochs());
    boolean last = p.epoch() == p.epochs();
    boolean firstEstimate = !estimated && p.elapsed().toSeconds() >= ESTIMATE_AFTER_SECONDS;
    boolean nextTenth =
        tenths > printedTenths && p.elapsed().minus(printedAt).toSeconds() >= MIN_GAP_SECONDS;
    if (everyEpoch || last || firstEstimate || nextTenth) {
      out.println(line(p));
      out.flush();
      printedTenths = tenths;
      estimated = true;
      printedAt = p.elapsed();
    }
  }

  @Override
  public void onMessage(String message) {
    out.println(message);
    out.flush();
  }

  static String line(EpochProgress p) {
    return String.format(
        Locale.ROOT,
        "Epoch %d/%d (%d%%)%s%s  elapsed %s%s",
        p.epoch(),
        p.epochs(),
        (int) ((long) p.epoch() * 100 / p.epochs()),
        loss(p.losses().first(), p.generatorLoss()),
        loss(p.losses().second(), p.discriminatorLoss()),
        format(p.elapsed()),
        p.epoch() == p.epochs() ? "" : "  about " + format(p.remaining()) + " left");
  }

  /** A loss with its name, or nothing where none is reported (DP training reports none). */
  private static String loss(String name, double value) {
    return Double.isNaN(value) ? "" : String.format(Locale.ROOT, "  %s %.4f", name, value);
  }

  static String format(Duration duration) {
    long seconds = duration.toSeconds();
    return seconds >= 60
        ? (seconds / 60) + "m" + String.format(Locale.ROOT, "%02d", seconds % 60) + "s"
        : seconds + "s";
  }
}
