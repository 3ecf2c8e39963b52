package io.github.syntheticpatients.runtime.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CodeHierarchyTest {
  private static List<String> ancestors(String code) {
    List<String> chain = new ArrayList<>();
    for (String parent = CodeHierarchy.parent(code);
        parent != null;
        parent = CodeHierarchy.parent(parent)) {
      chain.add(parent);
    }
    return chain;
  }

  @Test
  void icd9SubcodesRollUpToTheirCategory() {
    assertThat(ancestors("250.83")).containsExactly("250.8", "250");
    assertThat(ancestors("V57.1")).containsExactly("V57", "V");
    assertThat(ancestors("E849.0")).containsExactly("E849", "E");
  }

  @Test
  void icd10SubcodesRollUpToCategoryAndBlockLetter() {
    assertThat(ancestors("E11.9")).containsExactly("E11", "E");
    assertThat(ancestors("E11.65")).containsExactly("E11.6", "E11", "E");
  }

  @Test
  void atcCodesRollUpLevelByLevel() {
    assertThat(ancestors("J01CA04")).containsExactly("J01CA", "J01C", "J01", "J");
    assertThat(CodeHierarchy.depth("J01CA04")).isEqualTo(4);
  }

  @Test
  void numbersWordsAndOtherShapesHaveNoParent() {
    assertThat(CodeHierarchy.parent("428")).isNull();
    assertThat(CodeHierarchy.parent("0.5")).isNull();
    assertThat(CodeHierarchy.parent("1.25")).isNull();
    assertThat(CodeHierarchy.parent("female")).isNull();
    assertThat(CodeHierarchy.parent("T1a")).isNull();
    assertThat(CodeHierarchy.parent("MRN-001234")).isNull();
  }
}
