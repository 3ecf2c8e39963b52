package io.github.syntheticpatients.runtime.train;

import io.github.syntheticpatients.runtime.EngineUnavailableException;

/**
 * Whether DJL is on the classpath, checked without loading it (the copula needs no native library).
 */
final class Engines {
  private Engines() {}

  static boolean available() {
    try {
      Class.forName("ai.djl.engine.Engine", false, Engines.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }

  static void require() {
    if (!available()) {
      throw new EngineUnavailableException(
          "GAN training needs the DJL PyTorch engine (ai.djl:api, ai.djl.pytorch:pytorch-engine, pytorch-jni and"
              + " pytorch-native-cpu) on the classpath. Run training through 'mvn synthetic:train', which brings"
              + " them in, or add them to your build; the copula generator needs none.",
          new ClassNotFoundException("ai.djl.engine.Engine"));
    }
  }
}
