package io.github.syntheticpatients.junit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.syntheticpatients.runtime.SyntheticModel;
import io.github.syntheticpatients.runtime.sampling.ModelLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ModelCacheTest {

  @Test
  void concurrentCallersShareOneLoadPerReference() throws Exception {
    AtomicInteger loads = new AtomicInteger();
    ModelCache cache =
        new ModelCache(
            reference -> {
              loads.incrementAndGet();
              return ModelLoader.load(reference);
            });
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<SyntheticModel>> futures = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        futures.add(pool.submit(() -> cache.get(ModelLoader.DEFAULT_MODEL)));
      }
      SyntheticModel first = futures.get(0).get();
      for (Future<SyntheticModel> future : futures) {
        assertThat(future.get()).isSameAs(first);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(loads).hasValue(1);
    assertThat(cache.size()).isEqualTo(1);

    cache.close();
    cache.close(); // JUnit 5.13+ may close a value that is both CloseableResource and AutoCloseable
    // twice
    assertThat(cache.size()).isZero();
    assertThatThrownBy(() -> cache.get(ModelLoader.DEFAULT_MODEL))
        .isInstanceOf(IllegalStateException.class);
  }
}
