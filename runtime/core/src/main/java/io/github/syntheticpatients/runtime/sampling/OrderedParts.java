package io.github.syntheticpatients.runtime.sampling;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

/**
 * Computes numbered parts on a pool of threads and hands them to one consumer in order, holding at
 * most a few parts per thread: the output of a long run streams through memory instead of gathering
 * in it. A fork-join pool, so parallel streams inside a part (a GAN's row chunks) run on the same
 * threads rather than on the common pool.
 */
final class OrderedParts {
  /** Parts computed ahead of the consumer per thread: enough to keep every thread busy. */
  private static final int AHEAD_PER_THREAD = 2;

  private OrderedParts() {}

  /** Takes the parts in order; it may write, hence the checked exception. */
  @FunctionalInterface
  interface Consumer<T> {
    void accept(T part) throws IOException;
  }

  /**
   * Computes parts {@code 0 … parts − 1} on {@code threads} threads and passes each to {@code
   * consumer}, in order, on the calling thread. A failing part stops the run: its exception is
   * rethrown as it was thrown and the parts not yet taken are abandoned.
   */
  static <T> void run(int parts, int threads, IntFunction<T> compute, Consumer<T> consumer)
      throws IOException {
    ForkJoinPool pool = new ForkJoinPool(threads);
    Deque<Future<T>> pending = new ArrayDeque<>();
    try {
      int next = 0;
      while (next < parts || !pending.isEmpty()) {
        while (next < parts && pending.size() < AHEAD_PER_THREAD * threads + 1) {
          int part = next++;
          // Completed by hand: a fork-join task's get() hands out a copy of a part's exception.
          CompletableFuture<T> result = new CompletableFuture<>();
          pool.execute(
              () -> {
                try {
                  result.complete(compute.apply(part));
                } catch (RuntimeException | Error e) {
                  result.completeExceptionally(e);
                }
              });
          pending.add(result);
        }
        consumer.accept(take(pending.poll()));
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static <T> T take(Future<T> part) {
    try {
      return part.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException failure) {
        throw failure;
      }
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while sampling", e);
    }
  }
}
