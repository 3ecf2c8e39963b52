package io.github.syntheticpatients.runtime.train;

import io.github.syntheticpatients.runtime.SampleRequest;
import io.github.syntheticpatients.runtime.SyntheticModel;
import io.github.syntheticpatients.runtime.data.Table;
import io.github.syntheticpatients.runtime.eval.fidelity.TreeDetection;
import io.github.syntheticpatients.runtime.eval.fidelity.Utility;
import io.github.syntheticpatients.runtime.model.GanGenerator;
import io.github.syntheticpatients.runtime.model.ModelContents;
import io.github.syntheticpatients.runtime.model.ModelFile;
import io.github.syntheticpatients.runtime.model.argn.ArgnModel;
import io.github.syntheticpatients.runtime.schema.TableSchema;
import java.util.Map;

/**
 * One trained generator under consideration (a snapshot of a GAN, or a copula). It is sampled
 * exactly as a saved model would be: through the model file format and the plain-Java sampler.
 */
final class Candidate {
  /** Synthetic rows drawn to score a candidate when the validation part is smaller. */
  private static final int MIN_SCORING_ROWS = 500;

  private final String generator;
  private final TableSchema schema;
  private final Map<String, Object> encoderState;
  private final GanGenerator gan;
  private final Map<String, Object> copulaState;
  private final ArgnModel argn;
  private final int epochs;
  private final Map<String, Object> trainingFacts = new java.util.LinkedHashMap<>();
  private SyntheticModel model;
  private double validationScore = Double.NaN;
  private Table scoringSample;
  private long scoringSeed;

  private Candidate(
      String generator,
      TableSchema schema,
      Map<String, Object> encoderState,
      GanGenerator gan,
      Map<String, Object> copulaState,
      ArgnModel argn,
      int epochs,
      Map<String, Object> trainingFacts) {
    this.generator = generator;
    this.schema = schema;
    this.encoderState = encoderState;
    this.gan = gan;
    this.copulaState = copulaState;
    this.argn = argn;
    this.epochs = epochs;
    this.trainingFacts.putAll(trainingFacts);
  }

  static Candidate copula(TableSchema schema, Map<String, Object> state) {
    return copula(schema, state, Map.of());
  }

  static Candidate copula(
      TableSchema schema, Map<String, Object> state, Map<String, Object> trainingFacts) {
    return new Candidate("copula", schema, null, null, state, null, 0, trainingFacts);
  }

  static Candidate gan(
      String generator,
      TableSchema schema,
      Map<String, Object> encoderState,
      GanGenerator gan,
      int epochs,
      Map<String, Object> trainingFacts) {
    return new Candidate(generator, schema, encoderState, gan, null, null, epochs, trainingFacts);
  }

  static Candidate argn(
      TableSchema schema, ArgnModel argn, int epochs, Map<String, Object> trainingFacts) {
    return new Candidate("argn", schema, null, null, null, argn, epochs, trainingFacts);
  }

  /** The candidate as a loaded model. */
  SyntheticModel model() {
    if (model == null) {
      byte[] bytes =
          ModelFile.toBytes(contents("candidate", Map.of(), Map.of(), Map.of(), Map.of()));
      model = ModelFile.load(bytes, "candidate " + generator, "candidate");
    }
    return model;
  }

  /**
   * The synthetic rows every score of this candidate is measured on: {@code max(500, validation
   * rows)} rows sampled with {@code seed}, drawn once and kept for the next score with the same
   * size and seed (sampling is deterministic, so this only saves the work).
   */
  private Table scoringSample(Table validation, long seed) {
    int rows = Math.max(MIN_SCORING_ROWS, validation.rowCount());
    if (scoringSample == null || scoringSample.rowCount() != rows || scoringSeed != seed) {
      scoringSample = Table.of(model().sample(SampleRequest.of(rows, seed)).table());
      scoringSeed = seed;
    }
    return scoringSample;
  }

  /** Scores the candidate's fidelity against real rows it did not learn from; higher is better. */
  void score(Table validation, long seed) {
    Table synthetic = scoringSample(validation, seed);
    validationScore = TabularTrainingJob.quality(validation, synthetic);
  }

  /**
   * The candidate's validation score on bootstrap resamples of the validation rows (the same
   * resamples for every candidate given the same seed, so differences are paired), against the same
   * synthetic rows as {@link #score}.
   */
  double[] bootstrapScores(Table validation, long seed, int resamples) {
    Table synthetic = scoringSample(validation, seed);
    java.util.SplittableRandom random = new java.util.SplittableRandom(seed + 1);
    double[] scores = new double[resamples];
    for (int b = 0; b < resamples; b++) {
      int[] picks = new int[validation.rowCount()];
      for (int i = 0; i < picks.length; i++) {
        picks[i] = random.nextInt(validation.rowCount());
      }
      scores[b] = TabularTrainingJob.quality(validation.selectRows(picks), synthetic);
    }
    return scores;
  }

  /**
   * The tree detector's fold AUCs ({@link TreeDetection#foldAucs}) of the validation rows against
   * the same synthetic rows as {@link #score}: for the same validation rows and seed every
   * candidate gets the same real rows in the same folds, so the candidates' fold AUCs are paired.
   * The detector subsamples to at most {@value TreeDetection#MAX_ROWS_PER_SIDE} rows a side, which
   * keeps this to seconds.
   */
  double[] treeDetectionFolds(Table validation, long seed) {
    Table synthetic = scoringSample(validation, seed);
    return TreeDetection.foldAucs(validation, synthetic, seed);
  }

  /**
   * TSTR on the validation rows: the utility classifier ({@link Utility#predictions}) trained on
   * the same synthetic rows as {@link #score} and tested on every validation row, kept per row so
   * that candidates are compared on the same resamples. Empty when the sample holds one class.
   */
  java.util.Optional<Utility.Predictions> utilityPredictions(
      Table validation, String target, long seed) {
    Table synthetic = scoringSample(validation, seed);
    return Utility.predictions(synthetic, validation, target, seed);
  }

  /** Records a fact about how this candidate was chosen, for the model's provenance. */
  void note(String key, Object value) {
    trainingFacts.put(key, value);
  }

  String generator() {
    return generator;
  }

  double validationScore() {
    return validationScore;
  }

  int epochs() {
    return epochs;
  }

  Map<String, Object> trainingFacts() {
    return trainingFacts;
  }

  ModelContents contents(
      String summary,
      Map<String, Object> settings,
      Map<String, Object> provenance,
      Map<String, Object> evaluation,
      Map<String, Object> timing) {
    return new ModelContents(
        generator,
        summary,
        schema,
        encoderState,
        gan,
        copulaState,
        settings,
        provenance,
        evaluation,
        timing,
        argn);
  }
}
