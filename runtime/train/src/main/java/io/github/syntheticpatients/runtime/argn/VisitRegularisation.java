package io.github.syntheticpatients.runtime.argn;

/**
 * What keeps the visit chain from learning its training patients by heart (issue 20: on pbcseq the
 * membership attack found the fitted patients at AUC ≈ 0.60 where unseen ones score ≈ 0.53).
 *
 * @param tolerance keep the earliest epoch whose validation loss lies within this share of the
 *     lowest, in [0, 1) (0: the epoch of the lowest)
 * @param staticDropout the chance, in [0, 1), that a training visit row's context leaves out one
 *     static column's symbol (the rest scaled up to match); a patient's static symbols together
 *     nearly name it, so dropping some hides which patient a row belongs to. Never when validating
 *     or sampling, so the model file and the sampler are unchanged.
 * @param previousDropout the same for the previous visit's symbols (the history's input and the
 *     context's copy of it): a patient's own earlier values are what lets the chain replay its
 *     course
 */
public record VisitRegularisation(double tolerance, double staticDropout, double previousDropout) {
  /** The epoch of the lowest validation loss, every symbol. */
  public static final VisitRegularisation NONE = new VisitRegularisation(0, 0, 0);

  public VisitRegularisation {
    if (!(tolerance >= 0 && tolerance < 1)) {
      throw new IllegalArgumentException("tolerance must lie in [0, 1), was " + tolerance);
    }
    if (!(staticDropout >= 0 && staticDropout < 1)) {
      throw new IllegalArgumentException("static dropout must lie in [0, 1), was " + staticDropout);
    }
    if (!(previousDropout >= 0 && previousDropout < 1)) {
      throw new IllegalArgumentException(
          "previous-visit dropout must lie in [0, 1), was " + previousDropout);
    }
  }
}
