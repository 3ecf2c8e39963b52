package org.example.patients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.syntheticpatients.junit.Seed;
import io.github.syntheticpatients.junit.SyntheticPatients;
import io.github.syntheticpatients.runtime.SampleRequest;
import io.github.syntheticpatients.runtime.sampling.ModelLoader;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Tests that sample at the same time, on different threads, and get what a serial run gets. */
class ParallelInjectionTest {
  private static final CountDownLatch BOTH_RUNNING = new CountDownLatch(2);

  private static void assertRunsInParallelAndMatchesSerial(List<Patient> patients, long seed)
      throws InterruptedException {
    BOTH_RUNNING.countDown();
    assertTrue(BOTH_RUNNING.await(30, TimeUnit.SECONDS), "the two tests did not run at the same time");
    List<String> sexes = patients.stream().map(Patient::sex).toList();
    List<String> serial =
        ModelLoader.load(ModelLoader.DEFAULT_MODEL).sample(SampleRequest.of(500, seed)).records().stream()
            .map(p -> p.getString("sex"))
            .toList();
    assertEquals(serial, sexes);
  }

  @Test
  @Seed(1)
  void first(@SyntheticPatients(count = 500) List<Patient> patients) throws InterruptedException {
    assertRunsInParallelAndMatchesSerial(patients, 1);
  }

  @Test
  @Seed(2)
  void second(@SyntheticPatients(count = 500) List<Patient> patients) throws InterruptedException {
    assertRunsInParallelAndMatchesSerial(patients, 2);
  }
}
