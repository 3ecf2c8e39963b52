package io.github.syntheticpatients.spark;

import io.github.syntheticpatients.runtime.SyntheticModel;
import io.github.syntheticpatients.runtime.SyntheticPatientsException;
import io.github.syntheticpatients.runtime.sampling.ModelLoader;
import io.github.syntheticpatients.runtime.spi.ModelZooProvider;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.stream.StreamSupport;

/**
 * The model the {@code model} option names, loaded once on the driver, with the bytes of its file:
 * the driver broadcasts the bytes, so the file travels once to each executor and executors need
 * neither the file system path nor the zoo jar.
 *
 * @param model the loaded model
 * @param bytes the model file, as {@link ModelLoader} read it (same SHA-256)
 */
record DriverModel(SyntheticModel model, byte[] bytes) {

  /**
   * Loads the model and reads its file's bytes.
   *
   * @throws IllegalArgumentException naming the {@code model} option for an unknown id or a damaged
   *     or unreadable file
   */
  static DriverModel load(String reference) {
    SyntheticModel model;
    try {
      model = ModelLoader.load(reference);
    } catch (SyntheticPatientsException | UncheckedIOException e) {
      throw new IllegalArgumentException("Option 'model': " + e.getMessage(), e);
    }
    byte[] bytes = read(reference);
    String sha256 = sha256(bytes);
    if (!sha256.equals(model.sha256())) {
      throw new IllegalStateException(
          "Option 'model' '"
              + reference
              + "': the file read for the executors (SHA-256 "
              + sha256
              + ") is not the one ModelLoader loaded ("
              + model.sha256()
              + "); ModelLoader's search order changed, update DriverModel.read");
    }
    return new DriverModel(model, bytes);
  }

  /**
   * The bytes of the model file, found in {@link ModelLoader#load}'s order: a zoo id, a {@code
   * classpath:} resource, a file, a bare classpath resource. The runtime's API loads a model but
   * does not hand out its bytes; the SHA-256 check in {@link #load} keeps this in step with it.
   */
  private static byte[] read(String reference) {
    String ref = reference.isBlank() ? ModelLoader.DEFAULT_MODEL : reference.trim();
    try {
      for (ModelZooProvider provider : providers()) {
        Optional<InputStream> stream = provider.open(ref);
        if (stream.isPresent()) {
          try (InputStream in = stream.get()) {
            return in.readAllBytes();
          }
        }
      }
      if (ref.startsWith(ModelLoader.CLASSPATH_PREFIX)) {
        return resource(ref.substring(ModelLoader.CLASSPATH_PREFIX.length()));
      }
      Optional<Path> file = asPath(ref).filter(Files::isRegularFile);
      if (file.isPresent()) {
        return Files.readAllBytes(file.get());
      }
      return resource(ref);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "Option 'model': could not read '" + ref + "': " + e.getMessage(), e);
    }
  }

  private static List<ModelZooProvider> providers() {
    ClassLoader context = Thread.currentThread().getContextClassLoader();
    ServiceLoader<ModelZooProvider> loader =
        ServiceLoader.load(
            ModelZooProvider.class, context == null ? DriverModel.class.getClassLoader() : context);
    return StreamSupport.stream(loader.spliterator(), false)
        .sorted(Comparator.comparing(p -> p.getClass().getName()))
        .toList();
  }

  private static byte[] resource(String name) throws IOException {
    String path = name.startsWith("/") ? name.substring(1) : name;
    ClassLoader context = Thread.currentThread().getContextClassLoader();
    InputStream in = context == null ? null : context.getResourceAsStream(path);
    if (in == null) {
      in = DriverModel.class.getClassLoader().getResourceAsStream(path);
    }
    if (in == null) {
      throw new IOException("no such classpath resource");
    }
    try (InputStream stream = in) {
      return stream.readAllBytes();
    }
  }

  private static Optional<Path> asPath(String reference) {
    try {
      return Optional.of(Path.of(reference));
    } catch (InvalidPathException e) {
      return Optional.empty();
    }
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every Java platform has SHA-256", e);
    }
  }
}
