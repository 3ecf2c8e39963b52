package io.github.syntheticpatients.runtime.eval.report;

import io.github.syntheticpatients.runtime.io.AtomicFiles;
import io.github.syntheticpatients.runtime.io.json.JsonFiles;
import io.github.syntheticpatients.runtime.schema.ValueProtection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Writes {@code report.json} (keys sorted) and {@code report.html} into a directory, each
 * atomically.
 */
public final class ReportFiles {
  /** File name of the JSON report. */
  public static final String JSON = "report.json";

  /** File name of the HTML report. */
  public static final String HTML = "report.html";

  private ReportFiles() {}

  /** Writes both reports with the default value protection ({@link ValueProtection#DEFAULT_K}). */
  public static Path[] write(EvaluationReport report, Path directory) {
    return write(report, directory, ValueProtection.DEFAULT_K);
  }

  /**
   * Writes both reports.
   *
   * @param k value protection: no number in them is held by fewer than k real records (1 turns it
   *     off)
   * @return the JSON and HTML paths, in that order
   */
  public static Path[] write(EvaluationReport report, Path directory, int k) {
    Path json = directory.resolve(JSON);
    Path html = directory.resolve(HTML);
    JsonFiles.write(json, ReportTree.of(report, k));
    AtomicFiles.write(html, HtmlReport.render(report, k).getBytes(StandardCharsets.UTF_8));
    return new Path[] {json, html};
  }
}
