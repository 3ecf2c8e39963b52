package io.github.syntheticpatients.runtime.eval.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

class QuietTribuoTest {
  private static final Logger SGD = Logger.getLogger("org.tribuo.common.sgd.AbstractSGDTrainer");

  @Test
  void trainingIsQuietAndTheUsersLevelComesBack() {
    List<LogRecord> published = new ArrayList<>();
    Handler handler =
        new Handler() {
          @Override
          public void publish(LogRecord record) {
            published.add(record);
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    Level before = SGD.getLevel();
    SGD.setLevel(Level.FINE);
    SGD.addHandler(handler);
    try {
      List<double[]> rows = new ArrayList<>();
      int[] labels = new int[40];
      for (int i = 0; i < 40; i++) {
        rows.add(new double[] {i % 2, i / 40.0});
        labels[i] = i % 2;
      }
      Classifiers.train(Classifiers.Kind.LOGISTIC, new String[] {"a", "b"}, rows, labels, 1);

      assertThat(published).as("Tribuo's SGD log records while ours trained").isEmpty();
      assertThat(SGD.getLevel()).as("the level the user set").isEqualTo(Level.FINE);
    } finally {
      SGD.removeHandler(handler);
      SGD.setLevel(before);
    }
  }

  @Test
  void nestedScopesRestoreOnlyWhenTheLastCloses() {
    Level before = SGD.getLevel();
    SGD.setLevel(Level.INFO);
    try {
      QuietTribuo outer = QuietTribuo.open();
      QuietTribuo inner = QuietTribuo.open();
      inner.close();
      inner.close();
      assertThat(SGD.getLevel()).isEqualTo(Level.WARNING);
      outer.close();
      assertThat(SGD.getLevel()).isEqualTo(Level.INFO);
    } finally {
      SGD.setLevel(before);
    }
  }
}
