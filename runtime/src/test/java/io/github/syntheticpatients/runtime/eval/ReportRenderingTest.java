package io.github.syntheticpatients.runtime.eval;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.syntheticpatients.runtime.data.Table;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Renders report.html in headless Chromium (Debian packages {@code chromium}, {@code chromium-driver}) and checks
 * that a non-trivial screenshot comes out. Skipped when no Chromium is installed.
 */
class ReportRenderingTest {
  @TempDir Path dir;

  private static Path chromium() {
    for (String candidate : List.of("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")) {
      Path p = Path.of(candidate);
      if (Files.isExecutable(p)) {
        return p;
      }
    }
    return null;
  }

  @Test
  void reportRendersInHeadlessChromium() throws IOException, InterruptedException {
    Path browser = chromium();
    Assumptions.assumeTrue(browser != null, "Chromium not installed (apt-get install chromium); skipping render check");
    Table train = TestTables.patients(500, 1);
    EvaluationReport report =
        EvaluationReport.compute(
            train, TestTables.patients(500, 2), TestTables.independentMarginals(train, 500, 3), null, "stage",
            GateSettings.defaults(), 5);
    Path html = ReportFiles.write(report, dir)[1];
    Path png = Path.of("target", "report-screenshot.png").toAbsolutePath();
    Files.createDirectories(png.getParent());
    Files.deleteIfExists(png);
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
            .redirectOutput(dir.resolve("chromium.log").toFile())
            .start();
    boolean finished = process.waitFor(90, TimeUnit.SECONDS);
    if (!finished) {
      process.destroyForcibly();
    }
    assertThat(finished).as("chromium finished within 90 s").isTrue();
    assertThat(png).as("screenshot; chromium log: %s", Files.readString(dir.resolve("chromium.log"))).exists();
    // a blank page compresses to a few kB; charts and tables make it far larger
    assertThat(Files.size(png)).isGreaterThan(50_000);
  }
}
