package io.github.syntheticpatients.runtime.sampling;

import io.github.syntheticpatients.runtime.spi.ModelZooProvider;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;

/** A model zoo for {@link ModelLoaderTest}, registered only through that test's class loader. */
public final class FakeZooProvider implements ModelZooProvider {
  /** The bytes served as id {@code tiny}. */
  static volatile byte[] model = new byte[0];

  @Override
  public List<Entry> models() {
    return List.of(
        new Entry("tiny", "a tiny test model"), new Entry("alpha", "listed but never opened"));
  }

  @Override
  public Optional<InputStream> open(String id) {
    return id.equals("tiny") ? Optional.of(new ByteArrayInputStream(model)) : Optional.empty();
  }
}
