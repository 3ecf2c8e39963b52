package io.github.syntheticpatients.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OptionStringsTest {
  @Test
  void parsesTrimmedEntriesSortedWithTheLastWinning() {
    assertThat(
            OptionStrings.parse(
                List.of(" maxModes = 4 ", "forwardFill=alb,bili", "a=x=y", "maxModes=5"), "p"))
        .containsExactly(
            Map.entry("a", "x=y"),
            Map.entry("forwardFill", "alb,bili"),
            Map.entry("maxModes", "5"));
  }

  @Test
  void anEntryWithoutAKeyNamesTheParameter() {
    for (String bad : List.of("novalue", "=3", " =3")) {
      assertThatThrownBy(() -> OptionStrings.parse(List.of(bad), "--option"))
          .isInstanceOf(InvalidInputException.class)
          .hasMessageContaining(
              "--option takes key=value, e.g. numericEncoding=minmax; got '" + bad + "'")
          .satisfies(
              e -> assertThat(((InvalidInputException) e).parameter()).isEqualTo("--option"));
    }
  }

  @Test
  void anUnknownKeyListsTheKnownOnes() {
    OptionStrings.requireKnown(
        Map.of("a", "1", "gate.x", "2"), Set.of("a", "b"), Set.of("gate."), "options");
    assertThatThrownBy(
            () ->
                OptionStrings.requireKnown(
                    Map.of("c", "1"), Set.of("b", "a"), Set.of("gate."), "options"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining(
            "Unknown training option 'c'; known options: [a, b, gate.<name>] (check the spelling)");
  }
}
