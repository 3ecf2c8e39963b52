package io.github.syntheticpatients.runtime.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/** Versions of this toolkit and the engines it was built against, recorded in every provenance block. */
public final class Versions {
  private static final Properties PROPERTIES = load();

  private Versions() {}

  /** This toolkit's version. */
  public static String toolkit() {
    return PROPERTIES.getProperty("synthetic.version");
  }

  /** A property of {@code versions.properties} (djl.version, pytorch.version, pytorch.jni.version). */
  public static String get(String key) {
    return PROPERTIES.getProperty(key);
  }

  /** The versions that decide what a model or a sample looks like. */
  public static Map<String, Object> describe() {
    Map<String, Object> versions = new LinkedHashMap<>();
    versions.put("syntheticPatients", toolkit());
    versions.put("djl", get("djl.version"));
    versions.put("pytorch", get("pytorch.version"));
    versions.put("java", System.getProperty("java.specification.version"));
    return versions;
  }

  private static Properties load() {
    Properties properties = new Properties();
    try (InputStream in = Versions.class.getResourceAsStream("/io/github/syntheticpatients/runtime/versions.properties")) {
      if (in == null) {
        throw new IllegalStateException("versions.properties is missing from the runtime jar");
      }
      properties.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return properties;
  }
}
