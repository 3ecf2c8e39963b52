package io.github.syntheticpatients.runtime.train;

import io.github.syntheticpatients.runtime.InvalidInputException;
import io.github.syntheticpatients.runtime.TrainSettings;
import io.github.syntheticpatients.runtime.TrainingListener;
import io.github.syntheticpatients.runtime.argn.ArgnSettings;
import io.github.syntheticpatients.runtime.argn.ArgnTrainer;
import io.github.syntheticpatients.runtime.argn.ContextPositions;
import io.github.syntheticpatients.runtime.argn.TrainedArgn;
import io.github.syntheticpatients.runtime.argn.TrainedVisitChain;
import io.github.syntheticpatients.runtime.argn.VisitChainTrainer;
import io.github.syntheticpatients.runtime.argn.VisitSequences;
import io.github.syntheticpatients.runtime.data.Table;
import io.github.syntheticpatients.runtime.data.Timelines;
import io.github.syntheticpatients.runtime.encode.ArgnColumn;
import io.github.syntheticpatients.runtime.fit.argn.ArgnEncodingFitter;
import io.github.syntheticpatients.runtime.gan.DjlEngine;
import io.github.syntheticpatients.runtime.model.argn.ArgnEncoding;
import io.github.syntheticpatients.runtime.model.argn.ArgnModel;
import io.github.syntheticpatients.runtime.model.argn.timeline.TimelineArgn;
import io.github.syntheticpatients.runtime.model.argn.timeline.VisitLayout;
import io.github.syntheticpatients.runtime.schema.ProtectedValues;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Fits the timeline {@code argn}: the static table's encoding and flat chain ({@link ArgnTrainer},
 * random column order, so conditions on static columns fix them first), then the visit table's
 * encoding and the visit chain with its history ({@link VisitChainTrainer}), each with early
 * stopping on the validation patients' loss. Encodings come from value-protected numbers, as the
 * flat {@code argn}'s do; the latest time generated is the time column's value-protected bound.
 *
 * <p>Value protection counts its k records among every patient the model is fitted with (training
 * and validation, {@code fittedPatients}) and every visit of each, also those past {@code
 * maxVisits}: the gap of a patient's fifth visit is as real a record as the first gap. Protecting
 * only the training patients' first {@code maxVisits} visits left cgd (36 training patients, 8 to
 * 16 gaps) with a gap range of one to a few values (5th smallest to 5th largest of 8: a single
 * value) where real gaps run from 2 to 373 days.
 */
final class LongitudinalArgnFitting {
  /** Option: the history LSTM's hidden width. */
  static final String HISTORY = "argnHistory";

  /**
   * Option: {@code true} (default) or {@code false}, whether the visit chain's context also gets
   * the numeric values' positions ({@link ContextPositions}).
   */
  static final String POSITIONS = "argnPositions";

  /** The option keys this class reads (besides the flat argn's). */
  static final Set<String> OPTIONS = Set.of(HISTORY, POSITIONS);

  static final int DEFAULT_HISTORY = 32;

  /**
   * Adam's L2 weight decay for both chains when {@code argnWeightDecay} is not set (the flat argn
   * keeps 0): on pbcseq it lowered the visit chain's validation loss on unseen patients by 0.6-1.1
   * nats per visit at every training seed, with the gap to the training loss and the membership
   * signal unchanged (docs/benchmarks/longitudinal.md, "Regularising the visit chain").
   */
  static final double DEFAULT_WEIGHT_DECAY = 0.01;

  /** Bins of the elapsed and the remaining time in the visit chain's context. */
  static final int TIME_BINS = 16;

  private LongitudinalArgnFitting() {}

  /**
   * The fitted model and the facts for its model card.
   *
   * @param selectedEpoch the visit chain's kept epoch (from 1)
   * @param epochsRun the visit chain's epochs run
   */
  record Fitted(TimelineArgn model, Map<String, Object> facts, int selectedEpoch, int epochsRun) {}

