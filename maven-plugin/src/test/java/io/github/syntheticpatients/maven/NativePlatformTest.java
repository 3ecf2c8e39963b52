package io.github.syntheticpatients.maven;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NativePlatformTest {
  @ParameterizedTest
  @CsvSource({
    "Linux, amd64, linux-x86_64",
    "Linux, aarch64, linux-aarch64",
    "Mac OS X, aarch64, osx-aarch64",
    "Windows 11, amd64, win-x86_64",
  })
  void picksThePytorchClassifier(String os, String arch, String classifier) {
    assertThat(NativePlatform.classifier(os, arch)).contains(classifier);
  }

  @ParameterizedTest
  @CsvSource({"Mac OS X, x86_64", "Linux, x86", "FreeBSD, amd64", "Windows 11, aarch64"})
  void reportsPlatformsWithoutAPytorchBuild(String os, String arch) {
    assertThat(NativePlatform.classifier(os, arch)).isEmpty();
  }
}
