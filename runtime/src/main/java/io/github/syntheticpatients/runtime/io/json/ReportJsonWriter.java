package io.github.syntheticpatients.runtime.io.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.github.syntheticpatients.runtime.SyntheticPatientsException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes a report tree (maps, lists, strings, numbers, booleans, nulls) as pretty-printed JSON with map keys
 * sorted, so the same report gives the same bytes. Written to a temporary file next to the target and moved into
 * place, so readers never see a partial report.
 */
public final class ReportJsonWriter {
  private static final ObjectMapper MAPPER =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

  private ReportJsonWriter() {}

  /** The JSON text of a tree, keys sorted, with a trailing newline. */
  public static String toJson(Object tree) {
    try {
      return MAPPER.writeValueAsString(tree) + "\n";
    } catch (JsonProcessingException e) {
      throw new SyntheticPatientsException("Could not serialise the report: " + e.getOriginalMessage(), e);
    }
  }

  /** Writes the tree to {@code file} atomically. */
  public static void write(Object tree, Path file) {
    writeAtomically(toJson(tree), file);
  }

  /** Writes text to {@code file} through a temporary file in the same directory and an atomic move. */
  public static void writeAtomically(String text, Path file) {
    Path dir = file.toAbsolutePath().getParent();
    Path tmp = null;
    try {
      Files.createDirectories(dir);
      tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
      Files.writeString(tmp, text, StandardCharsets.UTF_8);
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new SyntheticPatientsException("Could not write " + file + ": " + e.getMessage() + "; check that the"
          + " directory is writable", e);
    } finally {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
          // the move succeeded or the write already failed; a stray temp file is harmless
        }
      }
    }
  }
}
