package io.github.syntheticpatients.runtime;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * How to train. Zero for {@code epochs} or {@code batchSize} means "chosen from the data size".
 *
 * @param generator {@code auto} (default: a Gaussian copula and, on tables of 1,000 rows or more,
 *     the autoregressive {@code argn}, kept only when clearly better on the validation part),
 *     {@code copula}, {@code argn}, {@code ctgan}, {@code basic} or {@code dp-vaegan}; for
 *     timelines {@code auto}, {@code argn} or {@code lstm-wgan} (docs/generators.md)
 * @param epochs passes over the training data, or 0 for automatic
 * @param batchSize rows per step, or 0 for automatic
 * @param seed the seed; the same data, schema, settings and seed give the same model
 * @param options generator-specific options by name (e.g. {@code argnHidden=32}), sorted
 */
public record TrainSettings(
    String generator, int epochs, int batchSize, long seed, Map<String, String> options) {

  /** The generator used when none is named. */
  public static final String DEFAULT_GENERATOR = "auto";

  /** The seed used when none is given, so that a plain {@code train} is reproducible. */
  public static final long DEFAULT_SEED = 12345L;

  public TrainSettings {
    generator = Objects.requireNonNullElse(generator, DEFAULT_GENERATOR);
    if (epochs < 0) {
      throw InvalidInputException.inParameter(
          "epochs", "epochs must be 0 (automatic) or more, was " + epochs);
    }
    if (batchSize < 0) {
      throw InvalidInputException.inParameter(
          "batchSize", "batchSize must be 0 (automatic) or more, was " + batchSize);
    }
    // Map.copyOf would drop the sorted order (its iteration order changes from one JVM to the
    // next).
    TreeMap<String, String> sorted = new TreeMap<>(Objects.requireNonNullElse(options, Map.of()));
    sorted.forEach((key, value) -> Objects.requireNonNull(value, () -> "option " + key));
    options = Collections.unmodifiableSortedMap(sorted);
  }

  /** Defaults: auto, automatic epochs and batch size, the default seed. */
  public static TrainSettings defaults() {
    return new TrainSettings(DEFAULT_GENERATOR, 0, 0, DEFAULT_SEED, Map.of());
  }

  public TrainSettings withGenerator(String value) {
    return new TrainSettings(value, epochs, batchSize, seed, options);
  }

  public TrainSettings withEpochs(int value) {
    return new TrainSettings(generator, value, batchSize, seed, options);
  }

  public TrainSettings withBatchSize(int value) {
    return new TrainSettings(generator, epochs, value, seed, options);
  }

  public TrainSettings withSeed(long value) {
    return new TrainSettings(generator, epochs, batchSize, value, options);
  }

  public TrainSettings withOption(String name, String value) {
    var copy = new TreeMap<>(options);
    copy.put(name, value);
    return new TrainSettings(generator, epochs, batchSize, seed, copy);
  }
}
