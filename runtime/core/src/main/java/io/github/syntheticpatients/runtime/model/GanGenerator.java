package io.github.syntheticpatients.runtime.model;

import java.util.List;
import java.util.Objects;

/**
 * A trained GAN generator as sampling needs it: the network, the latent size, and the conditional
 * vector's layout with each category's training frequency.
 *
 * @param network maps [latent, condition] to raw encoded outputs
 * @param latentDim width of the standard-normal latent input
 * @param conditionBlocks the discrete columns the conditional vector can fix, in cond-vector order
 *     (empty for generators without a conditional vector)
 * @param labeler the network that assigns the target column to generated rows ({@code dp-vaegan}),
 *     or null when the network generates every column
 */
public record GanGenerator(
    MlpNetwork network, int latentDim, List<ConditionBlock> conditionBlocks, Labeler labeler) {

  /** A generator that generates every column itself. */
  public GanGenerator(MlpNetwork network, int latentDim, List<ConditionBlock> conditionBlocks) {
    this(network, latentDim, conditionBlocks, null);
  }

  /**
   * The third stage of {@code dp-vaegan}: a classifier from a generated row's other columns
   * (activated, as the encoder lays them out without the target) to the target's categories, from
   * whose softmax the target is drawn.
   *
   * @param column the target column
   * @param network maps the activated other columns to the target's logits
   */
  public record Labeler(String column, MlpNetwork network) {
    public Labeler {
      Objects.requireNonNull(column, "column");
      Objects.requireNonNull(network, "network");
    }
  }

  /**
   * One discrete column in the conditional vector.
   *
   * @param column the column name
   * @param layoutOffset where its CATEGORY block starts in the encoded row
   * @param conditionOffset where its one-hot starts in the conditional vector
   * @param width number of categories (including the missing category of a nullable column)
   * @param frequencies each category's share of the training rows (sums to 1)
   */
  public record ConditionBlock(
      String column, int layoutOffset, int conditionOffset, int width, double[] frequencies) {
    public ConditionBlock {
      if (frequencies.length != width) {
        throw new IllegalArgumentException(
            "Condition block " + column + " needs " + width + " frequencies");
      }
    }
  }

  public GanGenerator {
    conditionBlocks = List.copyOf(conditionBlocks);
    if (network.inputWidth() != latentDim + conditionWidth(conditionBlocks)) {
      throw new IllegalArgumentException(
          "Generator input "
              + network.inputWidth()
              + " is not latent "
              + latentDim
              + " + condition "
              + conditionWidth(conditionBlocks));
    }
  }

  /** Width of the conditional vector. */
  public int conditionWidth() {
    return conditionWidth(conditionBlocks);
  }

  private static int conditionWidth(List<ConditionBlock> blocks) {
    return blocks.stream().mapToInt(ConditionBlock::width).sum();
  }
}
