package io.github.syntheticpatients.runtime.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CodeSystemTest {
  private static Map<String, Long> rows(Object... codeAndRows) {
    Map<String, Long> rows = new LinkedHashMap<>();
    for (int i = 0; i < codeAndRows.length; i += 2) {
      rows.put((String) codeAndRows[i], ((Integer) codeAndRows[i + 1]).longValue());
    }
    return rows;
  }

  @Test
  void recognisesEachSystemByTheShapeOfMostRows() {
    assertThat(CodeSystem.detect(rows("428", 50, "250.83", 20, "V57.1", 10, "E849.0", 5)))
        .isEqualTo(CodeSystem.ICD9);
    assertThat(CodeSystem.detect(rows("I50", 50, "E11.9", 20, "M1A.071", 3)))
        .isEqualTo(CodeSystem.ICD10);
    assertThat(CodeSystem.detect(rows("J01CA04", 50, "C09AA05", 20, "A10B", 3)))
        .isEqualTo(CodeSystem.ATC);
    // V57 and E11 are ICD-9 and ICD-10 (and ATC) shapes alike: ICD-10 wins the tie.
    assertThat(CodeSystem.detect(rows("V57", 5, "E11", 5))).isEqualTo(CodeSystem.ICD10);
  }

  @Test
  void mixedSystemsTakeTheMajorityAndStrangeShapesAreGeneric() {
    // A changeover: more ICD-9 rows than ICD-10 ones, every row of a recognised shape.
    assertThat(CodeSystem.detect(rows("428", 60, "250.83", 10, "I50.1", 30)))
        .isEqualTo(CodeSystem.ICD9);
    // Ward codes: 85 % of the rows recognisable is too few.
    assertThat(CodeSystem.detect(rows("W12", 85, "ICU-A", 15))).isEqualTo(CodeSystem.GENERIC);
    assertThat(CodeSystem.detect(rows("F", 50, "M", 50))).isEqualTo(CodeSystem.GENERIC);
  }

  @Test
  void genericCodesHaveNoAncestors() {
    assertThat(CodeSystem.ICD9.parent("250.83")).isEqualTo("250.8");
    assertThat(CodeSystem.GENERIC.parent("250.83")).isNull();
    assertThat(CodeSystem.ATC.depth("J01CA04")).isEqualTo(4);
    assertThat(CodeSystem.GENERIC.depth("J01CA04")).isZero();
  }

  @Test
  void parsesTheSchemaFileNamesInAnyCase() {
    assertThat(CodeSystem.parse(" ICD10 ")).isEqualTo(CodeSystem.ICD10);
    assertThat(CodeSystem.parse("icd11")).isNull();
    assertThat(CodeSystem.ids()).isEqualTo("\"icd9\", \"icd10\", \"atc\", \"generic\"");
  }
}
