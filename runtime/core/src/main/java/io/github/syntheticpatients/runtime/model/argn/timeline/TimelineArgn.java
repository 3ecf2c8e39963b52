package io.github.syntheticpatients.runtime.model.argn.timeline;

import io.github.syntheticpatients.runtime.model.argn.ArgnEncoding;
import io.github.syntheticpatients.runtime.model.argn.ArgnModel;
import io.github.syntheticpatients.runtime.model.argn.ArgnNetwork;
import java.util.Arrays;
import java.util.Objects;

/**
 * A trained timeline {@code argn}: a flat chain over the static table, and a chain over each
 * visit's sub-columns whose heads also see a context, the history of earlier visits (one LSTM
 * layer) and the patient's static symbols.
 *
 * <p>A visit row's sub-columns are a stop symbol (1 ends the timeline before this visit), then the
 * visit encoding's (the gap, then the time-varying columns). The history's input at visit t is a
 * multi-hot vector: position 0 marks the first visit, position {@code 1 + symbolOffset(j) + v} that
 * sub-column j of visit t − 1 took symbol v. The context of visit t is {@code [h_t, static
 * multi-hot, elapsed one-hot, remaining one-hot, history input]}; {@code projection} maps it to a
 * narrow vector once per visit, and {@code context} maps that vector to every head's hidden sum
 * (models written before the projection was stored have none: their {@code context} maps the whole
 * context to the hidden sums). The history input (the previous visit's symbols) reaches the heads
 * directly too, so a value can follow its own previous value without passing through the LSTM's
 * summary. Elapsed is the time from the first visit to the previous one (0 on the first visit), and
 * remaining the time from the previous visit (the first one's own time on the first visit) to the
 * end of follow-up, each as a bin of its edges: the gap and the stop symbol see how much of the
 * follow-up is used, which the history's symbols alone tell only roughly.
 *
 * @param layout the static and visit tables
 * @param maxVisits the longest timeline generated
 * @param latestTime the value-protected upper bound of the time column: no visit is placed later
 * @param statics the static table's chain
 * @param visitEncoding the visit table's sub-columns
 * @param visits the visit chain: vocabulary {@code [2, visitEncoding.vocabulary()…]}
 * @param historyHidden the LSTM's hidden width
 * @param historyInput {@code historyInputs() × 4·historyHidden}, row-major, gates i, f, g, o
 * @param historyRecurrent {@code historyHidden × 4·historyHidden}
 * @param historyBias {@code 4·historyHidden}
 * @param elapsedEdges the elapsed time's bin edges ({@link #bin}), value-protected quantiles
 * @param remainingEdges the remaining time's bin edges; empty without an end of follow-up
 * @param context {@code projected × (heads · hidden)} of the visit chain; without a projection
 *     {@code contextRows × (heads · hidden)}
 * @param projection {@code contextRows × projected}, where {@code contextRows} is {@code
 *     historyHidden + static symbols + elapsed bins + remaining bins + history inputs}; empty in
 *     models written before it was stored
 */
