package io.github.syntheticpatients.runtime.gan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import io.github.syntheticpatients.runtime.model.DenseLayer;
import java.util.ArrayList;
import java.util.List;

/**
 * The critic: an LSTM over {@code [x_t, statics]}, its hidden states pooled over each sequence's
 * valid steps (their mean, and the state at the last valid step, which has read the whole
 * sequence), then {@code LeakyReLU(x·W + b)} and a linear layer to one score. Padded steps never
 * reach the score: the LSTM runs forward, so valid steps do not see them, and the pooling masks
 * them.
 */
final class TimelineCriticNetwork {
  private final LstmParams lstm;
  private final DenseParams hidden;
  private final DenseParams output;

  TimelineCriticNetwork(NDManager manager, int inputWidth, int width) {
    lstm = new LstmParams(manager, inputWidth, width);
    hidden = new DenseParams(manager, 2 * width, width, false);
    output = new DenseParams(manager, width, 1, false);
  }

  List<NDArray> parameters() {
    List<NDArray> list = new ArrayList<>(lstm.parameters());
    list.addAll(hidden.parameters());
    list.addAll(output.parameters());
    return list;
  }

  /**
   * Scores {@code copies} stacked copies of a batch's shape ({@code x}: {@code copies·B × T ×
   * stepWidth}); results ({@code copies·B × 1}) live on {@code x}'s manager.
   */
  NDArray score(NDArray x, TimelineBatch batch, int copies) {
    NDManager manager = x.getManager();
    NDArray input =
        batch.staticWidth == 0 ? x : x.concat(batch.staticsOverTime(manager, copies), 2);
    NDArray states = lstm.forward(input);
    long rows = (long) copies * batch.size;
    NDArray mean =
        states
            .mul(batch.mask(manager, copies))
            .sum(new int[] {1})
            .mul(batch.inverseLengths(manager, copies));
    NDArray last =
        states
            .gather(batch.lastStepIndex(manager, copies, lstm.hidden), 1)
            .reshape(new Shape(rows, lstm.hidden));
    return output.linear(
        Activation.leakyRelu(hidden.linear(mean.concat(last, 1)), DenseLayer.LEAKY_SLOPE));
  }
}
