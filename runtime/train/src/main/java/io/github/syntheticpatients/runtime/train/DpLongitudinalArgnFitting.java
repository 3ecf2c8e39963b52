package io.github.syntheticpatients.runtime.train;

import io.github.syntheticpatients.runtime.InvalidInputException;
import io.github.syntheticpatients.runtime.TrainSettings;
import io.github.syntheticpatients.runtime.TrainingListener;
import io.github.syntheticpatients.runtime.argn.ArgnSettings;
import io.github.syntheticpatients.runtime.argn.ContextPositions;
import io.github.syntheticpatients.runtime.argn.DpVisitChainTrainer;
import io.github.syntheticpatients.runtime.data.Timelines;
import io.github.syntheticpatients.runtime.dp.DpSettings;
import io.github.syntheticpatients.runtime.fit.argn.ArgnEncodingFitter;
import io.github.syntheticpatients.runtime.gan.DjlEngine;
import io.github.syntheticpatients.runtime.model.argn.ArgnEncoding;
import io.github.syntheticpatients.runtime.model.argn.ArgnModel;
import io.github.syntheticpatients.runtime.model.argn.timeline.TimelineArgn;
import io.github.syntheticpatients.runtime.model.argn.timeline.VisitLayout;
import io.github.syntheticpatients.runtime.schema.TableSchema;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Fits the timeline {@code argn} with DP-SGD, the patient as the unit of privacy (issue 21): the
 * encodings, the time bins, the latest time and the longest timeline from the schema and the
 * declared options only, then {@link DpVisitChainTrainer} for the planned steps, and the guarantee
 * in the model card as the flat {@link DpArgnFitting} records it, with {@code unitOfPrivacy:
 * patient}.
 *
 * <p>What is declared instead of read: {@code dp.bounds.<column>} for every numeric static and
 * time-varying column, {@code dp.bounds.<time>} for the time column (the first visit's time lies
 * within it, no visit is generated after its upper end, and gaps, elapsed and remaining times are
 * binned on {@code [0, span]}), and {@code maxVisits}, the longest timeline learned.
 */
final class DpLongitudinalArgnFitting {
  private DpLongitudinalArgnFitting() {}

  /**
   * The declared longest timeline.
   *
   * @throws InvalidInputException naming {@code maxVisits} when it is not set
   */
  static int maxVisits(TrainingOptions options) {
    if (options.maxVisits() < 1) {
      throw InvalidInputException.inParameter(
          TrainingOptions.MAX_VISITS,
          "DP training of timelines needs the longest timeline declared (the visit count read"
              + " from the data would leak outside the privacy budget): set the option "
              + TrainingOptions.MAX_VISITS
              + "=<visits>, e.g. from the study protocol's schedule; longer timelines are cut to"
              + " their first visits");
    }
    return options.maxVisits();
  }

