package io.github.syntheticpatients.runtime.spi;

import java.io.InputStream;
import java.util.List;
import java.util.Optional;

/**
 * A source of pretrained models, found through {@link java.util.ServiceLoader}. The model zoo
 * module implements it; the runtime never depends on the zoo.
 */
public interface ModelZooProvider {

  /** One model the provider offers. */
  record Entry(String id, String summary) {}

  /** The models this provider offers. */
  List<Entry> models();

  /** The bytes of the model file with this id, or empty if this provider does not have it. */
  Optional<InputStream> open(String id);
}
