package io.github.syntheticpatients.runtime.io.json;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import io.github.syntheticpatients.runtime.PatientRecord;
import io.github.syntheticpatients.runtime.PatientTimeline;
import io.github.syntheticpatients.runtime.io.AtomicFiles;
import java.io.IOException;
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
    AtomicFiles.write(
        output,
        stream -> {
          try (JsonGenerator generator =
              JsonFiles.mapper().getFactory().createGenerator(stream, JsonEncoding.UTF8)) {
            generator.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            generator.setRootValueSeparator(null); // lines are separated by the \n written below
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
        });
  }

  private static void writeFields(JsonGenerator generator, PatientRecord record)
      throws IOException {
    for (Map.Entry<String, Object> entry : record.asMap().entrySet()) {
      generator.writeFieldName(entry.getKey());
      JsonlRecordWriter.writeValue(generator, entry.getValue());
    }
  }
}
