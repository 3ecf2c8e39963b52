package io.github.syntheticpatients.runtime.sampling;

import io.github.syntheticpatients.runtime.InvalidInputException;
import io.github.syntheticpatients.runtime.ModelFormatException;
import io.github.syntheticpatients.runtime.ModelListing;
import io.github.syntheticpatients.runtime.model.ModelFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A team's own model zoo: a directory of {@code .synth} files (searched with its sub-directories),
 * each available by its id, the file name without {@code .synth}, beside the bundled zoo's models.
 * The plugin and the JUnit extension read its directory from {@code synthetic.zoo}.
 *
 * <p>Opening reads and checks every file's manifest, so a damaged file, a file of a newer format or
 * two files with one id fail at once, naming the files, rather than when a test first asks for one.
 */
public final class LocalZoo {
  /** The parameter an invalid zoo is reported against ({@code synthetic.zoo} in the adapters). */
  public static final String PARAMETER = "zoo";

  /** The setting that holds the directory, in the plugin and the JUnit extension. */
  public static final String SETTING = "synthetic.zoo";

  private final Path directory;
  private final Map<String, Path> files;
  private final Map<String, String> summaries;

  private LocalZoo(Path directory, Map<String, Path> files, Map<String, String> summaries) {
    this.directory = directory;
    this.files = files;
    this.summaries = summaries;
  }

  /**
   * Opens a local zoo.
   *
   * @param directory the directory of {@code .synth} files
   * @throws InvalidInputException naming {@value #PARAMETER} when the directory does not exist, two
   *     files have one id, or a file is not a usable model
   */
  public static LocalZoo open(Path directory) {
    Path root = directory.toAbsolutePath().normalize();
    if (!Files.isDirectory(root)) {
      throw InvalidInputException.inParameter(
          PARAMETER,
          "The local model zoo "
              + root
              + (Files.exists(root) ? " is not a directory" : " does not exist")
              + ". Set "
              + SETTING
              + " to a directory of .synth model files, or leave it unset to use the bundled zoo"
              + " only.");
    }
    Map<String, Path> files = new TreeMap<>();
    Map<String, String> summaries = new TreeMap<>();
    for (Path file : modelFiles(root)) {
      String id = ModelLoader.idOf(file.getFileName().toString());
      Path other = files.put(id, file);
      if (other != null) {
        throw InvalidInputException.inParameter(
            PARAMETER,
            "The local model zoo "
                + root
                + " has two models with id '"
                + id
                + "': "
                + other
                + " and "
                + file
                + ". Rename or remove one of them: a model's id is its file name without .synth.");
      }
      summaries.put(id, summary(root, file));
    }
    return new LocalZoo(root, files, summaries);
  }

  /** The zoo's directory, absolute. */
  public Path directory() {
    return directory;
  }

  /** The model file with this id, or empty when the zoo has none. */
  public Optional<Path> file(String id) {
    return Optional.ofNullable(id == null ? null : files.get(id.trim()));
  }

  /**
   * The reference to hand to {@link ModelLoader} or a {@code GenerateRequest}: the file of the
   * model with this id, or the reference itself when the zoo has none (a bundled id, a classpath
   * resource or a file path).
   */
  public String resolve(String reference) {
    return file(reference).map(Path::toString).orElse(reference);
  }

  /** The zoo's models, sorted by id; each listing's source is its file. */
  public List<ModelListing> models() {
    List<ModelListing> listings = new ArrayList<>();
    files.forEach(
        (id, file) -> listings.add(new ModelListing(id, summaries.get(id), file.toString())));
    return listings;
  }

  private static List<Path> modelFiles(Path root) {
    try (Stream<Path> paths = Files.walk(root)) {
      return paths
          .filter(Files::isRegularFile)
          .filter(p -> p.getFileName().toString().endsWith(ModelFile.EXTENSION))
          .sorted()
          .toList();
    } catch (IOException | UncheckedIOException e) {
      throw InvalidInputException.inParameter(
          PARAMETER, "The local model zoo " + root + " cannot be listed: " + e.getMessage());
    }
  }

  /** The model card's one-line summary; reading it checks the file. */
  private static String summary(Path root, Path file) {
    try {
      return ModelFile.readSummary(file);
    } catch (ModelFormatException e) {
      throw InvalidInputException.inParameter(
          PARAMETER,
          "The local model zoo "
              + root
              + " holds a file that cannot be used: "
              + e.getMessage()
              + ". Replace it with a file written by synthetic:train, or remove it from the zoo.");
    } catch (IOException e) {
      throw InvalidInputException.inParameter(
          PARAMETER,
          "The local model zoo " + root + " holds " + file + ", which cannot be read: " + e);
    }
  }
}
