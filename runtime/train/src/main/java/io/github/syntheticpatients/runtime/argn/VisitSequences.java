package io.github.syntheticpatients.runtime.argn;

/**
 * Patients as the timeline {@code argn} trains on them: each patient's static symbols, and its
 * visit rows of chain symbols one after another (a stop row last unless the timeline was cut at the
 * longest length).
 *
 * @param staticCodes {@code patients × staticVocabulary.length} static symbols, row-major
 * @param staticVocabulary symbols per static sub-column
 * @param codes every patient's visit rows, {@code rows × vocabulary.length}, row-major
 * @param starts patient p's rows are {@code [starts[p], starts[p + 1])}
 * @param vocabulary symbols per visit sub-column (the stop symbol's first)
 * @param timeCodes per visit row, its elapsed-time bin and its remaining-time bin ({@code rows ×
 *     2}; the second unused without remaining bins)
 * @param timeBins the number of elapsed-time bins and of remaining-time bins (0 for none)
 */
public record VisitSequences(
    int[] staticCodes,
    int[] staticVocabulary,
    int[] codes,
    int[] starts,
    int[] vocabulary,
    int[] timeCodes,
    int[] timeBins) {

  public VisitSequences {
    int patients = starts.length - 1;
    if (patients < 0
        || staticCodes.length != patients * staticVocabulary.length
        || codes.length != starts[patients] * vocabulary.length
        || timeCodes.length != starts[patients] * 2
        || timeBins.length != 2) {
      throw new IllegalArgumentException("visit sequences: array sizes do not match");
    }
  }

  /** The number of patients. */
  public int patients() {
    return starts.length - 1;
  }

  /** The number of visit rows of patient {@code p}. */
  public int rows(int p) {
    return starts[p + 1] - starts[p];
  }
}
