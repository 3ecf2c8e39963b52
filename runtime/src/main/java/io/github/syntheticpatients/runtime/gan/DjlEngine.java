package io.github.syntheticpatients.runtime.gan;

import ai.djl.engine.Engine;
import io.github.syntheticpatients.runtime.EngineUnavailableException;
import io.github.syntheticpatients.runtime.encode.EncodedLayout;

/** Starts DJL's PyTorch engine for a training and turns "not there" into {@link EngineUnavailableException}. */
final class DjlEngine {
  static final String ENGINE_NAME = "PyTorch";

  private DjlEngine() {}

  static Engine engine() {
    try {
      return Engine.getEngine(ENGINE_NAME);
    } catch (RuntimeException | LinkageError e) {
      throw new EngineUnavailableException("The DJL PyTorch engine is not available (" + e.getMessage()
          + "); training needs ai.djl.pytorch:pytorch-engine and pytorch-native-cpu on the classpath", e);
    }
  }

  static GanTraining open(float[] data, int rows, EncodedLayout layout, GanSettings settings, long seed) {
    return new GanTraining(engine(), data, rows, layout, settings, seed);
  }
}
