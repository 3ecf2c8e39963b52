package io.github.syntheticpatients.runtime.io.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a JSON object into plain JDK values ({@link Map}, {@link List}, {@link String}, {@link
 * Integer}, {@link Long}, {@link Double}, {@link Boolean}, null) with jackson-core's streaming
 * parser alone.
 *
 * <p>Loading a model is on the path of a test's first injected patient: a cold jackson-databind
 * {@code ObjectMapper} costs more than half a second in a fresh JVM (hundreds of classes), the
 * streaming parser a small fraction of it. {@link JsonFiles} stays the way to read configuration
 * files and to write anything.
 */
public final class JsonTrees {
  private static final JsonFactory FACTORY =
      JsonFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

  private JsonTrees() {}

  /**
   * Parses bytes holding one JSON object.
   *
   * @throws IOException when the bytes are not one well-formed JSON object (the message gives line
   *     and column)
   */
  public static Map<String, Object> readObject(byte[] bytes) throws IOException {
    try (JsonParser parser = FACTORY.createParser(bytes)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw new IOException("expected a JSON object at " + location(parser));
      }
      Map<String, Object> object = readObject(parser);
      if (parser.nextToken() != null) {
        throw new IOException("unexpected content after the JSON object at " + location(parser));
      }
      return object;
    }
  }

  private static Map<String, Object> readObject(JsonParser parser) throws IOException {
    Map<String, Object> object = new LinkedHashMap<>();
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      parser.nextToken();
      object.put(name, value(parser));
    }
    return object;
  }

  private static List<Object> readArray(JsonParser parser) throws IOException {
    List<Object> array = new ArrayList<>();
    while (parser.nextToken() != JsonToken.END_ARRAY) {
      array.add(value(parser));
    }
    return array;
  }

  private static Object value(JsonParser parser) throws IOException {
    JsonToken token = parser.currentToken();
    if (token == null) {
      throw new IOException("unexpected end of JSON");
    }
    return switch (token) {
      case START_OBJECT -> readObject(parser);
      case START_ARRAY -> readArray(parser);
      case VALUE_STRING -> parser.getText();
      case VALUE_NUMBER_INT -> parser.getNumberValue();
      case VALUE_NUMBER_FLOAT -> parser.getDoubleValue();
      case VALUE_TRUE -> Boolean.TRUE;
      case VALUE_FALSE -> Boolean.FALSE;
      case VALUE_NULL -> null;
      default -> throw new IOException("unexpected " + token + " at " + location(parser));
    };
  }

  private static String location(JsonParser parser) {
    return "line "
        + parser.currentLocation().getLineNr()
        + ", column "
        + parser.currentLocation().getColumnNr();
  }
}
