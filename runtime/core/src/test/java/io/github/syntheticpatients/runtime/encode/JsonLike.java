package io.github.syntheticpatients.runtime.encode;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Test helper: copies state the way a JSON writer and reader would give it back. */
public final class JsonLike {
  private JsonLike() {}

  /** A deep copy with integers as Long and doubles re-parsed from their shortest text. */
  public static Map<String, Object> copy(Map<String, Object> map) {
    Map<String, Object> copy = new LinkedHashMap<>();
    map.forEach((k, v) -> copy.put(k, value(v)));
    return copy;
  }

  @SuppressWarnings("unchecked")
  private static Object value(Object value) {
    if (value instanceof Map<?, ?> m) {
      return copy((Map<String, Object>) m);
    }
    if (value instanceof List<?> l) {
      return l.stream().map(JsonLike::value).toList();
    }
    if (value instanceof Integer i) {
      return i.longValue();
    }
    if (value instanceof Double d) {
      return Double.parseDouble(Double.toString(d));
    }
    return value;
  }
}
