package io.github.syntheticpatients.runtime;

/** Training needs the DJL PyTorch engine and it is not on the classpath or fails to start. */
public class EngineUnavailableException extends SyntheticPatientsException {
  private static final long serialVersionUID = 1L;

  public EngineUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }

  /**
   * The error every trainer raises when a DJL class is missing at run time: the one place that
   * names the artifacts training needs.
   */
  public static EngineUnavailableException djlMissing(NoClassDefFoundError cause) {
    return new EngineUnavailableException(
        "DJL is not on the classpath ("
            + cause.getMessage()
            + "); training needs ai.djl:api, ai.djl.pytorch:pytorch-engine and pytorch-native-cpu",
        cause);
  }
}