public record TimelineArgn(
    VisitLayout layout,
    int maxVisits,
    double latestTime,
    ArgnModel statics,
    ArgnEncoding visitEncoding,
    ArgnNetwork visits,
    int historyHidden,
    float[] historyInput,
    float[] historyRecurrent,
    float[] historyBias,
    double[] elapsedEdges,
    double[] remainingEdges,
    float[] context,
    float[] projection) {

  /** The stop sub-column's symbol that ends a timeline. */
  public static final int STOP = 1;

  public TimelineArgn {
    Objects.requireNonNull(layout, "layout");
    Objects.requireNonNull(statics, "statics");
    Objects.requireNonNull(visitEncoding, "visitEncoding");
    Objects.requireNonNull(visits, "visits");
    Objects.requireNonNull(projection, "projection");
    if (maxVisits < 1 || historyHidden < 1) {
      throw new IllegalArgumentException("maxVisits and the history width must be positive");
    }
    int[] expected = chainVocabulary(visitEncoding);
    if (!Arrays.equals(expected, visits.vocabulary())) {
      throw new IllegalArgumentException(
          "the visit chain's heads do not match the stop symbol and the visit encoding");
    }
    int gates = 4 * historyHidden;
    int contextRows =
        historyHidden
            + symbols(statics.encoding().vocabulary())
            + elapsedBins(elapsedEdges)
            + remainingBins(layout, remainingEdges)
            + historyInputs(expected);
    if (historyInput.length != historyInputs(expected) * gates
        || historyRecurrent.length != historyHidden * gates
        || historyBias.length != gates
        || projection.length % contextRows != 0
        || context.length
            != (projection.length == 0 ? contextRows : projection.length / contextRows)
                * visits.heads()
                * visits.hidden()) {
      throw new IllegalArgumentException("the visit history's tensor shapes differ");
    }
  }

  /** A model without a stored projection, as written before it was. */
  public TimelineArgn(
      VisitLayout layout,
      int maxVisits,
      double latestTime,
      ArgnModel statics,
      ArgnEncoding visitEncoding,
      ArgnNetwork visits,
      int historyHidden,
      float[] historyInput,
      float[] historyRecurrent,
      float[] historyBias,
      double[] elapsedEdges,
      double[] remainingEdges,
      float[] context) {
    this(
        layout,
        maxVisits,
        latestTime,
        statics,
        visitEncoding,
        visits,
        historyHidden,
        historyInput,
        historyRecurrent,
        historyBias,
        elapsedEdges,
        remainingEdges,
        context,
        new float[0]);
  }

  /** The rows of the whole context: history state, static symbols, time bins, history inputs. */
  public int contextRows() {
    return historyHidden
        + symbols(statics.encoding().vocabulary())
        + elapsedBins(elapsedEdges)
        + remainingBins(layout, remainingEdges)
        + historyInputs(visits.vocabulary());
  }

  /** The width of the projected context, or 0 for a model without a stored projection. */
  public int projected() {
    return projection.length / contextRows();
  }

  /** The number of elapsed-time bins. */
  public static int elapsedBins(double[] edges) {
    return edges.length + 1;
  }

  /**
   * The number of remaining-time bins: one more than the edges make for a patient without an end of
   * follow-up; none when the schema names no end.
   */
  public static int remainingBins(VisitLayout layout, double[] edges) {
    return layout.schema().endTime() == null ? 0 : edges.length + 2;
  }

  /**
   * The bin of {@code value}: the number of edges at or below it; a missing value takes the bin
   * after the last ({@code edges.length + 1}).
   */
  public static int bin(double value, double[] edges) {
    if (Double.isNaN(value)) {
      return edges.length + 1;
    }
    int bin = 0;
    while (bin < edges.length && edges[bin] <= value) {
      bin++;
    }
    return bin;
  }

  /** The visit chain's vocabulary for an encoding: the stop symbol's two, then the encoding's. */
  public static int[] chainVocabulary(ArgnEncoding visitEncoding) {
    int[] encoded = visitEncoding.vocabulary();
    int[] vocabulary = new int[encoded.length + 1];
    vocabulary[0] = 2;
    System.arraycopy(encoded, 0, vocabulary, 1, encoded.length);
    return vocabulary;
  }

  /** The width of the history's input: the first-visit mark and every visit symbol. */
  public static int historyInputs(int[] chainVocabulary) {
    return 1 + symbols(chainVocabulary);
  }

  /** The number of symbols over all sub-columns. */
  public static int symbols(int[] vocabulary) {
    int total = 0;
    for (int v : vocabulary) {
      total += v;
    }
    return total;
  }

  /** Where each sub-column's symbols start in a multi-hot vector over all symbols. */
  public static int[] symbolOffsets(int[] vocabulary) {
    int[] offsets = new int[vocabulary.length];
    for (int j = 1; j < vocabulary.length; j++) {
      offsets[j] = offsets[j - 1] + vocabulary[j - 1];
    }
    return offsets;
  }
}
