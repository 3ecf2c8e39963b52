package io.github.syntheticpatients.runtime;

/** A model file that is damaged, foreign, or written by an incompatible format version. */
public class ModelFormatException extends SyntheticPatientsException {
  private static final long serialVersionUID = 1L;

  private final String source;

  public ModelFormatException(String source, String problem) {
    super(source + " is not a usable Synthetic Patients model: " + problem);
    this.source = source;
  }

  public ModelFormatException(String source, String problem, Throwable cause) {
    super(source + " is not a usable Synthetic Patients model: " + problem, cause);
    this.source = source;
  }

  /** The file or resource that failed to load. */
  public String source() {
    return source;
  }
}
