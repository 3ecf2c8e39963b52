package io.github.syntheticpatients.runtime.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;

/**
 * Writes a file so that readers see either the old content or the complete new one, never a partial
 * file: the content goes to a temporary file in the same directory, which is then moved over the
 * target.
 *
 * <p>The file gets the mode any new file gets (0644 under the usual umask 022), not the owner-only
 * mode of {@link Files#createTempFile}: models, CSVs and reports are build outputs that CI shares
 * as artifacts.
 */
public final class AtomicFiles {
  private AtomicFiles() {}

  /** Writes the content of one file. */
  @FunctionalInterface
  public interface ContentWriter {
    /**
     * Writes the whole content.
     *
     * @param out the stream to write to; buffered, closed by the caller
     * @throws IOException if writing fails
     */
    void writeTo(OutputStream out) throws IOException;
  }

  /**
   * Writes {@code target} atomically, creating its parent directories.
   *
   * @param target the file to create or replace
   * @param content writes the bytes
   * @throws UncheckedIOException if the file cannot be written; the target is then left as it was
   */
  public static void write(Path target, ContentWriter content) {
    Path absolute = target.toAbsolutePath();
    Path directory = absolute.getParent();
    Path temp = null;
    try {
      Files.createDirectories(directory);
      temp = directory.resolve("." + absolute.getFileName() + "." + UUID.randomUUID() + ".tmp");
      // CREATE_NEW, not createTempFile: the umask decides the mode, and the name is never reused.
      try (OutputStream out =
          new BufferedOutputStream(
              Files.newOutputStream(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
              1 << 16)) {
        content.writeTo(out);
      }
      try {
        Files.move(
            temp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        // Some file systems cannot rename atomically; a plain replacing move is the best they
        // offer.
        Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING);
      }
      temp = null;
    } catch (IOException e) {
      throw new UncheckedIOException("Could not write " + target + ": " + e.getMessage(), e);
    } finally {
      if (temp != null) {
        try {
          Files.deleteIfExists(temp);
        } catch (IOException ignored) {
          // The original failure is what matters; a stray temp file is harmless.
        }
      }
    }
  }

  /** Writes bytes to {@code target} atomically. */
  public static void write(Path target, byte[] bytes) {
    write(target, out -> out.write(bytes));
  }
}
