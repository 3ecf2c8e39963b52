package io.github.syntheticpatients.junit.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The temporary directory that holds a test's injected CSV files; kept in the test's store and
 * deleted with it (see {@link ModelCache} for why it is both a {@code CloseableResource} and {@code
 * AutoCloseable}).
 */
public final class TemporaryCsvDirectory
    implements ExtensionContext.Store.CloseableResource, AutoCloseable {
  private final Path directory;
  private final AtomicBoolean closed = new AtomicBoolean();

  private TemporaryCsvDirectory(Path directory) {
    this.directory = directory;
  }

  /** Creates a fresh directory under {@code java.io.tmpdir}. */
  public static TemporaryCsvDirectory create() {
    try {
      return new TemporaryCsvDirectory(Files.createTempDirectory("synthetic-patients-"));
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot create a temporary directory for @SyntheticPatients Path", e);
    }
  }

  /** The directory. */
  public Path path() {
    return directory;
  }

  @Override
  public void close() throws IOException {
    if (!closed.compareAndSet(false, true) || !Files.exists(directory)) {
      return;
    }
    List<Path> paths;
    try (Stream<Path> walk = Files.walk(directory)) {
      paths = walk.sorted(Comparator.reverseOrder()).toList();
    }
    for (Path path : paths) {
      Files.deleteIfExists(path);
    }
  }
}
