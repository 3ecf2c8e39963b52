package io.github.syntheticpatients.runtime;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;

/** The real datasets under {@code src/test/resources/data}. */
public final class TestData {
  private TestData() {}

  /** The path of {@code /data/<file>} on the test classpath. */
  public static Path path(String file) {
    URL url = TestData.class.getResource("/data/" + file);
    if (url == null) {
      throw new IllegalArgumentException("No test resource /data/" + file);
    }
    try {
      return Path.of(url.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
