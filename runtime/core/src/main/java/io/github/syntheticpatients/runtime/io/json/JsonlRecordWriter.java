package io.github.syntheticpatients.runtime.io.json;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import io.github.syntheticpatients.runtime.PatientRecord;
import io.github.syntheticpatients.runtime.data.ValueFormat;
import io.github.syntheticpatients.runtime.io.AtomicFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
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
    AtomicFiles.write(out, stream -> print(stream, columns, records));
  }

  /**
   * The lines of these records as {@link #write} writes them, as UTF-8 bytes: a file is the lines
   * of its parts one after another, so parts can be formatted on several threads and written in
   * order.
   *
   * @throws java.util.NoSuchElementException if a record lacks one of the columns
   */
  public static byte[] lines(List<String> columns, Iterable<PatientRecord> records) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try {
      print(bytes, columns, records);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a byte array does not throw
    }
    return bytes.toByteArray();
  }

  private static void print(
      OutputStream stream, List<String> columns, Iterable<PatientRecord> records)
      throws IOException {
    try (JsonGenerator generator = lineGenerator(stream)) {
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
  }

  /**
   * A generator for JSON lines on a stream it leaves open: no separator between root values, since
   * each line ends with the {@code \n} the writer adds. Shared with the timeline writer.
   */
  static JsonGenerator lineGenerator(OutputStream stream) throws IOException {
    JsonGenerator generator =
        JsonFiles.mapper().getFactory().createGenerator(stream, JsonEncoding.UTF8);
    generator.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    generator.setRootValueSeparator(null);
    return generator;
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
