package io.github.syntheticpatients.runtime.model;

import java.util.Objects;

/**
 * A trained patient-timeline generator (Health Gym's design), evaluated in plain Java: the input of
 * step {@code t} is {@code [z_t, statics]}; a forward LSTM reads steps {@code 0 … t}, a backward
 * LSTM reads steps {@code t … length−1} (the sequence reversed within its own length); their hidden
 * states, concatenated, go through an MLP head per step to the raw encoded step (before tanh /
 * softmax, which the sampler applies).
 *
 * <p>Immutable and thread-safe: every call works in its own arrays.
 */
public final class TimelineGenerator {
  private final LstmLayer forward;
  private final LstmLayer backward;
  private final MlpNetwork head;
  private final LstmKernel forwardKernel;
  private final LstmKernel backwardKernel;
  private final int latentDim;
  private final int staticWidth;

  /**
   * @param forward the LSTM over steps in order; its input is {@code latentDim + staticWidth} wide
   * @param backward the LSTM over steps in reverse, same input
   * @param head maps {@code [h_forward, h_backward]} to the raw step
   * @param latentDim width of the per-step standard-normal noise
   * @param staticWidth width of the encoded static attributes (0 for none)
   */
  public TimelineGenerator(
      LstmLayer forward, LstmLayer backward, MlpNetwork head, int latentDim, int staticWidth) {
    this.forward = Objects.requireNonNull(forward, "forward");
    this.backward = Objects.requireNonNull(backward, "backward");
    this.head = Objects.requireNonNull(head, "head");
    if (latentDim < 1 || staticWidth < 0) {
      throw new IllegalArgumentException(
          "latentDim must be positive and staticWidth 0 or more, got "
              + latentDim
              + " and "
              + staticWidth);
    }
    if (forward.in() != latentDim + staticWidth || backward.in() != latentDim + staticWidth) {
      throw new IllegalArgumentException(
          "The LSTMs read "
              + forward.in()
              + " and "
              + backward.in()
              + " inputs, not latent "
              + latentDim
              + " + statics "
              + staticWidth);
    }
    if (head.inputWidth() != forward.hidden() + backward.hidden()) {
      throw new IllegalArgumentException(
          "The head reads "
              + head.inputWidth()
              + " inputs, not the LSTMs' "
              + forward.hidden()
              + " + "
              + backward.hidden()
              + " hidden states");
    }
    this.latentDim = latentDim;
    this.staticWidth = staticWidth;
    forwardKernel = new LstmKernel(forward);
    backwardKernel = new LstmKernel(backward);
  }

  public LstmLayer forwardLstm() {
    return forward;
  }

  public LstmLayer backwardLstm() {
    return backward;
  }

  public MlpNetwork head() {
    return head;
  }

  public int latentDim() {
    return latentDim;
  }

  public int staticWidth() {
    return staticWidth;
  }

  /** Width of one raw encoded step. */
  public int stepWidth() {
    return head.outputWidth();
  }

  /**
   * Generates one patient's raw steps.
   *
   * @param noise {@code length × latentDim} standard-normal values, row-major (step {@code t}'s
   *     noise in row t)
   * @param statics the patient's encoded static attributes ({@code staticWidth} values)
   * @param length number of steps, at least 1
   * @return {@code length × stepWidth()} raw outputs, row-major
   */
  public float[] forwardRaw(float[] noise, float[] statics, int length) {
    if (length < 1) {
      throw new IllegalArgumentException("A timeline needs at least one step, got " + length);
    }
    if (noise.length != length * latentDim) {
      throw new IllegalArgumentException(
          "Expected " + length + " x " + latentDim + " noise values, got " + noise.length);
    }
    if (statics.length != staticWidth) {
      throw new IllegalArgumentException(
          "Expected " + staticWidth + " static values, got " + statics.length);
    }
    int inputWidth = latentDim + staticWidth;
    float[] input = new float[length * inputWidth];
    for (int t = 0; t < length; t++) {
      System.arraycopy(noise, t * latentDim, input, t * inputWidth, latentDim);
      System.arraycopy(statics, 0, input, t * inputWidth + latentDim, staticWidth);
    }
    int hf = forward.hidden();
    int hb = backward.hidden();
    float[] forwardStates = new float[length * hf];
    float[] backwardStates = new float[length * hb];
    forwardKernel.run(input, length, false, forwardStates);
    backwardKernel.run(input, length, true, backwardStates);
    float[] both = new float[length * (hf + hb)];
    for (int t = 0; t < length; t++) {
      System.arraycopy(forwardStates, t * hf, both, t * (hf + hb), hf);
      System.arraycopy(backwardStates, t * hb, both, t * (hf + hb) + hf, hb);
    }
    return head.forward(both, length);
  }
}
