package io.github.syntheticpatients.runtime;

/** Base of every error the runtime reports; its message says what went wrong and how to fix it. */
public class SyntheticPatientsException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public SyntheticPatientsException(String message) {
    super(message);
  }

  public SyntheticPatientsException(String message, Throwable cause) {
    super(message, cause);
  }
}
