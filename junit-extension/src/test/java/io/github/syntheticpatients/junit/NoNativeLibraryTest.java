package io.github.syntheticpatients.junit;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The extension samples in plain Java: neither DJL nor PyTorch is on its classpath. */
class NoNativeLibraryTest {

  @Test
  void djlIsNotOnTheClasspath() {
    assertThatThrownBy(() -> Class.forName("ai.djl.Model"))
        .isInstanceOf(ClassNotFoundException.class);
    assertThatThrownBy(() -> Class.forName("ai.djl.pytorch.engine.PtEngine"))
        .isInstanceOf(ClassNotFoundException.class);
  }
}