  static Fitted fit(
      TrainSettings settings,
      int k,
      Timelines train,
      Timelines validation,
      Timelines fittedPatients,
      int maxVisits,
      TrainingListener listener) {
    Map<String, String> options = settings.options();
    int bins = positive(options, ArgnFitting.BINS, ArgnEncodingFitter.DEFAULT_BINS);
    int subBins = positive(options, ArgnFitting.SUB_BINS, ArgnEncodingFitter.DEFAULT_SUB_BINS);
    VisitLayout layout = VisitLayout.of(train.schema());
    Table staticTrain = layout.staticTable(train);
    ArgnEncoding statics =
        ArgnEncodingFitter.fit(layout.staticTable(fittedPatients), k, bins, subBins);
    ArgnEncoding visits =
        ArgnEncodingFitter.fit(allVisits(layout, fittedPatients), k, bins, subBins);
    ArgnSettings staticSettings = settings(settings, train.patientCount());
    listener.onMessage(
        String.format(
            Locale.ROOT,
            "argn: static chain of %d sub-columns, visit chain of %d sub-columns (stop, gap, %d"
                + " time-varying columns)",
            statics.width(),
            visits.width() + 1,
            visits.columns().size() - 1));
    TrainedArgn staticChain =
        ArgnTrainer.train(
            statics.encode(staticTrain),
            statics.encode(layout.staticTable(validation)),
            statics.vocabulary(),
            statics.owners(),
            staticSettings,
            settings.seed(),
            listener);
    ArgnSettings visitSettings =
        visitSettings(staticSettings.withAnyOrder(false), settings, train, maxVisits, listener);
    int history = positive(options, HISTORY, DEFAULT_HISTORY);
    double[][] trainTimes = timeValues(fittedPatients, maxVisits);
    double[] elapsedEdges = edges(trainTimes[0], k);
    double[] remainingEdges =
        train.schema().endTime() == null ? new double[0] : edges(trainTimes[1], k);
    TrainedVisitChain visitChain =
        VisitChainTrainer.train(
            sequences(layout, statics, visits, train, maxVisits, elapsedEdges, remainingEdges),
            sequences(layout, statics, visits, validation, maxVisits, elapsedEdges, remainingEdges),
            visitSettings,
            history,
            positionsOn(options)
                ? positions(
                    statics,
                    visits,
                    TimelineArgn.elapsedBins(elapsedEdges),
                    TimelineArgn.remainingBins(layout, remainingEdges))
                : ContextPositions.NONE,
            settings.seed() + 1,
            listener);
    listener.onMessage(
        String.format(
            Locale.ROOT,
            "argn: kept static epoch %d of %d, visit epoch %d of %d",
            staticChain.bestEpoch(),
            staticChain.epochsRun(),
            visitChain.bestEpoch(),
            visitChain.epochsRun()));
    ProtectedValues times =
        ProtectedValues.of(fittedPatients.visits().column(train.schema().time()), k);
    TimelineArgn trained =
        new TimelineArgn(
            layout,
            maxVisits,
            times.withheld() ? Double.POSITIVE_INFINITY : times.high(),
            new ArgnModel(statics, staticChain.network()),
            visits,
            visitChain.network(),
            history,
            visitChain.historyInput(),
            visitChain.historyRecurrent(),
            visitChain.historyBias(),
            elapsedEdges,
            remainingEdges,
            visitChain.context(),
            visitChain.projection());
    TimelineArgn model = StopCalibration.calibrate(trained, fittedPatients, settings.seed() + 2);
    Map<String, Object> facts = new LinkedHashMap<>();
    double stopShift =
        (double) model.visits().outBias()[0][TimelineArgn.STOP]
            - trained.visits().outBias()[0][TimelineArgn.STOP];
    facts.put("stopShift", Math.round(stopShift * 1e4) / 1e4);
    facts.put("staticEpochs", staticChain.epochsRun());
    facts.put("staticSelectedEpoch", staticChain.bestEpoch());
    facts.put("visitEpochs", visitChain.epochsRun());
    facts.put("visitSelectedEpoch", visitChain.bestEpoch());
    facts.put("visitTrainLosses", rounded(visitChain.trainLosses()));
    facts.put("visitValidationLosses", rounded(visitChain.validationLosses()));
    facts.put("historyHidden", history);
    facts.put("weightDecay", staticSettings.weightDecay());
    facts.put("numerics", DjlEngine.numerics());
    return new Fitted(model, facts, visitChain.bestEpoch(), visitChain.epochsRun());
  }

