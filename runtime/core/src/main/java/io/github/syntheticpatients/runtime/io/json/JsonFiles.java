package io.github.syntheticpatients.runtime.io.json;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.github.syntheticpatients.runtime.InvalidInputException;
import io.github.syntheticpatients.runtime.io.AtomicFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeSet;

/**
 * Deterministic JSON files for manifests, provenance and configuration, through one shared Jackson
 * mapper.
 *
 * <p>Writing: two-space indentation, {@code "key": value}, {@code \n} line ends and a final
 * newline, whatever the platform; map keys and bean properties sorted (the {@code InOrder} variants
 * keep a map's own order instead, for files people read top to bottom). Reading: unknown properties
 * of a bound type, duplicate keys and trailing content are errors, reported as {@link
 * InvalidInputException} with the file and the line and column.
 *
 * <p>Trees are plain JDK values: {@link Map}, {@link java.util.List}, {@link String}, {@link
 * Number}, {@link Boolean} and null.
 */
public final class JsonFiles {
  private static final ObjectMapper MAPPER = createMapper();
  private static final TypeReference<Map<String, Object>> TREE = new TypeReference<>() {};
  private static final ObjectWriter SORTED = MAPPER.writer(prettyPrinter());
  private static final ObjectWriter IN_ORDER =
      MAPPER.writer(prettyPrinter()).without(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

  private JsonFiles() {}

  /** The shared mapper, for code in this package; callers must not reconfigure it. */
  static ObjectMapper mapper() {
    return MAPPER;
  }

  /** The bytes of a tree, keys sorted, ending with a newline. */
  public static byte[] toBytes(Object tree) {
    return bytes(SORTED, tree);
  }

  /** The bytes of a tree with each map's keys in its own iteration order, ending with a newline. */
  public static byte[] toBytesInOrder(Object tree) {
    return bytes(IN_ORDER, tree);
  }

  /** Writes a tree (keys sorted) to a stream, which stays open. */
  public static void write(OutputStream out, Object tree) throws IOException {
    out.write(toBytes(tree));
  }

  /** Writes a tree (keys sorted) to a file atomically: readers never see a partial file. */
  public static void write(Path file, Object tree) {
    AtomicFiles.write(file, toBytes(tree));
  }

  /** Writes a tree (keys in each map's order) to a file atomically. */
  public static void writeInOrder(Path file, Object tree) {
    AtomicFiles.write(file, toBytesInOrder(tree));
  }

  /**
   * Reads a JSON object from a file, keys in file order.
   *
   * @throws InvalidInputException if the file is missing or is not a JSON object, with line and
   *     column
   */
  public static Map<String, Object> read(Path file) {
    return read(file, TREE);
  }

  /** Reads a JSON object from bytes; {@code source} names them in error messages. */
  public static Map<String, Object> read(byte[] bytes, String source) {
    try {
      return MAPPER.readValue(bytes, TREE);
    } catch (IOException e) {
      throw failure(Path.of(source), e);
    }
  }

  /**
   * Reads a JSON object from a stream, which stays open; {@code source} names it in error messages.
   */
  public static Map<String, Object> read(InputStream in, String source) {
    try {
      return MAPPER.readerFor(TREE).without(StreamReadFeature.AUTO_CLOSE_SOURCE).readValue(in);
    } catch (IOException e) {
      throw failure(Path.of(source), e);
    }
  }

  /**
   * Reads a file into a type (e.g. a record); properties the type does not declare are errors.
   *
   * @throws InvalidInputException if the file is missing or does not fit the type, with line and
   *     column
   */
  public static <T> T read(Path file, Class<T> type) {
    try {
      return MAPPER.readValue(Files.readAllBytes(file), type);
    } catch (IOException e) {
      throw failure(file, e);
    }
  }

  private static <T> T read(Path file, TypeReference<T> type) {
    try {
      return MAPPER.readValue(Files.readAllBytes(file), type);
    } catch (IOException e) {
      throw failure(file, e);
    }
  }

  /** Turns a Jackson or I/O failure into an error naming the file, line and column. */
  static RuntimeException failure(Path file, IOException e) {
    if (e instanceof NoSuchFileException) {
      return InvalidInputException.inFile(
          file, -1, null, "the file does not exist; check the path");
    }
    if (!(e instanceof JsonProcessingException json)) {
      return new UncheckedIOException("Could not read " + file + ": " + e.getMessage(), e);
    }
    JsonLocation location = json.getLocation();
    long line = location == null ? -1 : location.getLineNr();
    String at =
        location == null || location.getColumnNr() < 1
            ? ""
            : "at character " + location.getColumnNr() + ": ";
    if (e instanceof UnrecognizedPropertyException unknown) {
      TreeSet<String> known = new TreeSet<>();
      unknown.getKnownPropertyIds().forEach(id -> known.add(String.valueOf(id)));
      return InvalidInputException.inFile(
          file,
          line,
          null,
          at
              + "unknown property \""
              + unknown.getPropertyName()
              + "\"; the known properties are "
              + known
              + " (check the spelling, or remove it)");
    }
    if (e instanceof MismatchedInputException mismatch
        && mismatch.getTargetType() != null
        && Map.class.isAssignableFrom(mismatch.getTargetType())) {
      return InvalidInputException.inFile(
          file, line, null, at + "the file must hold one JSON object ({ ... }); correct the file");
    }
    return InvalidInputException.inFile(
        file, line, null, at + "invalid JSON: " + json.getOriginalMessage() + "; correct the file");
  }

  private static byte[] bytes(ObjectWriter writer, Object tree) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      writer.writeValue(out, tree);
      out.write('\n');
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException("Could not write JSON: " + e.getMessage(), e);
    }
  }

  private static DefaultPrettyPrinter prettyPrinter() {
    // The default indenter uses the platform line separator; "\n" keeps files identical across
    // platforms.
    DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
    Separators separators =
        Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER);
    return new DefaultPrettyPrinter(separators)
        .withObjectIndenter(indenter)
        .withArrayIndenter(indenter);
  }

  private static ObjectMapper createMapper() {
    return JsonMapper.builder()
        .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
        .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
        .build();
  }
}
