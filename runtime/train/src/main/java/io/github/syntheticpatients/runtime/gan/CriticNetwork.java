package io.github.syntheticpatients.runtime.gan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.norm.Dropout;
import io.github.syntheticpatients.runtime.model.DenseLayer;
import java.util.ArrayList;
import java.util.List;

/**
 * The discriminator: hidden layers {@code Dropout(LeakyReLU(x·W + b))}, optionally with layer norm
 * {@code Dropout(LeakyReLU(LN(x·W + b)))}, then a linear layer to one score. Because each layer is
 * piecewise linear or (layer norm) has a closed-form Jacobian, {@link #inputGradient} can write its
 * exact input gradient with ordinary ops, which gives the WGAN-GP penalty without double backward
 * (DJL's double backward leaks about 4.7 MB a step).
 */
final class CriticNetwork {
  private final List<DenseParams> hidden = new ArrayList<>();
  private final DenseParams output;
  private final double dropout;
  private final boolean layerNorm;
  // Per hidden layer with layer norm: its learned scale and shift.
  private final List<NDArray> gammas = new ArrayList<>();
  private final List<NDArray> betas = new ArrayList<>();
  // Constants live with the parameters: as arguments they never own results (those land on the
  // batch manager).
  private final NDArray zero;
  private final NDArray slopeStep;
  private final NDArray leak;
  private final NDArray dropoutRate;
  private final NDArray keepScale;
  private final NDArray normEpsilon;

  /** A critic without layer norm (the DP critic's and the benchmarks'). */
  CriticNetwork(NDManager manager, int inputWidth, List<Integer> dims, double dropout) {
    this(manager, inputWidth, dims, dropout, false);
  }

  /**
   * A critic over rows of {@code inputWidth} values with hidden widths {@code dims}, {@code
   * dropout} after each hidden layer and, with {@code layerNorm}, layer norm (scale 1, shift 0 at
   * the start) before each LeakyReLU.
   */
  CriticNetwork(
      NDManager manager, int inputWidth, List<Integer> dims, double dropout, boolean layerNorm) {
    int width = inputWidth;
    for (int dim : dims) {
      hidden.add(new DenseParams(manager, width, dim, false));
      if (layerNorm) {
        NDArray gamma = manager.ones(new Shape(dim), DataType.FLOAT32);
        NDArray beta = manager.zeros(new Shape(dim), DataType.FLOAT32);
        gamma.setRequiresGradient(true);
        beta.setRequiresGradient(true);
        gammas.add(gamma);
        betas.add(beta);
      }
      width = dim;
    }
    output = new DenseParams(manager, width, 1, false);
    this.dropout = dropout;
    this.layerNorm = layerNorm;
    zero = Scalars.of(manager, 0);
    slopeStep = Scalars.of(manager, 1 - DenseLayer.LEAKY_SLOPE);
    leak = Scalars.of(manager, DenseLayer.LEAKY_SLOPE);
    dropoutRate = Scalars.of(manager, dropout);
    keepScale = Scalars.of(manager, 1 / (1 - dropout));
    // Only with layer norm, so that a critic without it holds exactly the arrays it always held.
    normEpsilon = layerNorm ? Scalars.of(manager, DenseLayer.LAYER_NORM_EPSILON) : null;
  }

  List<NDArray> parameters() {
    List<NDArray> list = new ArrayList<>();
    for (int l = 0; l < hidden.size(); l++) {
      list.addAll(hidden.get(l).parameters());
      if (layerNorm) {
        list.add(gammas.get(l));
        list.add(betas.get(l));
      }
    }
    list.addAll(output.parameters());
    return list;
  }

  /** The linear layers in order, the output layer last (for per-record gradients under DP). */
  List<DenseParams> layers() {
    List<DenseParams> list = new ArrayList<>(hidden);
    list.add(output);
    return list;
  }

  /** The dropout rate after each hidden layer. */
  double dropout() {
    return dropout;
  }

