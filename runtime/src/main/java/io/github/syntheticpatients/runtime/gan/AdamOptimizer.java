package io.github.syntheticpatients.runtime.gan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import java.util.ArrayList;
import java.util.List;

/**
 * Adam exactly as PyTorch's {@code torch.optim.Adam} (L2 weight decay added to the gradient, bias-corrected
 * moments, epsilon outside the square root), on NDArrays. Written here rather than using DJL's Adam so its
 * arithmetic is PyTorch's and every temporary is on a per-step manager. Runs with grad mode off.
 */
final class AdamOptimizer {
  private static final double EPSILON = 1e-8;

  private final List<NDArray> parameters;
  private final List<NDArray> firstMoments = new ArrayList<>();
  private final List<NDArray> secondMoments = new ArrayList<>();
  private final double learningRate;
  private final double beta1;
  private final double beta2;
  private final double weightDecay;
  private int step;

  AdamOptimizer(NDManager manager, List<NDArray> parameters, double learningRate, double beta1, double beta2,
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

  /** Sets the gradients of this optimizer's parameters to zero; call before this network's backward. */
  void zeroGradients() {
    for (NDArray parameter : parameters) {
      JniUtils.zeroGrad((PtNDArray) parameter);
    }
  }

  /** Applies one Adam step from the parameters' current gradients; temporaries live on {@code batch}. */
  void step(NDManager batch) {
    step++;
    double correction1 = 1 - Math.pow(beta1, step);
    double correction2 = 1 - Math.pow(beta2, step);
    NDArray decay = Scalars.of(batch, weightDecay);
    NDArray beta1Array = Scalars.of(batch, beta1);
    NDArray beta2Array = Scalars.of(batch, beta2);
    NDArray oneMinusBeta1 = Scalars.of(batch, 1 - beta1);
    NDArray oneMinusBeta2 = Scalars.of(batch, 1 - beta2);
    NDArray sqrtCorrection2 = Scalars.of(batch, Math.sqrt(correction2));
    NDArray epsilon = Scalars.of(batch, EPSILON);
    NDArray stepSize = Scalars.of(batch, learningRate / correction1);
    for (int i = 0; i < parameters.size(); i++) {
      NDArray parameter = parameters.get(i);
      NDArray m = firstMoments.get(i);
      NDArray v = secondMoments.get(i);
      NDArray gradient = parameter.getGradient();
      gradient.attach(batch);
      if (weightDecay > 0) {
        gradient = gradient.add(decay.mul(parameter));
      }
      // m = β1 m + (1 − β1) g;  v = β2 v + (1 − β2) g²   (in place; temporaries start from batch arrays)
      m.muli(beta1Array).addi(gradient.mul(oneMinusBeta1));
      v.muli(beta2Array).addi(gradient.square().mul(oneMinusBeta2));
      // p −= lr / (1 − β1^t) · m / (√v / √(1 − β2^t) + ε)
      NDArray denominator = onBatch(v.sqrt(), batch).div(sqrtCorrection2).add(epsilon);
      parameter.subi(stepSize.mul(m).div(denominator));
    }
  }

  private static NDArray onBatch(NDArray array, NDManager batch) {
    array.attach(batch);
    return array;
  }
}
