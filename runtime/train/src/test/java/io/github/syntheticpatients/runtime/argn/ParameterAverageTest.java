package io.github.syntheticpatients.runtime.argn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;
import io.github.syntheticpatients.runtime.gan.DjlEngine;
import java.util.List;
import org.junit.jupiter.api.Test;

class ParameterAverageTest {

  /**
   * Four steps of weights that change every step, checked against the moving average written out in
   * Java doubles: the decay ramps as min(d, (1 + t) / (10 + t)) from step t = 0.
   */
  @Test
  void followsTheRampedMovingAverage() {
    JniUtils.setGradMode(false);
    float[][] steps = {{1f, -2f}, {3f, 0f}, {-1f, 4f}, {2f, 2f}};
    double decay = 0.2;
    try (NDManager manager = DjlEngine.engine().newBaseManager()) {
      NDArray weights = manager.create(new float[2]);
      NDArray average = manager.create(new float[] {10f, -10f});
      weights.setRequiresGradient(true);
      average.setRequiresGradient(true);
      ParameterAverage moving =
          new ParameterAverage(manager, List.of(weights), List.of(average), decay);
      double[] expected = {10, -10};
      for (int t = 0; t < steps.length; t++) {
        try (NDManager batch = manager.newSubManager()) {
          // The optimiser's in-place step: weights ← steps[t].
          weights.muli(batch.zeros(weights.getShape())).addi(batch.create(steps[t]));
        }
        moving.update();
        double d = Math.min(decay, (1.0 + t) / (10.0 + t));
        for (int i = 0; i < 2; i++) {
          expected[i] = d * expected[i] + (1 - d) * steps[t][i];
        }
      }
      float[] actual = average.toFloatArray();
      for (int i = 0; i < 2; i++) {
        assertThat((double) actual[i]).as("average[%d]", i).isCloseTo(expected[i], within(1e-5));
      }
      assertThat(weights.toFloatArray()).containsExactly(2f, 2f);
      assertThat(manager.getManagedArrays()).as("the two parameters only").hasSize(2);
    }
  }

  @Test
  void refusesADecayOfOne() {
    try (NDManager manager = DjlEngine.engine().newBaseManager()) {
      List<NDArray> one = List.of(manager.create(new float[1]));
      assertThatThrownBy(() -> new ParameterAverage(manager, one, one, 1.0))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("[0, 1)");
    }
  }
}