  /**
   * Scores {@code x} (one row per, possibly packed, sample), drawing fresh dropout masks from the
   * torch generator. Everything lives on {@code x}'s manager. {@code withSlopes} keeps what {@link
   * #inputGradient} needs.
   */
  Pass forward(NDArray x, boolean withSlopes) {
    NDManager batch = x.getManager();
    List<NDArray> slopes = new ArrayList<>();
    List<NDArray> masks = new ArrayList<>();
    List<NDArray> normalised = new ArrayList<>();
    List<NDArray> deviations = new ArrayList<>();
    NDArray h = x;
    NDArray features = x;
    for (int l = 0; l < hidden.size(); l++) {
      NDArray pre = hidden.get(l).linear(h);
      if (layerNorm) {
        // Over each row's units: x̂ = (pre − mean) / √(var + ε) (biased variance, as torch's
        // layer_norm), then γ ⊙ x̂ + β. Written out so that inputGradient can reuse x̂ and σ.
        NDArray centred = pre.sub(pre.mean(new int[] {1}, true));
        NDArray deviation = centred.square().mean(new int[] {1}, true).add(normEpsilon).sqrt();
        NDArray xHat = centred.div(deviation);
        normalised.add(xHat);
        deviations.add(deviation);
        pre = xHat.mul(gammas.get(l)).add(betas.get(l));
      }
      h = Activation.leakyRelu(pre, DenseLayer.LEAKY_SLOPE);
      features = h;
      if (!withSlopes) {
        // Fused torch dropout: the masks are not needed afterwards.
        h = dropout > 0 ? Dropout.dropout(h, (float) dropout, true).singletonOrThrow() : h;
        continue;
      }
      // d LeakyReLU / d pre: 1 where pre > 0 (as torch's backward decides), 0.2 elsewhere; no
      // gradient of its own.
      slopes.add(
          pre.stopGradient().gt(zero).toType(DataType.FLOAT32, false).mul(slopeStep).add(leak));
      if (dropout > 0) {
        NDArray keep =
            batch
                .randomUniform(0f, 1f, pre.getShape(), DataType.FLOAT32)
                .gte(dropoutRate)
                .toType(DataType.FLOAT32, false)
                .mul(keepScale);
        masks.add(keep);
        h = h.mul(keep);
      }
    }
    return new Pass(output.linear(h), slopes, masks, normalised, deviations, features);
  }

  /**
   * The gradient of the summed scores with respect to the input of {@code pass}, as a
   * differentiable expression of the weights: {@code ∂D/∂x = ((W_L^T ⊙ f_{L-1}) W_{L-1}^T ⊙
   * f_{L-2}) … W_0^T} where each {@code f} is the layer's LeakyReLU slope times the same dropout
   * mask the forward pass used. Exact, because the critic is piecewise linear. With layer norm,
   * each layer's factor is followed by layer norm's Jacobian: for the upstream gradient g and
   * {@code u = γ ⊙ g}, {@code (u − mean(u) − x̂ ⊙ mean(u ⊙ x̂)) / σ} per row, which depends on the
   * weights through x̂ and σ and is differentiated with them.
   */
  NDArray inputGradient(Pass pass) {
    NDManager batch = pass.score().getManager();
    long rows = pass.score().getShape().get(0);
    NDArray gradient =
        batch.ones(new Shape(rows, 1), DataType.FLOAT32).matMul(transposed(output.weight, batch));
    for (int l = hidden.size() - 1; l >= 0; l--) {
      NDArray factor =
          dropout > 0 ? pass.slopes().get(l).mul(pass.masks().get(l)) : pass.slopes().get(l);
      gradient = gradient.mul(factor);
      if (layerNorm) {
        NDArray xHat = pass.normalised().get(l);
        NDArray u = gradient.mul(gammas.get(l));
        gradient =
            u.sub(u.mean(new int[] {1}, true))
                .sub(xHat.mul(u.mul(xHat).mean(new int[] {1}, true)))
                .div(pass.deviations().get(l));
      }
      gradient = gradient.matMul(transposed(hidden.get(l).weight, batch));
    }
    return gradient;
  }

  /** {@code weight^T} moved onto the batch manager, so it is freed with the batch (pitfall 4). */
  private static NDArray transposed(NDArray weight, NDManager batch) {
    NDArray t = weight.transpose();
    t.attach(batch);
    return t;
  }

  /**
   * One forward pass and what its input gradient needs.
   *
   * @param score the scores ({@code rows × 1})
   * @param slopes per hidden layer, the LeakyReLU derivative at the pre-activation
   * @param masks per hidden layer, the scaled dropout mask (empty without dropout)
   * @param normalised per hidden layer with layer norm, x̂ (empty without)
   * @param deviations per hidden layer with layer norm, σ = √(var + ε) per row (empty without)
   * @param features the last hidden layer's activations before dropout (CTAB-GAN's information loss
   *     compares their moments on real and generated rows)
   */
  record Pass(
      NDArray score,
      List<NDArray> slopes,
      List<NDArray> masks,
      List<NDArray> normalised,
      List<NDArray> deviations,
      NDArray features) {}
}
