package io.github.syntheticpatients.runtime.model;

import java.util.Objects;

/**
 * One fully connected layer of a generator, as the plain-Java forward pass runs it:
 *
 * <pre>
 *   h = x · W + b                      (W is in × out, row-major)
 *   h = (h − mean(h)) / sqrt(var(h) + 1e-5) · gamma + beta     if layerNorm (biased variance, per row)
 *   h = activation(h)
 *   out = concat(h, x)                 if concatInput (a CTGAN residual block), else h
 * </pre>
 *
 * @param in input width
 * @param out output width of the linear map
 * @param weight {@code in × out} weights, row-major
 * @param bias {@code out} biases
 * @param layerNorm whether layer normalisation follows the linear map
 * @param gamma layer-norm scale ({@code out}), or null without layer norm
 * @param beta layer-norm shift ({@code out}), or null without layer norm
 * @param activation the activation after normalisation
 * @param concatInput whether the layer's input is appended to its output
 */
public record DenseLayer(
    int in,
    int out,
    float[] weight,
    float[] bias,
    boolean layerNorm,
    float[] gamma,
    float[] beta,
    Activation activation,
    boolean concatInput) {

  /** Layer-norm epsilon, the same as PyTorch's default. */
  public static final float LAYER_NORM_EPSILON = 1e-5f;

  /** Hidden-layer activations. */
  public enum Activation {
    NONE,
    RELU,
    /** LeakyReLU with slope 0.2. */
    LEAKY_RELU
  }

  /** LeakyReLU's negative slope. */
  public static final float LEAKY_SLOPE = 0.2f;

  public DenseLayer {
    Objects.requireNonNull(weight, "weight");
    Objects.requireNonNull(bias, "bias");
    Objects.requireNonNull(activation, "activation");
    if (weight.length != in * out || bias.length != out) {
      throw new IllegalArgumentException(
          "Layer " + in + "x" + out + " has wrong weight or bias length");
    }
    if (layerNorm && (gamma == null || beta == null || gamma.length != out || beta.length != out)) {
      throw new IllegalArgumentException("Layer norm needs gamma and beta of length " + out);
    }
  }

  /** The width of this layer's output (with the input appended when {@code concatInput}). */
  public int outputWidth() {
    return concatInput ? out + in : out;
  }
}