  /**
   * The most visits the visit chain trains on in all (epochs × training visits) when the user sets
   * no epoch count: a compute budget decided by the data's size, never by the clock, so the same
   * data and seed give the same model anywhere. It never binds on pbcseq or cgd (200 epochs of
   * their ~1,000 training visits are 0.2 million). On the made-up ICU-size set (300 patients × ~140
   * visits, ~24,000 training visits) the regularised chain's validation loss still fell by small
   * amounts until epoch 134, 12.5 minutes of one torch thread's CPU; the budget stops it near epoch
   * 63, still past the unregularised chain's own stop (54), so an ICU-size set trains within issue
   * 20's 10 minutes (docs/benchmarks/longitudinal.md).
   */
  static final long MAX_VISIT_PASSES = 1_500_000;

  /**
   * The visit chain's settings: the static chain's in the schema's column order, with at most
   * {@link #MAX_VISIT_PASSES} visits trained on unless the user set the epochs.
   */
  static ArgnSettings visitSettings(
      ArgnSettings fromStatic,
      TrainSettings settings,
      Timelines train,
      int maxVisits,
      TrainingListener listener) {
    if (settings.epochs() > 0) {
      return fromStatic;
    }
    long visits = 0;
    for (int count : train.visitCounts()) {
      visits += Math.min(count, maxVisits);
    }
    int budget =
        (int) Math.max(1, Math.min(Integer.MAX_VALUE, MAX_VISIT_PASSES / Math.max(1, visits)));
    if (budget >= fromStatic.maxEpochs()) {
      return fromStatic;
    }
    listener.onMessage(
        String.format(
            Locale.ROOT,
            "argn: the visit chain trains at most %d epochs (%,d training visits; a budget of %,d"
                + " visits in all unless -Dsynthetic.epochs is set)",
            budget,
            visits,
            MAX_VISIT_PASSES));
    return fromStatic.withMaxEpochs(budget);
  }

  /**
   * The flat argn's settings for {@code patients} patients, with {@link #DEFAULT_WEIGHT_DECAY}
   * unless {@code argnWeightDecay} is set.
   */
  static ArgnSettings settings(TrainSettings settings, int patients) {
    ArgnSettings argn = ArgnFitting.settings(settings, patients);
    return settings.options().containsKey(ArgnFitting.WEIGHT_DECAY)
        ? argn
        : argn.withWeightDecay(DEFAULT_WEIGHT_DECAY);
  }

  /** Every visit of every patient (none cut at {@code maxVisits}), as the visit table's rows. */
  static Table allVisits(VisitLayout layout, Timelines patients) {
    return layout.visitTable(patients, Math.max(1, patients.maxVisits()));
  }

  static boolean positionsOn(Map<String, String> options) {
    String text = options.getOrDefault(POSITIONS, "true").trim().toLowerCase(Locale.ROOT);
    return switch (text) {
      case "true" -> true;
      case "false" -> false;
      default ->
          throw InvalidInputException.inParameter(
              POSITIONS, POSITIONS + " must be true or false, was '" + text + "'");
    };
  }

