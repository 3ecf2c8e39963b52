package io.github.syntheticpatients.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Reader;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.maven.plugin.descriptor.PluginDescriptorBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class UnknownPropertiesTest {
  private static Set<String> known;

  @BeforeAll
  static void readDescriptor() throws Exception {
    Path descriptor =
        Path.of(
            System.getProperty(
                "synthetic.pluginDescriptor", "target/classes/META-INF/maven/plugin.xml"));
    try (Reader reader = Files.newBufferedReader(descriptor, StandardCharsets.UTF_8)) {
      known = UnknownProperties.known(new PluginDescriptorBuilder().build(reader));
    }
  }

  @Test
  void theDescriptorKnowsExactlyThePropertyNamesConstants() throws Exception {
    Set<String> constants = new TreeSet<>();
    for (Field field : PropertyNames.class.getDeclaredFields()) {
      if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
        constants.add((String) field.get(null));
      }
    }
    assertThat(known).isEqualTo(constants);
  }

  @Test
  void aTypoGetsAWarningWithTheNearestKnownName() {
    assertThat(
            UnknownProperties.warnings(
                List.of("synthetic.row", "synthetic.rows", "maven.test.skip"), known))
        .containsExactly(
            "Unknown property -Dsynthetic.row is ignored: no goal of this plugin reads it."
                + " Did you mean -Dsynthetic.rows?");
    assertThat(UnknownProperties.warnings(List.of("synthetic.bachSize", "synthetic.Seed"), known))
        .containsExactly(
            "Unknown property -Dsynthetic.Seed is ignored: no goal of this plugin reads it."
                + " Did you mean -Dsynthetic.seed?",
            "Unknown property -Dsynthetic.bachSize is ignored: no goal of this plugin reads it."
                + " Did you mean -Dsynthetic.batchSize?");
  }

  @Test
  void aNameNothingLikeAKnownOneListsTheKnownNames() {
    assertThat(UnknownProperties.warnings(List.of("synthetic.colour"), known))
        .singleElement()
        .asString()
        .startsWith(
            "Unknown property -Dsynthetic.colour is ignored: no goal of this plugin reads it. Known: [")
        .contains("synthetic.rows", "synthetic.seed");
  }

  @Test
  void distanceCountsSingleCharacterEdits() {
    assertThat(UnknownProperties.distance("synthetic.row", "synthetic.rows")).isEqualTo(1);
    assertThat(UnknownProperties.distance("kitten", "sitting")).isEqualTo(3);
    assertThat(UnknownProperties.distance("", "abc")).isEqualTo(3);
  }
}
