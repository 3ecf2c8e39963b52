package io.github.syntheticpatients.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Versions of this toolkit and the engines it was built against, recorded in every provenance block
 * and used by the plugin to resolve the training classpath. The one reader of {@code
 * versions.properties}, which the build fills in.
 */
public final class Versions {
  /** Where the build puts the versions, on the classpath. */
  static final String RESOURCE = "/io/github/syntheticpatients/runtime/versions.properties";

  private static final Properties PROPERTIES = load();

  private Versions() {}

  /** This toolkit's version. */
  public static String toolkit() {
    return PROPERTIES.getProperty("synthetic.version");
  }

  /**
   * A property of {@code versions.properties} (djl.version, pytorch.version, pytorch.jni.version).
   */
  public static String get(String key) {
    return PROPERTIES.getProperty(key);
  }

  /** The DJL version (of {@code ai.djl:api} and {@code ai.djl.pytorch:pytorch-engine}). */
  public static String djl() {
    return required("djl.version");
  }

  /** The PyTorch version (of {@code ai.djl.pytorch:pytorch-native-cpu}). */
  public static String pytorch() {
    return required("pytorch.version");
  }

  /** The version of {@code ai.djl.pytorch:pytorch-jni}. */
  public static String pytorchJni() {
    return required("pytorch.jni.version");
  }

  /**
   * A property that must be set.
   *
   * @throws IllegalStateException when it is missing, blank or left unfiltered ({@code ${...}}): a
   *     broken build
   */
  static String required(String key) {
    String value = PROPERTIES.getProperty(key);
    if (value == null || value.isBlank() || value.startsWith("${")) {
      throw new IllegalStateException(
          RESOURCE.substring(1)
              + " has no usable "
              + key
              + " (found "
              + value
              + "): the runtime jar was built"
              + " without resource filtering; rebuild it with Maven");
    }
    return value.strip();
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
    try (InputStream in = Versions.class.getResourceAsStream(RESOURCE)) {
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
