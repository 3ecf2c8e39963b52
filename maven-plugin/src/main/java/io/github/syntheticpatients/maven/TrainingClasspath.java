package io.github.syntheticpatients.maven;

import io.github.syntheticpatients.runtime.Versions;
import java.io.File;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.collection.CollectRequest;
import org.eclipse.aether.graph.Dependency;
import org.eclipse.aether.graph.DependencyFilter;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactResult;
import org.eclipse.aether.resolution.DependencyRequest;
import org.eclipse.aether.resolution.DependencyResolutionException;
import org.eclipse.aether.resolution.DependencyResult;

/**
 * Resolves the classpath of the forked training JVM: the runtime at the plugin's own version with
 * its runtime dependencies, plus DJL and the PyTorch native jar for this platform at the versions
 * the runtime was built with. The native jar (about 111 MB) is therefore downloaded the first time
 * someone trains, never for {@code generate}.
 */
final class TrainingClasspath {
  static final String GROUP_ID = "io.github.syntheticpatients";
  static final String RUNTIME_ARTIFACT_ID = "synthetic-patients-runtime-train";
  static final String CORE_ARTIFACT_ID = "synthetic-patients-runtime-core";

  private static final String RUNTIME = "runtime";

  /**
   * Compile and runtime scope, written out because Maven does not export the resolver's util
   * package to plugins.
   */
  private static final DependencyFilter RUNTIME_CLASSPATH =
      (node, parents) ->
          node.getDependency() == null
              || RUNTIME.equals(node.getDependency().getScope())
              || "compile".equals(node.getDependency().getScope());

  private final RepositorySystem system;
  private final RepositorySystemSession session;
  private final List<RemoteRepository> repositories;

  TrainingClasspath(
      RepositorySystem system,
      RepositorySystemSession session,
      List<RemoteRepository> repositories) {
    this.system = system;
    this.session = session;
    this.repositories = repositories;
  }

  /** The jar files, in resolution order. */
  List<File> resolve(String runtimeVersion, String nativeClassifier) throws MojoExecutionException {
    CollectRequest collect = new CollectRequest();
    collect.setRepositories(repositories);
    // The core first and at depth 1: nearest wins, so its Commons CSV's commons-io and
    // commons-codec beat the older
    // ones DJL's commons-compress brings (a NoClassDefFoundError in CsvRowReader otherwise).
    collect.addDependency(dependency(GROUP_ID + ":" + CORE_ARTIFACT_ID + ":" + runtimeVersion));
    collect.addDependency(dependency(GROUP_ID + ":" + RUNTIME_ARTIFACT_ID + ":" + runtimeVersion));
    try {
      collect.addDependency(dependency("ai.djl:api:" + Versions.djl()));
      collect.addDependency(dependency("ai.djl.pytorch:pytorch-engine:" + Versions.djl()));
      collect.addDependency(dependency("ai.djl.pytorch:pytorch-jni:" + Versions.pytorchJni()));
      collect.addDependency(
          dependency(
              "ai.djl.pytorch:pytorch-native-cpu:jar:"
                  + nativeClassifier
                  + ":"
                  + Versions.pytorch()));
    } catch (IllegalStateException e) {
      throw new MojoExecutionException(e.getMessage(), e);
    }
    DependencyRequest request = new DependencyRequest(collect, RUNTIME_CLASSPATH);
    try {
      DependencyResult result = system.resolveDependencies(session, request);
      List<File> files = new ArrayList<>();
      for (ArtifactResult artifact : result.getArtifactResults()) {
        files.add(artifact.getArtifact().getFile());
      }
      return files;
    } catch (DependencyResolutionException e) {
      throw new MojoExecutionException(
          "Could not resolve the training classpath (the runtime, DJL and pytorch-native-cpu:"
              + nativeClassifier
              + "): "
              + e.getMessage()
              + ". Training downloads these from your Maven repositories the first time;"
              + " check the network or run once online.",
          e);
    }
  }

  private static Dependency dependency(String coordinates) {
    return new Dependency(new DefaultArtifact(coordinates), RUNTIME);
  }
}
