package io.github.syntheticpatients.zoo;

import io.github.syntheticpatients.runtime.ModelFormatException;
import io.github.syntheticpatients.runtime.model.ModelFile;
import io.github.syntheticpatients.runtime.spi.ModelZooProvider;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeSet;

/**
 * The bundled models. {@code zoo.properties} lists each model's file, one-line summary and sha256;
 * a model whose bytes do not match its recorded sha256 is refused, so a damaged jar fails loudly
 * instead of sampling garbage.
 */
public final class ZooModelProvider implements ModelZooProvider {
  static final String BASE = "/io/github/syntheticpatients/zoo/";
  static final String INDEX = BASE + "zoo.properties";

  private final Properties index = loadIndex();

  @Override
  public List<Entry> models() {
    List<Entry> entries = new ArrayList<>();
    for (String id : ids()) {
      entries.add(new Entry(id, index.getProperty(id + ".summary", "")));
    }
    return entries;
  }

  @Override
  public Optional<InputStream> open(String id) {
    String file = index.getProperty(id + ".file");
    if (file == null) {
      return Optional.empty();
    }
    try (InputStream in = ZooModelProvider.class.getResourceAsStream(BASE + file)) {
      if (in == null) {
        throw new ModelFormatException(
            "model-zoo:" + id, "its file " + file + " is missing from the zoo jar");
      }
      byte[] bytes = in.readAllBytes();
      String expected = index.getProperty(id + ".sha256");
      String actual = ModelFile.sha256(bytes);
      if (!actual.equals(expected)) {
        throw new ModelFormatException(
            "model-zoo:" + id,
            "its sha256 is "
                + actual
                + " but the zoo index records "
                + expected
                + ": the synthetic-patients-model-zoo jar is damaged, or its models were"
                + " replaced without RebuildZoo rewriting zoo.properties. Delete"
                + " io/github/syntheticpatients/synthetic-patients-model-zoo from the local Maven"
                + " repository (~/.m2/repository) so that Maven downloads it again, or rebuild"
                + " the zoo with mvn -pl model-zoo -am -Prebuild-zoo verify, which rewrites it");
      }
      return Optional.of(new ByteArrayInputStream(bytes));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private TreeSet<String> ids() {
    TreeSet<String> ids = new TreeSet<>();
    for (String key : index.stringPropertyNames()) {
      if (key.endsWith(".file")) {
        ids.add(key.substring(0, key.length() - ".file".length()));
      }
    }
    return ids;
  }

  private static Properties loadIndex() {
    Properties properties = new Properties();
    try (InputStream in = ZooModelProvider.class.getResourceAsStream(INDEX)) {
      if (in != null) {
        properties.load(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return properties;
  }
}
