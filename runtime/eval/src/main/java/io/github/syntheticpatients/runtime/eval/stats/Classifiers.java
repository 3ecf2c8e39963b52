package io.github.syntheticpatients.runtime.eval.stats;

import java.util.ArrayList;
import java.util.List;
import org.tribuo.Example;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.Prediction;
import org.tribuo.Trainer;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.dtree.CARTClassificationTrainer;
import org.tribuo.classification.dtree.impurity.GiniIndex;
import org.tribuo.classification.ensemble.FullyWeightedVotingCombiner;
import org.tribuo.classification.ensemble.VotingCombiner;
import org.tribuo.classification.sgd.linear.LinearSGDTrainer;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.common.tree.RandomForestTrainer;
import org.tribuo.impl.ArrayExample;
import org.tribuo.math.optimisers.AdaGrad;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/**
 * The Tribuo classifiers behind the detection, utility and leakage metrics. A new trainer is built
 * per call with the caller's seed, so results do not depend on how many models were trained before
 * (Tribuo trainers advance their RNG per {@code train} call).
 */
public final class Classifiers {
  /** Trees in the random forest. */
  public static final int FOREST_TREES = 25;

  /**
   * Trees in the detection forest. fidelity.md used 200; on its test tables at 500 rows a side 50
   * trees give the AUC of 100 to within 0.007 (an AUC's sampling error there is about 0.025) in
   * half the time.
   */
  public static final int DETECTION_TREES = 50;

  /** The smallest leaf of a detection tree, in rows. */
  public static final int DETECTION_MIN_LEAF = 2;

  private static final LabelFactory LABELS = new LabelFactory();

  private Classifiers() {}

  /** Which model to train. */
  public enum Kind {
    /**
     * Multinomial logistic regression trained with AdaGrad SGD (SDMetrics' LogisticDetection
     * analogue).
     */
    LOGISTIC,
    /** Random forest of 25 CART trees of depth ≤ 8, each split looking at half of the features. */
    RANDOM_FOREST,
    /**
     * Random forest of 50 fully grown CART trees (leaves of at least 2 rows, √p features per split)
     * whose leaf class shares are averaged: the detector that finds a lost relationship between
     * columns.
     */
    DETECTION_FOREST
  }

  /** A trained model that returns class scores for encoded rows. */
  public static final class Fitted {
    private final Model<Label> model;
    private final String[] names;

    private Fitted(Model<Label> model, String[] names) {
      this.model = model;
      this.names = names;
    }

    /** Score of class {@code label} (a probability or vote share) for one encoded row. */
    public double score(double[] features, int label) {
      Prediction<Label> prediction =
          model.predict(new ArrayExample<>(LABELS.getUnknownOutput(), names, features));
      Label scored = prediction.getOutputScores().get(Integer.toString(label));
      return scored == null ? 0.0 : scored.getScore();
    }

    /** The predicted class for one encoded row. */
    public int predict(double[] features) {
      Prediction<Label> prediction =
          model.predict(new ArrayExample<>(LABELS.getUnknownOutput(), names, features));
      return Integer.parseInt(prediction.getOutput().getLabel());
    }
  }

  /**
   * The share of {@code features} that √features makes, as Tribuo's per-split feature fraction.
   * Tribuo's random forest refuses a fraction of 1 and takes round(fraction · features), so one or
   * two features get 0.9: every feature.
   */
  static float sqrtShare(int features) {
    return Math.min(0.9f, (float) (Math.ceil(Math.sqrt(features)) / Math.max(1, features)));
  }

  /** Trains a classifier on encoded rows with integer labels. */
  public static Fitted train(
      Kind kind, String[] names, List<double[]> rows, int[] labels, long seed) {
    MutableDataset<Label> dataset =
        new MutableDataset<>(
            new SimpleDataSourceProvenance("synthetic-patients evaluation", LABELS), LABELS);
    List<Example<Label>> examples = new ArrayList<>(rows.size());
    for (int i = 0; i < rows.size(); i++) {
      examples.add(new ArrayExample<>(new Label(Integer.toString(labels[i])), names, rows.get(i)));
    }
    dataset.addAll(examples);
    Trainer<Label> trainer =
        switch (kind) {
          case LOGISTIC ->
              new LinearSGDTrainer(
                  new LogMulticlass(), new AdaGrad(1.0, 0.1), 10, Integer.MAX_VALUE, 1, seed);
          case RANDOM_FOREST ->
              new RandomForestTrainer<>(
                  new CARTClassificationTrainer(8, 0.5f, seed),
                  new VotingCombiner(),
                  FOREST_TREES,
                  seed);
          case DETECTION_FOREST ->
              new RandomForestTrainer<>(
                  new CARTClassificationTrainer(
                      Integer.MAX_VALUE,
                      DETECTION_MIN_LEAF,
                      0f,
                      sqrtShare(names.length),
                      false,
                      new GiniIndex(),
                      seed),
                  new FullyWeightedVotingCombiner(),
                  DETECTION_TREES,
                  seed);
        };
    QuietTribuo quiet = QuietTribuo.open();
    try {
      return new Fitted(trainer.train(dataset), names);
    } finally {
      quiet.close();
    }
  }
}
