package io.github.syntheticpatients.runtime;

/** Fidelity, utility and privacy of synthetic data against real data, with the privacy gate. */
public final class Evaluation {
  private Evaluation() {}

  /**
   * Evaluates a synthetic CSV against the real data and writes the JSON and HTML reports.
   *
   * @throws InvalidInputException when a file is missing, malformed or does not match the schema
   */
  public static EvaluationResult evaluate(EvaluateRequest request) {
    throw new UnsupportedOperationException("evaluation arrives with the evaluation work");
  }
}
