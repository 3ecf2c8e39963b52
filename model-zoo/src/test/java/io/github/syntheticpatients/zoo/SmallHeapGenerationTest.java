package io.github.syntheticpatients.zoo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Generation streams: records go from blocks to the file, so a file far larger than the heap is
 * written in a small one. The same records gathered in memory first must not fit, or the test could
 * not fail.
 */
class SmallHeapGenerationTest {
  private static final int HEAP_MB = 40;
  private static final int ROWS = 150_000;

  @TempDir Path dir;

  @Test
  void aLargeFileIsWrittenInASmallHeap() throws IOException, InterruptedException {
    Path streamed = dir.resolve("streamed.csv");
    String log = runWithSmallHeap("stream", streamed);
    assertThat(log).contains("done").endsWith("exit=0");
    try (Stream<String> lines = Files.lines(streamed)) {
      assertThat(lines.count()).isEqualTo(ROWS + 1);
    }

    String gathered = runWithSmallHeap("gathered", dir.resolve("gathered.csv"));
    assertThat(gathered).contains("OutOfMemoryError").doesNotContain("exit=0");
  }

  /**
   * Runs {@link SmallHeapGeneration} in a fresh JVM; its output, then {@code exit=} and the code.
   */
  private String runWithSmallHeap(String mode, Path output)
      throws IOException, InterruptedException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Path log = dir.resolve(mode + ".log");
    Process process =
        new ProcessBuilder(
                java.toString(),
                "-Xmx" + HEAP_MB + "m",
                "-cp",
                System.getProperty("java.class.path"),
                SmallHeapGeneration.class.getName(),
                mode,
                Integer.toString(ROWS),
                output.toString())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    // A guard against a hung child, not a timing assertion.
    if (!process.waitFor(10, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionError("the forked generation did not finish: " + Files.readString(log));
    }
    return Files.readString(log) + "exit=" + process.exitValue();
  }
}
