package io.github.syntheticpatients.maven;

import io.github.syntheticpatients.runtime.ModelFormatException;
import io.github.syntheticpatients.runtime.ModelListing;
import io.github.syntheticpatients.runtime.sampling.LocalZoo;
import io.github.syntheticpatients.runtime.sampling.ModelLoader;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Lists the models the plugin can see: a team's local zoo ({@code synthetic.zoo}), every model zoo
 * on the plugin's classpath and the {@code .synth} files in the local model directories, each with
 * its model card's one-line summary. With {@code mvn -q} the list goes to standard output.
 */
@Mojo(name = ModelsMojo.GOAL_NAME, requiresProject = false, threadSafe = true)
public final class ModelsMojo extends AbstractSyntheticMojo {
  static final String GOAL_NAME = "models";

  /**
   * Directories searched (not recursively) for local {@code .synth} files. Default: <code>
   * ${project.build.directory}/synthetic</code> and the project's base directory (the current
   * directory without a project).
   */
  @Parameter(property = PropertyNames.MODEL_DIRECTORIES)
  private List<File> modelDirectories;

  /**
   * A team's local model zoo: a directory of {@code .synth} files (with its sub-directories),
   * listed by id (the file name without {@code .synth}) with their cards' summaries, before the
   * bundled models.
   */
  @Parameter(property = PropertyNames.ZOO)
  private File zoo;

  /** Skips this goal. */
  @Parameter(property = PropertyNames.MODELS_SKIP, defaultValue = "false")
  private boolean skipModels;

  @Override
  protected String goal() {
    return GOAL_NAME;
  }

  @Override
  protected boolean isGoalSkipped() {
    return skipModels;
  }

  @Override
  protected String goalSkipProperty() {
    return PropertyNames.MODELS_SKIP;
  }

  @Override
  protected void run() throws MojoExecutionException {
    List<ModelListing> models = new ArrayList<>();
    if (zoo != null) {
      models.addAll(LocalZoo.open(zoo.toPath()).models());
    }
    // A local model shadows a bundled one of the same id, as generate loads it.
    Set<String> local = models.stream().map(ModelListing::id).collect(Collectors.toSet());
    ModelLoader.zooModels().stream().filter(m -> !local.contains(m.id())).forEach(models::add);
    for (Path file : localModelFiles()) {
      try {
        models.add(
            new ModelListing(
                file.toString(), ModelLoader.load(file.toString()).info().summary(), "file"));
      } catch (ModelFormatException e) {
        getLog().warn("Ignoring " + file + ": " + e.getMessage());
      }
    }
    for (String line : listing(models)) {
      print(line);
    }
  }

  /**
   * The listing: a count line, then one line per model (id, then its summary), or one line saying
   * where models come from.
   */
  static List<String> listing(List<ModelListing> models) {
    if (models.isEmpty()) {
      return List.of(
          "No models found. Add synthetic-patients-model-zoo to the plugin's dependencies or train"
              + " one.");
    }
    int width = models.stream().mapToInt(m -> m.id().length()).max().orElse(0);
    List<String> lines = new ArrayList<>();
    lines.add(models.size() + " models:");
    for (ModelListing model : models) {
      lines.add(String.format(Locale.ROOT, "  %-" + width + "s  %s", model.id(), model.summary()));
    }
    return lines;
  }

  /**
   * The listing is this goal's result, so {@code mvn -q synthetic:models} still shows it: with info
   * logging off (-q) it goes to standard output, as {@code help:evaluate -DforceStdout} does;
   * otherwise to the log.
   */
  private void print(String line) {
    if (getLog().isInfoEnabled()) {
      getLog().info(line);
    } else {
      System.out.println(line);
    }
  }

  private List<Path> localModelFiles() throws MojoExecutionException {
    List<File> directories =
        modelDirectories != null && !modelDirectories.isEmpty()
            ? modelDirectories
            : List.of(defaultSyntheticDirectory(), baseDirectory());
    TreeSet<Path> files = new TreeSet<>();
    for (File directory : directories) {
      if (!directory.isDirectory()) {
        continue;
      }
      try (Stream<Path> entries = Files.list(directory.toPath())) {
        entries
            .filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".synth"))
            .filter(Files::isRegularFile)
            .forEach(p -> files.add(p.toAbsolutePath().normalize()));
      } catch (IOException | UncheckedIOException e) {
        throw new MojoExecutionException("Could not list " + directory + ": " + e.getMessage(), e);
      }
    }
    return new ArrayList<>(files);
  }
}
