package io.github.syntheticpatients.runtime.io.json;

import com.fasterxml.jackson.core.JsonGenerator;
import io.github.syntheticpatients.runtime.PatientRecord;
import io.github.syntheticpatients.runtime.PatientTimeline;
import io.github.syntheticpatients.runtime.io.AtomicFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Writes patient timelines as JSON Lines: one compact object per patient and line, shaped as {@link
 * PatientTimeline#asMap()}: the attributes in order, then {@code "visits"}, an array of one object
 * per visit (time and time-varying values). Values are written as {@link JsonlRecordWriter} writes
 * them (numbers as in the CSV output, dates ISO strings, missing values null); UTF-8, {@code \n}
 * line ends, the same patients give the same bytes, and the file appears complete or not at all.
 */
public final class TimelineJsonlWriter {
  private TimelineJsonlWriter() {}

  /**
   * Writes the file atomically, replacing any existing one.
   *
   * @param output the file to write
   * @param patients the patients, iterated once (a list, or a stream's iterator for output larger
   *     than memory)
   * @throws java.io.UncheckedIOException if the file cannot be written
   */
  public static void write(Path output, Iterable<PatientTimeline> patients) {
    AtomicFiles.write(output, stream -> print(stream, patients));
  }

  /**
   * The lines of these patients as {@link #write} writes them, as UTF-8 bytes: a file is the lines
   * of its parts one after another, so parts can be formatted on several threads and written in
   * order.
   */
  public static byte[] lines(Iterable<PatientTimeline> patients) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try {
      print(bytes, patients);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a byte array does not throw
    }
    return bytes.toByteArray();
  }

  private static void print(OutputStream stream, Iterable<PatientTimeline> patients)
      throws IOException {
    try (JsonGenerator generator = JsonlRecordWriter.lineGenerator(stream)) {
      for (PatientTimeline patient : patients) {
        generator.writeStartObject();
        writeFields(generator, patient.attributes());
        generator.writeArrayFieldStart(PatientTimeline.VISITS_KEY);
        for (PatientRecord visit : patient.visits()) {
          generator.writeStartObject();
          writeFields(generator, visit);
          generator.writeEndObject();
        }
        generator.writeEndArray();
        generator.writeEndObject();
        generator.writeRaw('\n');
      }
    }
  }

  private static void writeFields(JsonGenerator generator, PatientRecord record)
      throws IOException {
    for (Map.Entry<String, Object> entry : record.asMap().entrySet()) {
      generator.writeFieldName(entry.getKey());
      JsonlRecordWriter.writeValue(generator, entry.getValue());
    }
  }
}
