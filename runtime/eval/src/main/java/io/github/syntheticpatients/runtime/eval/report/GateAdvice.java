package io.github.syntheticpatients.runtime.eval.report;

import io.github.syntheticpatients.runtime.GateCheck;

/**
 * The report's "what to change" for one gate check, in the HTML table and in report.json: the
 * check's own advice, or for a check that was not run, how to run it. A check that was not run is
 * no evidence, so an empty cell there would hide the one thing the reader can do.
 */
final class GateAdvice {
  private GateAdvice() {}

  static String whatToChange(GateCheck check) {
    if (check.evaluated() || !check.advice().isEmpty()) {
      return check.advice();
    }
    String why = check.rule().substring(GateCheck.NOT_EVALUATED.length());
    why = why.startsWith(":") ? why.substring(1).strip() : why.strip();
    String advice = "Not run, so no evidence either way. To run it: " + why;
    if (why.contains("holdout")) {
      advice +=
          ". With synthetic:evaluate pass -Dsynthetic.holdout=<real rows the generator never saw>;"
              + " synthetic:train keeps its own holdout when trained with"
              + " -Dsynthetic.options=splitDir=<dir>.";
    } else if (!why.endsWith(".")) {
      advice += ".";
    }
    return advice;
  }
}
