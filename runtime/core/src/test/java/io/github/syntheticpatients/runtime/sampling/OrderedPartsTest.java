package io.github.syntheticpatients.runtime.sampling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class OrderedPartsTest {

  @Test
  void partsComeInOrderWhateverOrderTheyFinishIn() throws IOException {
    // Part 0 waits until part 5 is done, so later parts finish first on 7 threads.
    CountDownLatch fifthDone = new CountDownLatch(1);
    Set<String> threads = ConcurrentHashMap.newKeySet();
    List<Integer> taken = new ArrayList<>();
    OrderedParts.run(
        40,
        7,
        part -> {
          threads.add(Thread.currentThread().getName());
          if (part == 0) {
            await(fifthDone);
          }
          if (part == 5) {
            fifthDone.countDown();
          }
          return part * part;
        },
        taken::add);
    List<Integer> squares = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      squares.add(i * i);
    }
    assertThat(taken).isEqualTo(squares);
    assertThat(threads.size()).isGreaterThan(1).isLessThanOrEqualTo(7);
  }

  @Test
  void aFailingPartStopsTheRunWithItsOwnException() {
    IllegalStateException failure = new IllegalStateException("part 3 failed");
    List<Integer> taken = new ArrayList<>();
    assertThatThrownBy(
            () ->
                OrderedParts.run(
                    10,
                    2,
                    part -> {
                      if (part == 3) {
                        throw failure;
                      }
                      return part;
                    },
                    taken::add))
        .isSameAs(failure);
    assertThat(taken).containsExactly(0, 1, 2);
  }

  private static void await(CountDownLatch latch) {
    try {
      // A guard against a hang, not a timing assertion.
      if (!latch.await(1, TimeUnit.MINUTES)) {
        throw new AssertionError("part 5 never ran while part 0 waited");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
