package io.github.syntheticpatients.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The built plugin descriptor keeps the public contract: prefix, goals, phases, thread safety, no
 * PyTorch.
 */
class PluginDescriptorTest {
  private static Document descriptor;

  @BeforeAll
  static void read() throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    descriptor =
        factory
            .newDocumentBuilder()
            .parse(
                Path.of(
                        System.getProperty(
                            "synthetic.pluginDescriptor",
                            "target/classes/META-INF/maven/plugin.xml"))
                    .toFile());
  }

  @Test
  void goalPrefixIsSynthetic() {
    assertThat(text(descriptor.getDocumentElement(), "goalPrefix")).isEqualTo("synthetic");
  }

  @Test
  void everyGoalIsThreadSafeAndRunsWithoutAPom() {
    Map<String, Element> mojos = mojos();
    assertThat(mojos)
        .containsOnlyKeys("dp-budget", "evaluate", "generate", "help", "models", "schema", "train");
    mojos.forEach(
        (goal, mojo) -> {
          assertThat(text(mojo, "threadSafe")).as("%s is threadSafe", goal).isEqualTo("true");
          assertThat(text(mojo, "requiresProject"))
              .as("%s runs with no pom.xml", goal)
              .isEqualTo("false");
        });
    assertThat(text(mojos.get("generate"), "phase")).isEqualTo("generate-test-resources");
    assertThat(text(mojos.get("train"), "phase")).as("train has no default phase").isNull();
  }

  @Test
  void pluginClasspathHasNoDjlSoGenerateNeverLoadsPyTorch() {
    List<String> groups = new ArrayList<>();
    NodeList dependencies = descriptor.getElementsByTagName("dependency");
    for (int i = 0; i < dependencies.getLength(); i++) {
      groups.add(text((Element) dependencies.item(i), "groupId"));
    }
    assertThat(groups)
        .contains("io.github.syntheticpatients")
        .noneMatch(g -> g.startsWith("ai.djl"));
  }

  private static Map<String, Element> mojos() {
    Map<String, Element> mojos = new HashMap<>();
    NodeList list = descriptor.getElementsByTagName("mojo");
    for (int i = 0; i < list.getLength(); i++) {
      Element mojo = (Element) list.item(i);
      mojos.put(text(mojo, "goal"), mojo);
    }
    return mojos;
  }

  private static String text(Element parent, String tag) {
    NodeList nodes = parent.getElementsByTagName(tag);
    for (int i = 0; i < nodes.getLength(); i++) {
      if (nodes.item(i).getParentNode() == parent) {
        return nodes.item(i).getTextContent().strip();
      }
    }
    return null;
  }
}
