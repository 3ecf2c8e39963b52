package io.github.syntheticpatients.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The README's goal and property reference must match the plugin descriptor, so the docs cannot
 * drift.
 */
class ReadmeReferenceTest {
  private static final Path README =
      Path.of(System.getProperty("synthetic.readme", "../README.md"));
  private static final Path DESCRIPTOR =
      Path.of(
          System.getProperty(
              "synthetic.pluginDescriptor", "target/classes/META-INF/maven/plugin.xml"));

  @Test
  void readmeReferenceMatchesThePluginDescriptor() throws Exception {
    List<PluginReference.Goal> goals = PluginReference.read(DESCRIPTOR);
    String expected = PluginReference.render(goals);
    String readme = Files.readString(README, StandardCharsets.UTF_8);
    int start = readme.indexOf(PluginReference.START);
    int end = readme.indexOf(PluginReference.END);
    assertThat(start)
        .as("README.md has the marker " + PluginReference.START)
        .isGreaterThanOrEqualTo(0);
    assertThat(end).as("README.md has the marker " + PluginReference.END).isGreaterThan(start);
    String actual = readme.substring(start, end + PluginReference.END.length());
    if (Boolean.getBoolean("synthetic.readme.update") && !actual.equals(expected)) {
      Files.writeString(
          README,
          readme.substring(0, start)
              + expected
              + readme.substring(end + PluginReference.END.length()),
          StandardCharsets.UTF_8);
      actual = expected;
    }
    assertThat(actual)
        .as(
            "README.md's plugin reference is out of date; regenerate it with -Dsynthetic.readme.update=true"
                + " (see the comment in the block)")
        .isEqualTo(expected);
  }

  @Test
  void everyGoalIsDocumentedWithSyntheticProperties() throws Exception {
    List<PluginReference.Goal> goals = PluginReference.read(DESCRIPTOR);
    assertThat(goals)
        .extracting(PluginReference.Goal::name)
        .containsExactly("dp-budget", "evaluate", "generate", "help", "models", "schema", "train");
    for (PluginReference.Goal goal : goals) {
      if (goal.name().equals("help")) {
        continue;
      }
      assertThat(goal.parameters())
          .as("every parameter of synthetic:%s has a synthetic.* property", goal.name())
          .allSatisfy(p -> assertThat(p.property()).startsWith("synthetic."));
      assertThat(goal.parameters())
          .extracting(PluginReference.Parameter::property)
          .contains(PropertyNames.SKIP, "synthetic." + goal.name() + ".skip");
    }
  }
}
