package io.github.syntheticpatients.runtime.gan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import java.util.ArrayList;
import java.util.List;

/**
 * Adam as PyTorch's {@code torch.optim.Adam} (L2 weight decay added to the gradient, bias-corrected
 * moments, epsilon added after the bias-corrected square root). DJL's own Adam scales epsilon
 * differently; this drives the same fused libtorch kernel with arguments that give PyTorch's
 * arithmetic, and creates no NDArray temporaries.
 */
public final class AdamOptimizer {
  private static final double EPSILON = 1e-8;

  private final List<NDArray> parameters;
  private final List<NDArray> firstMoments = new ArrayList<>();
  private final List<NDArray> secondMoments = new ArrayList<>();
  private final double learningRate;
  private final double beta1;
  private final double beta2;
  private final double weightDecay;
  private int step;

  public AdamOptimizer(
      NDManager manager,
      List<NDArray> parameters,
      double learningRate,
      double beta1,
      double beta2,
      double weightDecay) {
    this.parameters = List.copyOf(parameters);
    for (NDArray parameter : parameters) {
      firstMoments.add(manager.zeros(parameter.getShape(), parameter.getDataType()));
      secondMoments.add(manager.zeros(parameter.getShape(), parameter.getDataType()));
    }
    this.learningRate = learningRate;
    this.beta1 = beta1;
    this.beta2 = beta2;
    this.weightDecay = weightDecay;
  }

  /**
   * Sets the gradients of this optimizer's parameters to zero; call before this network's backward.
   */
  public void zeroGradients() {
    for (NDArray parameter : parameters) {
      JniUtils.zeroGrad((PtNDArray) parameter);
    }
  }

  /**
   * Applies one Adam step from the parameters' current gradients with libtorch's fused update (one
   * native call per parameter). That kernel computes {@code p −= c · m / (√v + ε')}; PyTorch's Adam
   * is {@code p −= lr / (1 − β1^t) · m / (√v / √(1 − β2^t) + ε)}, which is the same with {@code c =
   * lr · √(1 − β2^t) / (1 − β1^t)} and {@code ε' = ε · √(1 − β2^t)}. The L2 decay is added to the
   * gradient inside the kernel, as PyTorch does.
   */
  public void step() {
    step++;
    double correction1 = 1 - Math.pow(beta1, step);
    double sqrtCorrection2 = Math.sqrt(1 - Math.pow(beta2, step));
    float scaledRate = (float) (learningRate * sqrtCorrection2 / correction1);
    float scaledEpsilon = (float) (EPSILON * sqrtCorrection2);
    for (int i = 0; i < parameters.size(); i++) {
      PtNDArray parameter = (PtNDArray) parameters.get(i);
      PtNDArray gradient = JniUtils.getGradient(parameter);
      if (gradient == null) {
        // As torch.optim.Adam: a parameter that took no part in any loss yet (the LSTM's recurrent
        // weights while
        // every sequence has one step: step 0 has no recurrent product) has no gradient and is not
        // updated.
        continue;
      }
      try (gradient) {
        JniUtils.adamUpdate(
            parameter,
            gradient,
            (PtNDArray) firstMoments.get(i),
            (PtNDArray) secondMoments.get(i),
            (float) learningRate,
            scaledRate,
            (float) weightDecay,
            1f,
            -1f,
            (float) beta1,
            (float) beta2,
            scaledEpsilon,
            false);
      }
    }
  }
}
