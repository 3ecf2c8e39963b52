package io.github.syntheticpatients.runtime.eval;

import io.github.syntheticpatients.runtime.io.json.ReportJsonWriter;
import java.nio.file.Path;

/** Writes {@code report.json} and {@code report.html} into a directory, each atomically. */
public final class ReportFiles {
  /** File name of the JSON report. */
  public static final String JSON = "report.json";

  /** File name of the HTML report. */
  public static final String HTML = "report.html";

  private ReportFiles() {}

  /**
   * Writes both reports.
   *
   * @return the JSON and HTML paths, in that order
   */
  public static Path[] write(EvaluationReport report, Path directory) {
    Path json = directory.resolve(JSON);
    Path html = directory.resolve(HTML);
    ReportJsonWriter.write(ReportTree.of(report), json);
    ReportJsonWriter.writeAtomically(HtmlReport.render(report), html);
    return new Path[] {json, html};
  }
}
