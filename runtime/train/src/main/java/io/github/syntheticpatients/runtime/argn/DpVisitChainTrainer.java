package io.github.syntheticpatients.runtime.argn;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import io.github.syntheticpatients.runtime.EngineUnavailableException;
import io.github.syntheticpatients.runtime.TrainingListener;
import io.github.syntheticpatients.runtime.dp.DpSchedule;
import io.github.syntheticpatients.runtime.dp.PrivacyLedger;
import io.github.syntheticpatients.runtime.gan.AdamOptimizer;
import io.github.syntheticpatients.runtime.gan.DjlEngine;
import io.github.syntheticpatients.runtime.gan.DpSgdLoop;
import io.github.syntheticpatients.runtime.gan.GanTrainer;
import io.github.syntheticpatients.runtime.random.RandomStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Trains the timeline {@code argn} with DP-SGD, the patient as the unit of privacy (privacy notes
 * §1): each step Poisson-samples <i>patients</i>, and a sampled patient's whole timeline, its
 * static chain and every visit chain with the history LSTM over them, gives one gradient over all
 * the parameters of both chains, clipped to the clip norm as one vector. Sampling, noise, division
 * by the expected batch and the ledger are {@link DpSgdLoop}'s; Adam applies the noisy gradient
 * (post-processing). The visit chain's network and loss are {@link VisitChainTrainer}'s own, so the
 * DP run trains the same model.
 *
 * <p>Nothing else reads the training patients: no validation loss, no early stopping, no model
 * selection and no loss reported.
 */
public final class DpVisitChainTrainer {
  private DpVisitChainTrainer() {}

  /**
   * What DP training did.
   *
   * @param statics the static chain after the last step; no losses
   * @param visits the visit chain after the last step; no losses
   * @param steps the steps taken
   * @param stoppedAtBudget whether training stopped before the planned steps to stay within ε
   * @param clippedShare the share of per-patient gradients that were longer than the clip norm
   */
  public record Result(
      TrainedArgn statics,
      TrainedVisitChain visits,
      long steps,
      boolean stoppedAtBudget,
      double clippedShare) {}

  /**
   * Trains both chains on {@code train} with the schedule; every step goes into {@code ledger}.
   *
   * @param staticOwners the column of each static sub-column (for the static chain's random order)
   * @param settings the heads' width, learning rate, weight decay and the static chain's order
   * @param historyHidden the history LSTM's hidden width
   */
  public static Result train(
      VisitSequences train,
      int[] staticOwners,
      ArgnSettings settings,
      int historyHidden,
      ContextPositions positions,
      DpSchedule schedule,
      PrivacyLedger ledger,
      long seed,
      TrainingListener listener) {
    Objects.requireNonNull(schedule, "schedule");
    TrainingListener progress = Objects.requireNonNullElse(listener, TrainingListener.NONE);
    synchronized (GanTrainer.LOCK) {
      try {
        return run(
            train,
            staticOwners,
            settings,
            historyHidden,
            positions,
            schedule,
            ledger,
            seed,
            progress);
      } catch (NoClassDefFoundError e) {
        throw EngineUnavailableException.djlMissing(e);
      }
    }
  }

  private static Result run(
      VisitSequences train,
      int[] staticOwners,
      ArgnSettings settings,
      int historyHidden,
      ContextPositions positions,
      DpSchedule schedule,
      PrivacyLedger ledger,
      long seed,
      TrainingListener listener) {
    int patients = train.patients();
    int[] staticVocabulary = train.staticVocabulary();
    int staticHeads = staticVocabulary.length;
    // Seeds torch's generator for the initial weights.
    VisitChainTrainer.Run visits =
        new VisitChainTrainer.Run(
            train, settings.withAnyOrder(false), historyHidden, positions, seed);
    Engine engine = visits.engine;
    JniUtils.setGradMode(false);
    // Three independent streams: static column orders, then batches and noise (the loop's).
    SplittableRandom orders = new SplittableRandom(seed);
    int[] dims = new int[staticHeads];
    for (int j = 0; j < staticHeads; j++) {
      dims[j] = settings.dims(staticVocabulary[j]);
    }
    int columns = staticHeads == 0 ? 0 : staticOwners[staticHeads - 1] + 1;
    boolean[][] natural = ArgnTrainer.sees(staticOwners, ArgnTrainer.identity(columns));
    try (NDManager root = engine.newBaseManager()) {
      VisitChainTrainer.Run.Network visitNetwork = visits.network(root);
      ChainHeads statics = new ChainHeads(root, staticVocabulary, dims, settings.hidden(), 0);
      List<NDArray> parameters = new ArrayList<>(statics.parameters());
      parameters.addAll(visitNetwork.parameters());
      AdamOptimizer optimizer =
          new AdamOptimizer(
              root, parameters, settings.learningRate(), 0.9, 0.999, settings.weightDecay());
      long stepsPerEpoch = Math.max(1, Math.round(1 / schedule.samplingRate()));
      int[] staticRow = new int[staticHeads];
      DpSgdLoop.Result result =
          DpSgdLoop.run(
              root,
              patients,
              DjlEngine.sizes(parameters),
              schedule,
              ledger,
              RandomStream.of(seed),
              (scope, batch, step) -> {
                boolean[][] sees =
                    settings.anyOrder() && orders.nextBoolean()
                        ? ArgnTrainer.sees(staticOwners, ArgnTrainer.shuffled(columns, orders))
                        : natural;
                for (int patient : batch) {
                  System.arraycopy(
                      train.staticCodes(), patient * staticHeads, staticRow, 0, staticHeads);
                  try (NDManager record = scope.newSubManager()) {
                    try (GradientCollector collector = engine.newGradientCollector()) {
                      optimizer.zeroGradients();
                      // The patient's whole timeline in one loss: static chain plus every visit.
                      NDArray loss =
                          statics
                              .negativeLogLikelihood(record, staticRow, 1, sees, null)
                              .add(
                                  visits
                                      .loss(
                                          record,
                                          visitNetwork.chain(),
                                          visitNetwork.history(),
                                          train,
                                          new int[] {patient})
                                      .sum());
                      collector.backward(loss);
                    }
                    step.add(DpArgnTrainer.gradients(parameters));
                  }
                }
                return released ->
                    DpSgdLoop.applyWith(engine, scope, optimizer, parameters, released);
              },
              DpSgdLoop.progress(listener, schedule.steps(), stepsPerEpoch));
      int epochsRun = DpSgdLoop.epochs(result.steps(), stepsPerEpoch);
      return new Result(
          new TrainedArgn(
              statics.export(settings.anyOrder()),
              epochsRun,
              epochsRun,
              new double[0],
              new double[0]),
          visits.export(visitNetwork, epochsRun),
          result.steps(),
          result.stoppedAtBudget(),
          result.clippedShare());
    }
  }
}
