package io.github.syntheticpatients.runtime.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
  @TempDir Path dir;

  @Test
  void writtenFileHasTheModeOfAnyNewFileNotOwnerOnly() throws IOException {
    assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
    // The reference: a file created the ordinary way, whose mode the umask decides.
    Path ordinary = Files.writeString(dir.resolve("ordinary.txt"), "x");
    Path written = dir.resolve("model.synth");

    AtomicFiles.write(written, "content".getBytes(StandardCharsets.UTF_8));

    Set<PosixFilePermission> expected = Files.getPosixFilePermissions(ordinary);
    assertThat(Files.getPosixFilePermissions(written)).isEqualTo(expected);
    assertThat(Files.readString(written)).isEqualTo("content");
  }

  @Test
  void replacesAnExistingFileAndLeavesNoTemporaryFile() throws IOException {
    Path target = dir.resolve("report.json");
    AtomicFiles.write(target, "old".getBytes(StandardCharsets.UTF_8));

    AtomicFiles.write(target, "new".getBytes(StandardCharsets.UTF_8));

    assertThat(Files.readString(target)).isEqualTo("new");
    try (var files = Files.list(dir)) {
      assertThat(files).containsExactly(target);
    }
  }
}
