package io.github.syntheticpatients.runtime.encode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class LabeledLayoutTest {
  // age value, sex (2 categories, the target), stage (3 categories)
  private static final EncodedLayout FULL =
      new EncodedLayout(
          List.of(
              new OutputBlock(OutputBlock.Kind.SCALAR, OutputBlock.Role.VALUE, 0, 1, "age"),
              new OutputBlock(OutputBlock.Kind.SOFTMAX, OutputBlock.Role.CATEGORY, 1, 2, "sex"),
              new OutputBlock(OutputBlock.Kind.SOFTMAX, OutputBlock.Role.CATEGORY, 3, 3, "stage")),
          6);

  @Test
  void splitsAtTheTargetAndJoinsBack() {
    LabeledLayout layout = LabeledLayout.of(FULL, "sex");
    assertThat(layout.features().width()).isEqualTo(4);
    assertThat(layout.features().blocks().get(1))
        .isEqualTo(
            new OutputBlock(OutputBlock.Kind.SOFTMAX, OutputBlock.Role.CATEGORY, 1, 3, "stage"));
    float[] rows = {0.5f, 0, 1, 0, 0, 1, -0.25f, 1, 0, 1, 0, 0};
    float[] features = layout.features(rows, 2);
    assertThat(features).containsExactly(0.5f, 0, 0, 1, -0.25f, 1, 0, 0);
    assertThat(layout.labels(rows, 2)).containsExactly(0, 1, 1, 0);
    assertThat(layout.join(features, new int[] {1, 0})).containsExactly(rows);
  }

  @Test
  void aContinuousTargetIsRefused() {
    assertThatThrownBy(() -> LabeledLayout.of(FULL, "age"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'age'");
  }
}
