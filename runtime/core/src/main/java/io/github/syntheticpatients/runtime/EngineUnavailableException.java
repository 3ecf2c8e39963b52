package io.github.syntheticpatients.runtime;

/** Training needs the DJL PyTorch engine and it is not on the classpath or fails to start. */
public class EngineUnavailableException extends SyntheticPatientsException {
  private static final long serialVersionUID = 1L;

  public EngineUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
