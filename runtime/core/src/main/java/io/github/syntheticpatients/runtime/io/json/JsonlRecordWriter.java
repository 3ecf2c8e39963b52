package io.github.syntheticpatients.runtime.io.json;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import io.github.syntheticpatients.runtime.PatientRecord;
import io.github.syntheticpatients.runtime.data.ValueFormat;
import io.github.syntheticpatients.runtime.io.AtomicFiles;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes records as JSON Lines: one compact JSON object per record and line, keys in column order,
 * UTF-8, {@code \n} line ends. Numbers are JSON numbers written like the CSV output ({@link
 * ValueFormat#format}), dates ISO strings, text strings, missing values null. The same records give
 * the same bytes. The file appears complete or not at all.
 */
public final class JsonlRecordWriter {
  private JsonlRecordWriter() {}

  /**
   * Writes the file atomically, replacing any existing one.
   *
   * @param out the file to write
   * @param columns the keys to write, in order; each record must have them all
   * @param records the rows, iterated once (a list, or a stream's iterator for output larger than
   *     memory)
   * @throws java.util.NoSuchElementException if a record lacks one of the columns
   * @throws java.io.UncheckedIOException if the file cannot be written
   */
  public static void write(Path out, List<String> columns, Iterable<PatientRecord> records) {
    AtomicFiles.write(
        out,
        stream -> {
          try (JsonGenerator generator =
              JsonFiles.mapper().getFactory().createGenerator(stream, JsonEncoding.UTF8)) {
            generator.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            generator.setRootValueSeparator(null); // lines are separated by the \n written below
            for (PatientRecord record : records) {
              generator.writeStartObject();
              for (String column : columns) {
                generator.writeFieldName(column);
                writeValue(generator, record.get(column));
              }
              generator.writeEndObject();
              generator.writeRaw('\n');
            }
          }
        });
  }

  /**
   * One value as {@link ValueFormat} formats it for CSV, typed for JSON; shared with the timeline
   * writer.
   */
  static void writeValue(JsonGenerator generator, Object value) throws java.io.IOException {
    if (value == null) {
      generator.writeNull();
    } else if (value instanceof Boolean flag) {
      generator.writeBoolean(flag);
    } else if (value instanceof Double || value instanceof Float || value instanceof BigDecimal) {
      String text = ValueFormat.format(value);
      if (text.isEmpty()) {
        generator.writeNull(); // NaN
      } else {
        generator.writeNumber(text);
      }
    } else if (value instanceof Long
        || value instanceof Integer
        || value instanceof Short
        || value instanceof Byte
        || value instanceof BigInteger) {
      generator.writeNumber(value.toString());
    } else {
      generator.writeString(ValueFormat.format(value));
    }
  }
}
