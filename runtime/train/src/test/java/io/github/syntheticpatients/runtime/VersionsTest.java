package io.github.syntheticpatients.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class VersionsTest {
  @Test
  void theEngineVersionsAreThoseOfTheJarsOnTheClasspath() {
    // Maven's local repository lays jars out as group/artifact/version/artifact-version.jar.
    assertThat(jarOf(ai.djl.engine.Engine.class))
        .endsWith("/api/" + Versions.djl() + "/api-" + Versions.djl() + ".jar");
    assertThat(jarOf(ai.djl.pytorch.jni.JniUtils.class))
        .endsWith(
            "/pytorch-engine/" + Versions.djl() + "/pytorch-engine-" + Versions.djl() + ".jar");
    assertThat(Versions.pytorchJni()).startsWith(Versions.pytorch() + "-");
  }

  @Test
  void aMissingVersionIsABrokenBuild() {
    assertThatThrownBy(() -> Versions.required("no.such.version"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "io/github/syntheticpatients/runtime/versions.properties has no usable no.such.version (found"
                + " null): the runtime jar was built without resource filtering; rebuild it with Maven");
  }

  private static String jarOf(Class<?> type) {
    return type.getProtectionDomain().getCodeSource().getLocation().getPath();
  }
}
