package io.github.syntheticpatients.runtime.eval;

import io.github.syntheticpatients.runtime.data.Table;
import io.github.syntheticpatients.runtime.eval.fidelity.IndependentColumns;
import io.github.syntheticpatients.runtime.eval.privacy.GateSettings;
import io.github.syntheticpatients.runtime.eval.report.EvaluationReport;
import io.github.syntheticpatients.runtime.eval.report.ReportFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Renders report.html in headless Chromium (Debian packages {@code chromium}, {@code
 * chromium-driver}) and checks that a non-trivial screenshot comes out: a blank page compresses to
 * a few kB, charts and tables make it far larger. Not a unit test, because it needs a browser that
 * most machines lack (a test would skip there, silently passing); the report's HTML itself is
 * checked by {@code EvaluationFacadeTest} and {@code DeterminismTest}. Run: {@code mvn -B -pl
 * runtime/train -am -Pbenchmark test-compile exec:exec
 * -Dbenchmark.class=io.github.syntheticpatients.runtime.eval.ReportScreenshot}; it exits non-zero
 * when Chromium is missing or the screenshot looks blank, and leaves it in {@code
 * runtime/train/target/report-screenshot.png}.
 */
public final class ReportScreenshot {
  private ReportScreenshot() {}

  public static void main(String[] args) throws IOException, InterruptedException {
    Path browser = chromium();
    if (browser == null) {
      System.err.println("No Chromium in /usr/bin (apt-get install chromium); nothing rendered.");
      System.exit(2);
    }
    Path dir = Files.createTempDirectory("report-screenshot");
    Table train = TestTables.patients(500, 1);
    EvaluationReport report =
        EvaluationReport.compute(
            train,
            TestTables.patients(500, 2),
            IndependentColumns.sample(train, 500, 3),
            null,
            "stage",
            GateSettings.defaults(),
            5);
    Path html = ReportFiles.write(report, dir)[1];
    Path png = Path.of("target", "report-screenshot.png").toAbsolutePath();
    Files.createDirectories(png.getParent());
    Files.deleteIfExists(png);
    Path log = dir.resolve("chromium.log");
    Process process =
        new ProcessBuilder(
                browser.toString(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--user-data-dir=" + dir.resolve("profile"),
                "--window-size=1280,2400",
                "--screenshot=" + png,
                html.toUri().toString())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    if (!process.waitFor(5, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      System.err.println("Chromium did not finish; its log: " + Files.readString(log));
      System.exit(1);
    }
    long size = Files.exists(png) ? Files.size(png) : 0;
    boolean met = size > 50_000;
    System.out.printf(
        Locale.ROOT,
        "%s: %d bytes (target > 50,000: %s)%n",
        png,
        size,
        met ? "met" : "NOT met; chromium log: " + Files.readString(log));
    System.exit(met ? 0 : 1);
  }

  private static Path chromium() {
    for (String candidate :
        List.of("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")) {
      Path p = Path.of(candidate);
      if (Files.isExecutable(p)) {
        return p;
      }
    }
    return null;
  }
}
