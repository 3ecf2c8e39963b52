package io.github.syntheticpatients.runtime.sampling;

import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Progress lines for a long generation: one at each further tenth of the work or after {@value
 * #QUIET_SECONDS} s without a line, whichever comes first, but none in the first {@value
 * #QUIET_SECONDS} s, so a short run prints nothing.
 */
final class Progress {
  static final long QUIET_SECONDS = 5;

  private final long total;
  private final String unit;
  private final Consumer<String> lines;
  private final LongSupplier nanoTime;
  private final long start;
  private long lastLine;
  private long lastDone;

  /**
   * @param total the records (patients) the run writes
   * @param unit what they are, e.g. {@code "records"}
   * @param lines where the lines go
   * @param nanoTime the clock, {@link System#nanoTime} outside tests
   */
  Progress(long total, String unit, Consumer<String> lines, LongSupplier nanoTime) {
    this.total = total;
    this.unit = unit;
    this.lines = lines;
    this.nanoTime = nanoTime;
    this.start = nanoTime.getAsLong();
    this.lastLine = start;
  }

  /** Reports that {@code done} of the total are written. */
  void done(long done) {
    long now = nanoTime.getAsLong();
    long quiet = TimeUnit.SECONDS.toNanos(QUIET_SECONDS);
    if (now - start < quiet || done >= total) {
      return;
    }
    boolean tenth = done * 10 / total > lastDone * 10 / total;
    if (!tenth && now - lastLine < quiet) {
      return;
    }
    double seconds = (now - start) / 1e9;
    lines.accept(
        String.format(
            Locale.ROOT,
            "Generated %,d of %,d %s (%d %%) in %.0f s, %,.0f %s/s",
            done,
            total,
            unit,
            done * 100 / total,
            seconds,
            done / seconds,
            unit));
    lastLine = now;
    lastDone = done;
  }
}
