package io.github.syntheticpatients.runtime.argn;

/**
 * Fixed linear features of the visit chain's context symbols: where each numeric value (the
 * previous visit's, a static one, the elapsed and remaining time) sits in its range, as one number
 * per column in [−0.5, 0.5] (0 when missing), read off its bin and within-bin symbols. A one-hot
 * symbol says which bin a value fell in but not that bin 7 lies between bins 6 and 8; with its
 * position beside it, a head learns "near the previous value" once for the whole range instead of
 * bin by bin from a few dozen patients. Being linear in the one-hot symbols, the features fold into
 * the context weights at export, so the sampler and the model format do not see them.
 *
 * @param weights {@code symbols × features}, row-major: the position each context symbol adds to
 *     each feature; the rows follow the context after the history state (static symbols, elapsed
 *     bins, remaining bins, the history input)
 * @param features the number of features
 */
public record ContextPositions(float[] weights, int features) {
  public ContextPositions {
    if (features < 0 || (features == 0 ? weights.length != 0 : weights.length % features != 0)) {
      throw new IllegalArgumentException("context positions: weights do not match the features");
    }
  }

  /** No features: the context is the symbols alone. */
  public static final ContextPositions NONE = new ContextPositions(new float[0], 0);

  /** The number of context symbols the weights cover (0 without features). */
  public int symbols() {
    return features == 0 ? 0 : weights.length / features;
  }
}
