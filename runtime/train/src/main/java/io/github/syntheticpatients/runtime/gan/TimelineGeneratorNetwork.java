package io.github.syntheticpatients.runtime.gan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import io.github.syntheticpatients.runtime.model.DenseLayer;
import io.github.syntheticpatients.runtime.model.MlpNetwork;
import io.github.syntheticpatients.runtime.model.TimelineGenerator;
import java.util.ArrayList;
import java.util.List;

/**
 * The timeline generator in DJL, built so that {@link #export()} computes the same in plain Java:
 * per step the input {@code [z_t, statics]}; a forward LSTM, and a backward LSTM run on the
 * sequence reversed within its own length (gather with per-row indices) whose outputs are reversed
 * back; their concatenation through {@code LeakyReLU(x·W + b)} and a linear layer to the raw
 * encoded step.
 */
final class TimelineGeneratorNetwork {
  private final int latentDim;
  private final int staticWidth;
  private final LstmParams forwardLstm;
  private final LstmParams backwardLstm;
  private final DenseParams hidden;
  private final DenseParams output;

  TimelineGeneratorNetwork(
      NDManager manager,
      int latentDim,
      int staticWidth,
      int lstmHidden,
      int mlpHidden,
      int stepWidth) {
    this.latentDim = latentDim;
    this.staticWidth = staticWidth;
    forwardLstm = new LstmParams(manager, latentDim + staticWidth, lstmHidden);
    backwardLstm = new LstmParams(manager, latentDim + staticWidth, lstmHidden);
    hidden = new DenseParams(manager, 2 * lstmHidden, mlpHidden, false);
    output = new DenseParams(manager, mlpHidden, stepWidth, false);
  }

  List<NDArray> parameters() {
    List<NDArray> list = new ArrayList<>(forwardLstm.parameters());
    list.addAll(backwardLstm.parameters());
    list.addAll(hidden.parameters());
    list.addAll(output.parameters());
    return list;
  }

  /**
   * The raw outputs ({@code B·T × stepWidth}, row-major by patient then step) for noise {@code B ×
   * T × latentDim} and the batch's static attributes; rows of padded steps hold values that callers
   * mask. Results live on {@code noise}'s manager.
   */
  NDArray forward(NDArray noise, TimelineBatch batch) {
    return forward(noise, batch, null);
  }

  /**
   * As {@link #forward(NDArray, TimelineBatch)}, with {@code staticJitter} ({@code B × 1 ×
   * staticWidth}, or null) added to every step's copy of the static attributes.
   */
  NDArray forward(NDArray noise, TimelineBatch batch, NDArray staticJitter) {
    NDManager manager = noise.getManager();
    NDArray statics = staticWidth == 0 ? null : batch.staticsOverTime(manager, 1);
    if (statics != null && staticJitter != null) {
      statics = statics.add(staticJitter);
    }
    NDArray input = statics == null ? noise : noise.concat(statics, 2);
    NDArray forwardStates = forwardLstm.forward(input);
    NDArray reversedInput = input.gather(batch.reversal(manager, latentDim + staticWidth), 1);
    NDArray backwardStates =
        backwardLstm.forward(reversedInput).gather(batch.reversal(manager, backwardLstm.hidden), 1);
    NDArray both =
        forwardStates
            .concat(backwardStates, 2)
            .reshape(
                new Shape(
                    (long) batch.size * batch.steps, forwardLstm.hidden + backwardLstm.hidden));
    return output.linear(Activation.leakyRelu(hidden.linear(both), DenseLayer.LEAKY_SLOPE));
  }

  TimelineGenerator export() {
    MlpNetwork head =
        new MlpNetwork(
            List.of(
                hidden.export(DenseLayer.Activation.LEAKY_RELU, false),
                output.export(DenseLayer.Activation.NONE, false)));
    return new TimelineGenerator(
        forwardLstm.export(), backwardLstm.export(), head, latentDim, staticWidth);
  }
}
