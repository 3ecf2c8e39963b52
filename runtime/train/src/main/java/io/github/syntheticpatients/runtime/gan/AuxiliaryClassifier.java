package io.github.syntheticpatients.runtime.gan;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Activation;
import ai.djl.training.GradientCollector;
import io.github.syntheticpatients.runtime.InvalidInputException;
import io.github.syntheticpatients.runtime.encode.EncodedLayout;
import io.github.syntheticpatients.runtime.encode.OutputBlock;
import io.github.syntheticpatients.runtime.model.DenseLayer;
import java.util.ArrayList;
import java.util.List;

/**
 * CTAB-GAN+'s auxiliary classifier: an MLP ({@code LeakyReLU(x·W + b)} hidden layers, then logits)
 * that predicts a discrete target column's category from the other encoded columns. It trains on
 * real rows with its own Adam; the generator pays the cross-entropy between the category it
 * generated for the target (the arg-max of its activated block) and the classifier's prediction
 * from the generated row's other columns, so generated rows keep the target's dependence on the
 * rest. It is used in training only and never exported.
 */
final class AuxiliaryClassifier {
  private final List<DenseParams> hidden = new ArrayList<>();
  private final DenseParams output;
  private final AdamOptimizer optimizer;
  private final List<NDIndex> features = new ArrayList<>();
  private final NDIndex target;
  private final int classes;

  AuxiliaryClassifier(NDManager manager, EncodedLayout layout, GanSettings settings) {
    OutputBlock block = targetBlock(layout, settings.classifierTarget());
    classes = block.width();
    if (classes == layout.width()) {
      throw InvalidInputException.inParameter(
          "classifierTarget",
          "the table has no column besides classifierTarget '"
              + settings.classifierTarget()
              + "' to predict it from; set classifierLoss to 0");
    }
    target = columns(block.offset(), block.end());
    if (block.offset() > 0) {
      features.add(columns(0, block.offset()));
    }
    if (block.end() < layout.width()) {
      features.add(columns(block.end(), layout.width()));
    }
    int width = layout.width() - classes;
    for (int dim : settings.discriminatorDims()) {
      hidden.add(new DenseParams(manager, width, dim, false));
      width = dim;
    }
    output = new DenseParams(manager, width, classes, false);
    List<NDArray> parameters = new ArrayList<>();
    for (DenseParams layer : hidden) {
      parameters.addAll(layer.parameters());
    }
    parameters.addAll(output.parameters());
    optimizer =
        new AdamOptimizer(
            manager,
            parameters,
            settings.discriminatorLearningRate(),
            settings.beta1(),
            settings.beta2(),
            settings.discriminatorWeightDecay());
  }

  /**
   * The target's CATEGORY block.
   *
   * @throws InvalidInputException naming {@code classifierTarget} when the column has none
   */
  static OutputBlock targetBlock(EncodedLayout layout, String column) {
    for (OutputBlock block : layout.blocksOf(column)) {
      if (block.role() == OutputBlock.Role.CATEGORY) {
        return block;
      }
    }
    List<String> discrete =
        layout.categoryBlocks().stream().map(OutputBlock::column).distinct().toList();
    throw InvalidInputException.inParameter(
        "classifierTarget",
        "classifierTarget '"
            + column
            + "' is not a discrete column of the encoded table; the auxiliary classifier predicts"
            + " a discrete target: name one of "
            + discrete
            + ", or set classifierLoss to 0");
  }

  /** One classifier step on real encoded rows ({@code rows × width}); returns its loss. */
  double trainStep(Engine engine, NDArray real) {
    NDArray labels = real.get(target);
    double loss;
    try (GradientCollector collector = engine.newGradientCollector()) {
      optimizer.zeroGradients();
      NDArray crossEntropy = crossEntropy(logits(real), labels);
      collector.backward(crossEntropy);
      loss = crossEntropy.getFloat();
    }
    optimizer.step();
    return loss;
  }

  /**
   * The generator's penalty for activated generated rows ({@code rows × width}): the mean
   * cross-entropy between the classifier's prediction from the other columns and the generated
   * target's arg-max category (a constant label).
   */
  NDArray generatorLoss(NDArray fake) {
    NDArray labels =
        fake.get(target).stopGradient().argMax(1).oneHot(classes).toType(DataType.FLOAT32, false);
    return crossEntropy(logits(fake), labels);
  }

  private NDArray logits(NDArray rows) {
    NDList parts = new NDList(features.size());
    for (NDIndex index : features) {
      parts.add(rows.get(index));
    }
    NDArray h = parts.size() == 1 ? parts.singletonOrThrow() : NDArrays.concat(parts, 1);
    for (DenseParams layer : hidden) {
      h = Activation.leakyRelu(layer.linear(h), DenseLayer.LEAKY_SLOPE);
    }
    return output.linear(h);
  }

  /** The mean over rows of −Σ one-hot · log-softmax(logits). */
  private static NDArray crossEntropy(NDArray logits, NDArray oneHot) {
    return logits.logSoftmax(1).mul(oneHot).sum(new int[] {1}).mean().neg();
  }

  private static NDIndex columns(int from, int to) {
    return new NDIndex().addAllDim().addSliceDim(from, to);
  }
}
