package io.github.syntheticpatients.runtime.gan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * Scalar constants as torch-owned tensors. DJL's {@code Number} overloads ({@code mul(0.8f)},
 * {@code div(2)} …) wrap the number in a tensor over a Java buffer that is freed at once while
 * autograd still points at it, which corrupts gradients silently (random NaNs, diverging runs); the
 * training code passes these arrays instead.
 */
final class Scalars {
  private Scalars() {}

  /** A 0-d float32 tensor on {@code manager}. */
  static NDArray of(NDManager manager, double value) {
    return manager.full(new Shape(), (float) value, DataType.FLOAT32);
  }
}