  static LongitudinalArgnFitting.Fitted fit(
      TrainSettings settings,
      DpSettings dp,
      Timelines train,
      int maxVisits,
      TrainingListener listener) {
    Map<String, String> options = settings.options();
    TableSchema schema = train.schema();
    VisitLayout layout = VisitLayout.of(schema);
    double[] time = timeBounds(schema, dp);
    double span = time[1] - time[0];
    double endHigh =
        schema.endTime() == null ? time[1] : Math.max(time[1], bounds(dp, schema.endTime())[1]);
    int bins = ArgnFitting.positive(options, ArgnFitting.BINS, ArgnEncodingFitter.DEFAULT_BINS);
    int subBins =
        ArgnFitting.positive(options, ArgnFitting.SUB_BINS, ArgnEncodingFitter.DEFAULT_SUB_BINS);
    ArgnEncoding statics =
        ArgnEncodingFitter.fitPublic(
            layout.staticSchema(), dp.bounds(), DpSettings.BOUNDS_PREFIX, bins, subBins);
    // A gap lies between 0 and the time column's span; the gap column is the layout's own.
    Map<String, double[]> visitBounds = new LinkedHashMap<>(dp.bounds());
    visitBounds.put(layout.gapColumn(), new double[] {0, span});
    ArgnEncoding visits =
        ArgnEncodingFitter.fitPublic(
            layout.visitSchema(), visitBounds, DpSettings.BOUNDS_PREFIX, bins, subBins);
    double[] elapsedEdges = equalWidth(span);
    double[] remainingEdges =
        schema.endTime() == null ? new double[0] : equalWidth(endHigh - time[0]);
    int patients = train.patientCount();
    ArgnSettings argn = ArgnFitting.settings(settings, patients);
    int history =
        ArgnFitting.positive(
            options, LongitudinalArgnFitting.HISTORY, LongitudinalArgnFitting.DEFAULT_HISTORY);
    int batch =
        settings.batchSize() > 0 ? settings.batchSize() : DpArgnFitting.defaultBatch(patients);
    double rate = DpPlan.samplingRate(batch, patients);
    int epochs = settings.epochs() > 0 ? settings.epochs() : DpArgnFitting.DEFAULT_EPOCHS;
    DpPlan plan = DpPlan.of(dp, patients, rate, DpPlan.steps(epochs, rate));
    listener.onMessage(
        plan.announce("the timeline argn, one patient per example", "patients", batch, "steps"));
    DpVisitChainTrainer.Result result =
        DpVisitChainTrainer.train(
            LongitudinalArgnFitting.sequences(
                layout, statics, visits, train, maxVisits, elapsedEdges, remainingEdges),
            statics.owners(),
            argn,
            history,
            // Placed from the public encodings alone, so they read nothing from the records.
            LongitudinalArgnFitting.positionsOn(options)
                ? LongitudinalArgnFitting.positions(
                    statics,
                    visits,
                    TimelineArgn.elapsedBins(elapsedEdges),
                    TimelineArgn.remainingBins(layout, remainingEdges))
                : ContextPositions.NONE,
            plan.schedule(),
            plan.ledger(),
            settings.seed(),
            listener);
    Map<String, Object> record =
        plan.finish(
            listener,
            result.steps(),
            "steps",
            result.clippedShare(),
            result.stoppedAtBudget(),
            "patient",
            "public: categories and nullability from the schema, numeric bounds from the"
                + " dp.bounds options, the time column's bounds ("
                + DpSettings.BOUNDS_PREFIX
                + schema.time()
                + ") for the first time, the gaps, the time bins and the latest time,"
                + " maxVisits declared; no early stopping, no losses recorded");
    TimelineArgn model =
        new TimelineArgn(
            layout,
            maxVisits,
            time[1],
            new ArgnModel(statics, result.statics().network()),
            visits,
            result.visits().network(),
            history,
            result.visits().historyInput(),
            result.visits().historyRecurrent(),
            result.visits().historyBias(),
            elapsedEdges,
            remainingEdges,
            result.visits().context(),
            result.visits().projection());
    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put(DpArgnFitting.RECORD, record);
    facts.put("epochsTrained", result.visits().epochsRun());
    facts.put("historyHidden", history);
    facts.put("numerics", DjlEngine.numerics());
    return new LongitudinalArgnFitting.Fitted(
        model, facts, result.visits().epochsRun(), result.visits().epochsRun());
  }

  /** The time column's declared bounds, refused naming the option when missing. */
  private static double[] timeBounds(TableSchema schema, DpSettings dp) {
    return dp.timeBounds(
        schema.time(),
        "The first visit lies within them, no visit is generated after their upper end, and gaps"
            + " are binned between 0 and their span");
  }

  private static double[] bounds(DpSettings dp, String column) {
    double[] bounds = dp.bounds().get(column);
    if (bounds == null) {
      throw InvalidInputException.inParameter(
          DpSettings.BOUNDS_PREFIX + column,
          "DP training of timelines needs public bounds of the end-of-follow-up column '"
              + column
              + "': set the option "
              + DpSettings.BOUNDS_PREFIX
              + column
              + "=low:high from the study's design");
    }
    return bounds;
  }

  /**
   * {@link LongitudinalArgnFitting#TIME_BINS} equal-width bins on {@code [0, span]}: their edges,
   * from the declared span only.
   */
  static double[] equalWidth(double span) {
    int bins = LongitudinalArgnFitting.TIME_BINS;
    double[] edges = new double[bins - 1];
    for (int b = 1; b < bins; b++) {
      edges[b - 1] = span * b / bins;
    }
    return edges;
  }
}
