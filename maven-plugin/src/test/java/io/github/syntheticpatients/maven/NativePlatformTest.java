package io.github.syntheticpatients.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

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

  /**
   * Each {@code pytorch-*} profile of the root POM, read as Maven activates it, must pick the
   * classifier that {@link NativePlatform} picks for the same OS and architecture, and together
   * they must cover {@link NativePlatform#SUPPORTED}.
   */
  @Test
  void theRootPomProfilesAgree() throws Exception {
    Element project =
        DocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(Path.of("..", "pom.xml").toFile())
            .getDocumentElement();
    Map<String, String> classifierByProfile = new TreeMap<>();
    NodeList profiles = project.getElementsByTagName("profile");
    for (int i = 0; i < profiles.getLength(); i++) {
      Element profile = (Element) profiles.item(i);
      String classifier = text(profile, "pytorch.native.classifier");
      if (classifier == null) {
        continue;
      }
      Element os = (Element) profile.getElementsByTagName("os").item(0);
      String family = text(os, "family");
      String name = text(os, "name");
      // os.name as a JVM on that family reports it, where the profile names none.
      String osName = name != null ? name : family.equals("mac") ? "Mac OS X" : "Windows 11";
      String arch = text(os, "arch");
      assertThat(NativePlatform.classifier(osName, arch))
          .as("profile %s (%s/%s)", text(profile, "id"), osName, arch)
          .contains(classifier);
      classifierByProfile.put(text(profile, "id"), classifier);
    }
    assertThat(classifierByProfile.values())
        .containsExactlyInAnyOrderElementsOf(NativePlatform.SUPPORTED);
  }

  private static String text(Element parent, String tag) {
    NodeList nodes = parent.getElementsByTagName(tag);
    return nodes.getLength() == 0 ? null : nodes.item(0).getTextContent().strip();
  }

  @ParameterizedTest
  @CsvSource({"Mac OS X, x86_64", "Linux, x86", "FreeBSD, amd64", "Windows 11, aarch64"})
  void reportsPlatformsWithoutAPytorchBuild(String os, String arch) {
    assertThat(NativePlatform.classifier(os, arch)).isEmpty();
  }
}
