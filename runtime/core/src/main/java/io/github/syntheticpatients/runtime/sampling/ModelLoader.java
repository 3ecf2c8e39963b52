package io.github.syntheticpatients.runtime.sampling;

import io.github.syntheticpatients.runtime.ModelListing;
import io.github.syntheticpatients.runtime.SyntheticModel;
import io.github.syntheticpatients.runtime.UnknownModelException;
import io.github.syntheticpatients.runtime.model.ModelFile;
import io.github.syntheticpatients.runtime.spi.ModelZooProvider;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

/** Finds and loads models by zoo id, classpath resource or file path. */
public final class ModelLoader {
  /** The zoo id used when no model is named. */
  public static final String DEFAULT_MODEL = "default";

  /** Prefix that marks a classpath resource. */
  public static final String CLASSPATH_PREFIX = "classpath:";

  private ModelLoader() {}

  /**
   * Loads a model: a zoo id ({@code default}), a classpath resource ({@code
   * classpath:models/x.synth}) or a file path, tried in that order.
   *
   * @throws UnknownModelException when nothing matches; its message lists the known ids
   * @throws io.github.syntheticpatients.runtime.ModelFormatException when the file is damaged or
   *     not a model
   */
  public static SyntheticModel load(String reference) {
    Found found = find(reference);
    return ModelFile.load(found.bytes(), found.source(), found.id());
  }

  /**
   * Loads a model as {@link #load(String)} does, looking first in a team's local zoo: its id there
   * wins over a bundled model of the same id.
   *
   * @param zoo the local zoo, or null for none
   * @throws UnknownModelException when nothing matches; its message lists the local and bundled ids
   * @throws io.github.syntheticpatients.runtime.ModelFormatException when the file is damaged or
   *     not a model
   */
  public static SyntheticModel load(String reference, LocalZoo zoo) {
    if (zoo == null) {
      return load(reference);
    }
    String ref = reference == null || reference.isBlank() ? DEFAULT_MODEL : reference.trim();
    Optional<Path> file = zoo.file(ref);
    if (file.isPresent()) {
      return load(file.get().toString());
    }
    try {
      return load(ref);
    } catch (UnknownModelException e) {
      List<String> ids = new ArrayList<>(zoo.models().stream().map(ModelListing::id).toList());
      ids.addAll(e.knownIds());
      throw new UnknownModelException(ref, ids.stream().distinct().sorted().toList());
    }
  }

  /**
   * The bytes of the model file {@link #load} would load for this reference, found in the same
   * order, unchecked: for code that ships a model elsewhere (a Spark driver broadcasting it to its
   * executors) and loads it there with {@link #load(byte[], String)}.
   *
   * @throws UnknownModelException when nothing matches; its message lists the known ids
   */
  public static byte[] readBytes(String reference) {
    return find(reference).bytes();
  }

  /**
   * Loads a model from the bytes of its file, as {@link #readBytes} returns them.
   *
   * @param bytes the model file
   * @param id the model's id, for messages and provenance
   * @throws io.github.syntheticpatients.runtime.ModelFormatException when the bytes are damaged or
   *     not a model
   */
  public static SyntheticModel load(byte[] bytes, String id) {
    return ModelFile.load(bytes, "model bytes of " + id, id);
  }

  /** A model file's bytes, where they came from, and the model's id. */
  private record Found(byte[] bytes, String source, String id) {}

  private static Found find(String reference) {
    if (reference == null || reference.isBlank()) {
      reference = DEFAULT_MODEL;
    }
    String ref = reference.trim();
    try {
      for (ModelZooProvider provider : providers()) {
        Optional<InputStream> stream = provider.open(ref);
        if (stream.isPresent()) {
          try (InputStream in = stream.get()) {
            String source = "model-zoo:" + ref;
            return new Found(ModelFile.readBounded(in, source), source, ref);
          }
        }
      }
      if (ref.startsWith(CLASSPATH_PREFIX)) {
        String resource = ref.substring(CLASSPATH_PREFIX.length());
        return fromClasspath(resource)
            .orElseThrow(() -> new UnknownModelException(ref, knownIds()));
      }
      Path file = asPath(ref);
      if (file != null && Files.isRegularFile(file)) {
        try (InputStream in = Files.newInputStream(file)) {
          return new Found(
              ModelFile.readBounded(in, file.toString()),
              file.toString(),
              idOf(file.getFileName().toString()));
        }
      }
      return fromClasspath(ref).orElseThrow(() -> new UnknownModelException(ref, knownIds()));
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read model '" + ref + "': " + e.getMessage(), e);
    }
  }

  /** The models of every model zoo on the classpath, sorted by id. */
  public static List<ModelListing> zooModels() {
    List<ModelListing> listings = new ArrayList<>();
    for (ModelZooProvider provider : providers()) {
      for (ModelZooProvider.Entry entry : provider.models()) {
        listings.add(new ModelListing(entry.id(), entry.summary(), provider.getClass().getName()));
      }
    }
    listings.sort(Comparator.comparing(ModelListing::id));
    return listings;
  }

  /** A model id from a file name: the name without the {@code .synth} extension. */
  public static String idOf(String fileName) {
    return fileName.endsWith(ModelFile.EXTENSION)
        ? fileName.substring(0, fileName.length() - ModelFile.EXTENSION.length())
        : fileName;
  }

  private static Optional<Found> fromClasspath(String resource) throws IOException {
    String name = resource.startsWith("/") ? resource.substring(1) : resource;
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    InputStream in = loader == null ? null : loader.getResourceAsStream(name);
    if (in == null) {
      in = ModelLoader.class.getClassLoader().getResourceAsStream(name);
    }
    if (in == null) {
      return Optional.empty();
    }
    try (InputStream stream = in) {
      String fileName = name.substring(name.lastIndexOf('/') + 1);
      String source = CLASSPATH_PREFIX + name;
      return Optional.of(new Found(ModelFile.readBounded(stream, source), source, idOf(fileName)));
    }
  }

  private static Path asPath(String reference) {
    try {
      return Path.of(reference);
    } catch (InvalidPathException e) {
      return null;
    }
  }

  private static List<String> knownIds() {
    return zooModels().stream().map(ModelListing::id).toList();
  }

  private static List<ModelZooProvider> providers() {
    List<ModelZooProvider> providers = new ArrayList<>();
    ClassLoader context = Thread.currentThread().getContextClassLoader();
    ServiceLoader.load(
            ModelZooProvider.class, context == null ? ModelLoader.class.getClassLoader() : context)
        .forEach(providers::add);
    if (providers.isEmpty() && context != ModelLoader.class.getClassLoader()) {
      ServiceLoader.load(ModelZooProvider.class, ModelLoader.class.getClassLoader())
          .forEach(providers::add);
    }
    providers.sort(Comparator.comparing(p -> p.getClass().getName()));
    return providers;
  }
}
