package io.github.syntheticpatients.runtime.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ParentWatchTest {
  @Test
  void reportsTheParentGoneWhenStdinEnds() throws Exception {
    PipedOutputStream parentSide = new PipedOutputStream();
    PipedInputStream stdin = new PipedInputStream(parentSide);
    CountDownLatch gone = new CountDownLatch(1);

    // The process that started this test JVM stays alive throughout.
    ParentWatch.start(ProcessHandle.current().parent().orElseThrow().pid(), stdin, gone::countDown);
    assertThat(gone.getCount()).isEqualTo(1);
    parentSide.close();

    assertThat(gone.await(30, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void reportsTheParentGoneWhenItsProcessHasEnded() throws Exception {
    Process parent =
        new ProcessBuilder(ProcessHandle.current().info().command().orElseThrow(), "-version")
            .start();
    parent.waitFor();
    CountDownLatch gone = new CountDownLatch(1);

    ParentWatch.start(parent.pid(), new PipedInputStream(new PipedOutputStream()), gone::countDown);

    assertThat(gone.await(30, TimeUnit.SECONDS)).isTrue();
  }
}