  /**
   * The positions of the visit chain's context symbols (in the context's order after the history
   * state: static symbols, elapsed bins, remaining bins, the first-visit mark, the previous visit's
   * chain symbols): one feature per numeric static column, the elapsed and the remaining time, and
   * one per numeric visit column (the gap included).
   */
  static ContextPositions positions(
      ArgnEncoding statics, ArgnEncoding visits, int elapsedBins, int remainingBins) {
    int staticSymbols = symbols(statics.vocabulary());
    int[] chain = TimelineArgn.chainVocabulary(visits);
    int symbols = staticSymbols + elapsedBins + remainingBins + 1 + symbols(chain);
    int features =
        numeric(statics)
            + (elapsedBins > 1 ? 1 : 0)
            + (remainingBins > 2 ? 1 : 0)
            + numeric(visits);
    float[] weights = new float[symbols * features];
    int feature = place(statics, 0, 0, weights, features);
    int at = staticSymbols;
    // The time bins: all but the remaining time's last (missing) bin are ordered.
    if (elapsedBins > 1) {
      binPositions(weights, features, at, feature++, elapsedBins);
    }
    at += elapsedBins;
    if (remainingBins > 2) {
      binPositions(weights, features, at, feature++, remainingBins - 1);
    }
    at += remainingBins;
    // The first-visit mark and the stop symbol's two carry no position.
    place(visits, at + 1 + chain[0], feature, weights, features);
    return new ContextPositions(weights, features);
  }

  /** Equal steps over {@code bins} ordered one-hot symbols from {@code at}. */
  private static void binPositions(float[] weights, int features, int at, int feature, int bins) {
    for (int b = 0; b < bins; b++) {
      weights[(at + b) * features + feature] = (float) ((b + 0.5) / bins - 0.5);
    }
  }

  /**
   * Each numeric column's position from its symbols at {@code at…}: bin b of B with share s of S
   * sits at (b + (s + 0.5) / S) / B − 0.5, missing at 0. Returns the next free feature.
   */
  private static int place(
      ArgnEncoding encoding, int at, int feature, float[] weights, int features) {
    int symbol = at;
    for (ArgnColumn column : encoding.columns()) {
      if (column.kind() == ArgnColumn.Kind.NUMERIC) {
        int bins = column.bins();
        int shares = column.vocabulary(1);
        double share = 1.0 / ((double) shares * bins);
        for (int b = 0; b < column.vocabulary(0); b++) {
          double position = b == column.missingSymbol() ? -share / 2 : (double) b / bins - 0.5;
          weights[(symbol + b) * features + feature] = (float) position;
        }
        symbol += column.vocabulary(0);
        for (int s = 0; s < shares; s++) {
          weights[(symbol + s) * features + feature] = (float) ((s + 0.5) * share);
        }
        symbol += shares;
        feature++;
      } else {
        for (int part = 0; part < column.subColumns(); part++) {
          symbol += column.vocabulary(part);
        }
      }
    }
    return feature;
  }

  private static int numeric(ArgnEncoding encoding) {
    int count = 0;
    for (ArgnColumn column : encoding.columns()) {
      count += column.kind() == ArgnColumn.Kind.NUMERIC ? 1 : 0;
    }
    return count;
  }

  private static int symbols(int[] vocabulary) {
    int sum = 0;
    for (int v : vocabulary) {
      sum += v;
    }
    return sum;
  }

  /**
   * Each patient's static symbols and visit rows: the stop symbol 0 and the visit's symbols, then a
   * stop row (stop 1, a missing gap, 0 elsewhere) unless the timeline reached {@code maxVisits}.
   */
  static VisitSequences sequences(
      VisitLayout layout,
      ArgnEncoding statics,
      ArgnEncoding visits,
      Timelines timelines,
      int maxVisits,
      double[] elapsedEdges,
      double[] remainingEdges) {
    int[] staticCodes = statics.encode(layout.staticTable(timelines));
    int[] visitCodes = visits.encode(layout.visitTable(timelines, maxVisits));
    int width = visits.width();
    int heads = width + 1;
    int patients = timelines.patientCount();
    int[] starts = new int[patients + 1];
    for (int p = 0; p < patients; p++) {
      int length = Math.min(timelines.visitCount(p), maxVisits);
      starts[p + 1] = starts[p] + length + (length < maxVisits ? 1 : 0);
    }
    int[] codes = new int[starts[patients] * heads];
    ArgnColumn gap = visits.columns().get(0);
    int visit = 0;
    for (int p = 0; p < patients; p++) {
      int length = Math.min(timelines.visitCount(p), maxVisits);
      int row = starts[p];
      for (int v = 0; v < length; v++, row++, visit++) {
        System.arraycopy(visitCodes, visit * width, codes, row * heads + 1, width);
      }
      if (length < maxVisits) {
        codes[row * heads] = TimelineArgn.STOP;
        if (gap.subColumns() > 0) {
          codes[row * heads + 1] = gap.missingSymbol();
        }
      }
    }
    double[][] times = timeValues(timelines, maxVisits);
    int[] timeCodes = new int[starts[patients] * 2];
    for (int row = 0; row < starts[patients]; row++) {
      timeCodes[row * 2] = TimelineArgn.bin(times[0][row], elapsedEdges);
      timeCodes[row * 2 + 1] = TimelineArgn.bin(times[1][row], remainingEdges);
    }
    return new VisitSequences(
        staticCodes,
        statics.vocabulary(),
        codes,
        starts,
        TimelineArgn.chainVocabulary(visits),
        timeCodes,
        new int[] {
          TimelineArgn.elapsedBins(elapsedEdges), TimelineArgn.remainingBins(layout, remainingEdges)
        });
  }

