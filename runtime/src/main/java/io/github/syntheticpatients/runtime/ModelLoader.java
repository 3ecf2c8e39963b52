package io.github.syntheticpatients.runtime;

import java.util.List;

/** Finds and loads models by zoo id, classpath resource or file path. */
public final class ModelLoader {
  /** The zoo id used when no model is named. */
  public static final String DEFAULT_MODEL = "default";

  private ModelLoader() {}

  /**
   * Loads a model: a zoo id ({@code default}), a classpath resource ({@code classpath:models/x.synth}) or a file
   * path, tried in that order.
   *
   * @throws UnknownModelException when nothing matches; its message lists the known ids
   * @throws ModelFormatException when the file is damaged or not a model
   */
  public static SyntheticModel load(String reference) {
    throw new UnsupportedOperationException("model loading arrives with the model file work");
  }

  /** The models of every model zoo on the classpath, sorted by id. */
  public static List<ModelListing> zooModels() {
    throw new UnsupportedOperationException("model loading arrives with the model file work");
  }
}
