package io.github.syntheticpatients.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Sha256Test {
  /** FIPS 180-2's two-block example. */
  private static final String MESSAGE = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";

  private static final String MESSAGE_SHA256 =
      "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1";

  @Test
  void bytesAndStreamedFilesGiveTheStandardChecksum(@TempDir Path dir) throws Exception {
    assertThat(Sha256.hex(MESSAGE.getBytes(StandardCharsets.US_ASCII))).isEqualTo(MESSAGE_SHA256);
    // Longer than one read buffer, so the streamed digest crosses buffer boundaries.
    Path file =
        Files.writeString(
            dir.resolve("long.txt"), MESSAGE.repeat(3_000), StandardCharsets.US_ASCII);
    assertThat(Sha256.hex(file)).isEqualTo(Sha256.hex(Files.readAllBytes(file)));
    assertThat(Sha256.hex(Files.createFile(dir.resolve("empty.txt"))))
        .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  }
}
