package io.github.syntheticpatients.runtime;

/** Samples a model to a CSV or JSON-lines file with a provenance file beside it. */
public final class Generation {
  private Generation() {}

  /**
   * Writes {@code request.rows()} records. The same model, seed, rows and conditions give byte-identical files.
   * Writes to a temporary file and moves it into place, so a failure never leaves partial output.
   */
  public static GenerateResult generate(GenerateRequest request) {
    throw new UnsupportedOperationException("generation arrives with the model file work");
  }
}
