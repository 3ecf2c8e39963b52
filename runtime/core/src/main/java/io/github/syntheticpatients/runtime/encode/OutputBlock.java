package io.github.syntheticpatients.runtime.encode;

/**
 * A contiguous span of the encoded row that belongs to one column, and how a generator must
 * activate it.
 *
 * @param kind {@link Kind#SCALAR} spans are one value in [-1, 1] (tanh); {@link Kind#SOFTMAX} spans
 *     are a one-hot group (softmax / Gumbel-softmax in training, a sampled category when
 *     generating)
 * @param role what the span encodes
 * @param offset first position in the encoded row
 * @param width number of positions (1 for SCALAR)
 * @param column the schema column's name
 */
public record OutputBlock(Kind kind, Role role, int offset, int width, String column) {

  /** How the generator activates the span. */
  public enum Kind {
    SCALAR,
    SOFTMAX
  }

  /** What the span encodes. */
  public enum Role {
    /**
     * A continuous value: the normalised value within its mode (GMM) or the scaled value (min-max,
     * Box-Cox).
     */
    VALUE,
    /** The mixture component of a continuous value (mode-specific normalisation). */
    MODE,
    /**
     * The categories of a discrete column; a nullable column has one extra, last, category:
     * missing.
     */
    CATEGORY,
    /** Whether a nullable continuous value is present (position 0) or missing (position 1). */
    MISSING,
    /**
     * The quantile bin of a binned numeric value ({@link BinnedCodec}); a nullable column has one
     * extra, last, symbol: missing. A conditional vector can fix it like a category.
     */
    BIN
  }

  public OutputBlock {
    if (kind == Kind.SCALAR && width != 1) {
      throw new IllegalArgumentException("A SCALAR block has width 1");
    }
  }

  /** The position after the last one of this span. */
  public int end() {
    return offset + width;
  }
}
