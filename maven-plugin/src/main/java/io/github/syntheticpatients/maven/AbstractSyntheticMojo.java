package io.github.syntheticpatients.maven;

import io.github.syntheticpatients.runtime.SyntheticPatientsException;
import java.io.File;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * Base of every goal: handles {@code synthetic.skip} and the goal's own skip property, logging why
 * it skipped.
 *
 * <p>Exception contract: a {@link MojoFailureException} ("BUILD FAILURE") is a problem the user
 * fixes (bad CSV, unknown model, failed privacy gate) and its message names the property or file
 * and the fix; a {@link MojoExecutionException} ("BUILD ERROR") is an environment fault (IO,
 * missing native engine).
 */
abstract class AbstractSyntheticMojo extends AbstractMojo {

  /** Skips every goal of this plugin. */
  @Parameter(property = PropertyNames.SKIP, defaultValue = "false")
  private boolean skip;

  /** The project, or a stand-in when the goal runs with no pom.xml. */
  @Parameter(defaultValue = "${project}", readonly = true)
  private MavenProject project;

  @Parameter(defaultValue = "${session}", readonly = true)
  private MavenSession session;

  @Parameter(defaultValue = "${plugin}", readonly = true)
  private PluginDescriptor plugin;

  @Override
  public final void execute() throws MojoExecutionException, MojoFailureException {
    warnAboutUnknownProperties();
    if (skip) {
      getLog()
          .info("Skipping synthetic:" + goal() + " because " + PropertyNames.SKIP + " is true.");
      return;
    }
    if (isGoalSkipped()) {
      getLog()
          .info("Skipping synthetic:" + goal() + " because " + goalSkipProperty() + " is true.");
      return;
    }
    try {
      run();
    } catch (SyntheticPatientsException | UncheckedIOException e) {
      Failures.rethrow(e, inputFiles());
    }
  }

  /** Warns about each {@code -Dsynthetic.*} property that no goal reads: most likely a typo. */
  private void warnAboutUnknownProperties() {
    if (session == null || plugin == null) {
      return;
    }
    for (String warning :
        UnknownProperties.warnings(
            session.getUserProperties().stringPropertyNames(), UnknownProperties.known(plugin))) {
      getLog().warn(warning);
    }
  }

  /**
   * The files this goal reads, each with the property that names it, so an error in a file points
   * at the property to change. Null files are left out.
   */
  protected Map<File, String> inputFiles() {
    return new LinkedHashMap<>();
  }

  /** A map of the non-null files among {@code file, property, file, property, …}. */
  protected static Map<File, String> filesByProperty(Object... fileThenProperty) {
    Map<File, String> map = new LinkedHashMap<>();
    for (int i = 0; i + 1 < fileThenProperty.length; i += 2) {
      if (fileThenProperty[i] instanceof File file) {
        map.put(file, (String) fileThenProperty[i + 1]);
      }
    }
    return map;
  }

  /** The goal name, for log lines. */
  protected abstract String goal();

  /** Whether the goal's own skip property is set. */
  protected abstract boolean isGoalSkipped();

  /** The goal's own skip property, e.g. {@code synthetic.generate.skip}. */
  protected abstract String goalSkipProperty();

  /** Does the goal's work; called only when not skipped. */
  protected abstract void run() throws MojoExecutionException, MojoFailureException;

  /**
   * Where files go by default: {@code ${project.build.directory}/synthetic}, or {@code
   * ./target/synthetic} when the goal runs with no pom.xml (Maven then supplies a stand-in project
   * whose build directory is also {@code target} under the current directory).
   */
  protected final File defaultSyntheticDirectory() {
    return new File(buildDirectory(), "synthetic");
  }

  /** The project's build directory, {@code ./target} without a project. */
  protected final File buildDirectory() {
    if (hasPom() && project.getBuild() != null && project.getBuild().getDirectory() != null) {
      return new File(project.getBuild().getDirectory());
    }
    // Maven's stand-in project for a run with no pom.xml leaves "${project.basedir}/target"
    // uninterpolated.
    return new File(baseDirectory(), "target");
  }

  /** The project's base directory, or the current directory without a pom.xml. */
  protected final File baseDirectory() {
    if (hasPom() && project.getBasedir() != null) {
      return project.getBasedir();
    }
    return new File("").getAbsoluteFile();
  }

  /** Whether the goal runs in a project with a pom.xml (not Maven's stand-in project). */
  protected final boolean hasPom() {
    return project != null && project.getFile() != null;
  }

  /** The Maven session, or null when Maven gave none. */
  protected final MavenSession session() {
    return session;
  }

  /** This plugin's descriptor, or null when Maven gave none. */
  protected final PluginDescriptor plugin() {
    return plugin;
  }

  /** The project, or null when Maven gave none. */
  protected final MavenProject project() {
    return project;
  }
}
