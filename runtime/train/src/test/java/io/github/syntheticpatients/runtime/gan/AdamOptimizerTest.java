package io.github.syntheticpatients.runtime.gan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import java.util.List;
import org.junit.jupiter.api.Test;

class AdamOptimizerTest {

  /**
   * Three steps of loss = sum(c ⊙ w²), checked against PyTorch's Adam written out in Java doubles.
   */
  @Test
  void followsPyTorchAdamWithL2WeightDecay() {
    Engine engine = DjlEngine.engine();
    JniUtils.setGradMode(false);
    float[] initial = {0.5f, -1.5f, 2f};
    float[] c = {1f, 3f, -0.5f};
    double lr = 0.1;
    double beta1 = 0.5;
    double beta2 = 0.9;
    double decay = 0.01;
    try (NDManager manager = engine.newBaseManager()) {
      NDArray w = manager.create(initial.clone());
      w.setRequiresGradient(true);
      AdamOptimizer adam = new AdamOptimizer(manager, List.of(w), lr, beta1, beta2, decay);
      double[] expected = {initial[0], initial[1], initial[2]};
      double[] m = new double[3];
      double[] v = new double[3];
      for (int t = 1; t <= 3; t++) {
        try (NDManager batch = manager.newSubManager()) {
          NDArray cs = batch.create(c);
          try (GradientCollector collector = engine.newGradientCollector()) {
            adam.zeroGradients();
            collector.backward(cs.mul(w).mul(w).sum());
          }
          adam.step();
        }
        for (int i = 0; i < 3; i++) {
          double g = 2 * c[i] * expected[i] + decay * expected[i];
          m[i] = beta1 * m[i] + (1 - beta1) * g;
          v[i] = beta2 * v[i] + (1 - beta2) * g * g;
          double denominator = Math.sqrt(v[i]) / Math.sqrt(1 - Math.pow(beta2, t)) + 1e-8;
          expected[i] -= lr / (1 - Math.pow(beta1, t)) * m[i] / denominator;
        }
      }
      float[] actual = w.toFloatArray();
      for (int i = 0; i < 3; i++) {
        assertThat((double) actual[i]).as("w[%d]", i).isCloseTo(expected[i], within(1e-5));
      }
      assertThat(manager.getManagedArrays()).as("w, m and v only").hasSize(3);
    }
  }
}
