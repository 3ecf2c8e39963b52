package io.github.syntheticpatients.runtime.eval.stats;

import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Lowers Tribuo's chatty trainers to WARNING while our classifiers train, and gives them back their
 * own levels afterwards, so that a user's logging set-up holds outside our calls. Tribuo's SGD
 * trainer logs two INFO lines per model and its bagging trainer one per tree; an evaluation trains
 * hundreds, which would flood a Maven build log.
 *
 * <p>Open with {@link #open()} in a try-with-resources. Nested and concurrent scopes share one
 * lowering: the first to open saves the levels, the last to close restores them.
 */
public final class QuietTribuo implements AutoCloseable {
  /**
   * Held in a field because java.util.logging keeps loggers only weakly; a collected logger forgets
   * its level.
   */
  private static final List<Logger> LOGGERS =
      List.of(
          Logger.getLogger("org.tribuo.common.sgd.AbstractSGDTrainer"),
          Logger.getLogger("org.tribuo.ensemble.BaggingTrainer"));

  private static final Object LOCK = new Object();
  private static int open;
  private static Level[] saved;

  private boolean closed;

  private QuietTribuo() {}

  /** Lowers the loggers until {@link #close()}. */
  static QuietTribuo open() {
    synchronized (LOCK) {
      if (open++ == 0) {
        saved = new Level[LOGGERS.size()];
        for (int i = 0; i < LOGGERS.size(); i++) {
          saved[i] = LOGGERS.get(i).getLevel();
          LOGGERS.get(i).setLevel(Level.WARNING);
        }
      }
    }
    return new QuietTribuo();
  }

  @Override
  public void close() {
    synchronized (LOCK) {
      if (closed) {
        return;
      }
      closed = true;
      if (--open == 0) {
        for (int i = 0; i < LOGGERS.size(); i++) {
          LOGGERS.get(i).setLevel(saved[i]);
        }
        saved = null;
      }
    }
  }
}
