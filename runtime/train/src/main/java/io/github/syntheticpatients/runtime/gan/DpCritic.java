package io.github.syntheticpatients.runtime.gan;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import io.github.syntheticpatients.runtime.dp.DpSgdStep;
import java.util.List;

/**
 * A WGAN critic trained with DP-SGD (privacy notes §5) in {@link DpSgdLoop}: each step clips every
 * sampled record's gradient of its real term −D(x_i) to norm C ({@link PerRecordClipping}, one
 * backward pass) into the loop's {@link DpSgdStep}, which adds the noise and divides by the
 * expected batch; the fake term mean D(fake) and the gradient penalty read no record and are added
 * unclipped. The penalty (CTGAN's λ·(‖∇D‖ − 1)²) is taken on the generated rows alone: on real–fake
 * interpolates it would read record i outside its clipped gradient. The generator may read the
 * critic's scores freely: that is post-processing. Shared by the DP CTGAN and {@code dp-vaegan}'s
 * second stage.
 */
public final class DpCritic {
  private final Engine engine;
  private final CriticNetwork critic;
  private final List<NDArray> parameters;
  private final AdamOptimizer optimizer;
  private final double clipNorm;
  private final int width;
  private final NDArray one;
  private final NDArray normFloor;
  private final NDArray penalty;
  private final double penaltyWeight;

  /**
   * A critic over rows of {@code width} values, with hidden layers {@code dims} and {@code
   * dropout}, Adam at {@code learningRate} (β {@code beta1}, {@code beta2}) and weight decay, and λ
   * = {@code gradientPenalty}; each record's real term clipped to {@code clipNorm}.
   */
  public DpCritic(
      Engine engine,
      NDManager parameters,
      int width,
      List<Integer> dims,
      double dropout,
      double learningRate,
      double beta1,
      double beta2,
      double weightDecay,
      double gradientPenalty,
      double clipNorm) {
    this.engine = engine;
    this.width = width;
    critic = new CriticNetwork(parameters, width, dims, dropout);
    this.parameters = critic.parameters();
    optimizer =
        new AdamOptimizer(parameters, this.parameters, learningRate, beta1, beta2, weightDecay);
    this.clipNorm = clipNorm;
    one = Scalars.of(parameters, 1);
    normFloor = Scalars.of(parameters, 1e-12);
    penalty = Scalars.of(parameters, gradientPenalty);
    penaltyWeight = gradientPenalty;
  }

  /** The sizes of the critic's parameters, for the loop's {@link DpSgdStep}. */
  public int[] sizes() {
    return DjlEngine.sizes(parameters);
  }

  /**
   * Adds the real term's gradient of each of {@code count} sampled rows ({@code real}, row-major;
   * none for an empty batch), clipped to C, to {@code step}.
   */
  public void addRealTerm(NDManager scope, float[] real, int count, DpSgdStep step) {
    if (count > 0) {
      PerRecordClipping.Clipped sum =
          PerRecordClipping.criticRealTerm(
              engine, critic, scope.create(real, new Shape(count, width)), clipNorm);
      step.addClippedSum(sum.sum(), count, sum.clipped());
    }
  }

  /**
   * One Adam step on the released real term plus the fake term and penalty on {@code fake}
   * (constants, on the batch-scoped {@code scope}).
   */
  public void update(NDManager scope, NDArray fake, float[][] released) {
    try (GradientCollector collector = engine.newGradientCollector()) {
      optimizer.zeroGradients();
      NDArray total = critic.forward(fake, false).score().mean();
      if (penaltyWeight > 0) {
        NDArray gradient = critic.inputGradient(critic.forward(fake, true));
        NDArray norm = gradient.square().sum(new int[] {1}).add(normFloor).sqrt();
        total = total.add(norm.sub(one).square().mean().mul(penalty));
      }
      // The released real term enters as Σ G·θ, whose gradient is exactly G.
      for (int p = 0; p < released.length; p++) {
        NDArray parameter = parameters.get(p);
        total = total.add(scope.create(released[p], parameter.getShape()).mul(parameter).sum());
      }
      collector.backward(total);
    }
    optimizer.step();
  }

  /**
   * The critic's scores of {@code x} (in training mode: dropout on), for the generator's loss
   * inside its own gradient collector.
   */
  public NDArray score(NDArray x) {
    return critic.forward(x, false).score();
  }
}