  /**
   * Per visit row of {@link #sequences} (the stop row included), the elapsed time (previous visit −
   * first visit; 0 on the first) and the remaining time (end of follow-up − previous visit, or −
   * the first visit on the first; missing without an end), as the sampler computes them.
   */
  static double[][] timeValues(Timelines timelines, int maxVisits) {
    int rows = 0;
    for (int p = 0; p < timelines.patientCount(); p++) {
      int length = Math.min(timelines.visitCount(p), maxVisits);
      rows += length + (length < maxVisits ? 1 : 0);
    }
    double[] elapsed = new double[rows];
    double[] remaining = new double[rows];
    double[] times = timelines.visits().column(timelines.schema().time());
    String endTime = timelines.schema().endTime();
    double[] ends = endTime == null ? null : timelines.visits().column(endTime);
    int row = 0;
    for (int p = 0; p < timelines.patientCount(); p++) {
      int first = timelines.firstRow(p);
      int length = Math.min(timelines.visitCount(p), maxVisits);
      int count = length + (length < maxVisits ? 1 : 0);
      for (int t = 0; t < count; t++, row++) {
        double previous = times[first + Math.max(0, t - 1)];
        elapsed[row] = previous - times[first];
        remaining[row] = ends == null ? Double.NaN : ends[first] - previous;
      }
    }
    return new double[][] {elapsed, remaining};
  }

  /**
   * Bin edges at the {@link #TIME_BINS}-quantiles of the value-protected values (none when too few
   * values to protect).
   */
  static double[] edges(double[] values, int k) {
    ProtectedValues protectedValues = ProtectedValues.of(values, k);
    if (protectedValues.withheld() || protectedValues.count() == 0) {
      return new double[0];
    }
    double[] sorted = protectedValues.values();
    java.util.List<Double> edges = new java.util.ArrayList<>();
    for (int b = 1; b < TIME_BINS; b++) {
      double edge = sorted[(int) ((long) b * sorted.length / TIME_BINS)];
      if (edges.isEmpty() || edge > edges.get(edges.size() - 1)) {
        edges.add(edge);
      }
    }
    return edges.stream().mapToDouble(Double::doubleValue).toArray();
  }

  private static Object rounded(double[] values) {
    java.util.List<Double> list = new java.util.ArrayList<>(values.length);
    for (double v : values) {
      list.add(Double.isFinite(v) ? Math.round(v * 1e6) / 1e6 : 0.0);
    }
    return list;
  }

  private static int positive(Map<String, String> options, String key, int fallback) {
    String text = options.get(key);
    if (text == null) {
      return fallback;
    }
    try {
      int value = Integer.parseInt(text.trim());
      if (value < 1) {
        throw new NumberFormatException();
      }
      return value;
    } catch (NumberFormatException e) {
      throw InvalidInputException.inParameter(
          key, key + " must be a positive whole number, was '" + text + "'");
    }
  }
}
