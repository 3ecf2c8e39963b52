package io.github.syntheticpatients.runtime.eval;

import io.github.syntheticpatients.runtime.io.AtomicFiles;
import io.github.syntheticpatients.runtime.io.json.JsonFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** Writes {@code report.json} (keys sorted) and {@code report.html} into a directory, each atomically. */
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
    JsonFiles.write(json, ReportTree.of(report));
    AtomicFiles.write(html, HtmlReport.render(report).getBytes(StandardCharsets.UTF_8));
    return new Path[] {json, html};
  }
}
