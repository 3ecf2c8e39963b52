package io.github.syntheticpatients.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CodedEncountersTest {
  private static final CodedEncounters.Settings SETTINGS =
      CodedEncounters.Settings.defaults(5600, 17);

  @Test
  void theSameSettingsGiveTheSameTable() {
    List<String[]> first = CodedEncounters.rows(SETTINGS);
    List<String[]> second = CodedEncounters.rows(SETTINGS);
    assertThat(first).hasSize(5600);
    for (int r = 0; r < first.size(); r++) {
      assertThat(second.get(r)).containsExactly(first.get(r));
    }
  }

  @Test
  void eachSlotHasHundredsOfCodesAndALongTailOfSingletons() {
    List<String[]> rows = CodedEncounters.rows(SETTINGS);
    Map<String, Integer> all = new HashMap<>();
    for (int slot = 4; slot < 7; slot++) {
      Map<String, Integer> counts = counts(rows, slot);
      assertThat(counts.size()).as("distinct codes in slot %d", slot).isBetween(150, 600);
      counts.forEach((code, n) -> all.merge(code, n, Integer::sum));
    }
    long heldOnce = all.values().stream().filter(n -> n == 1).count();
    assertThat(heldOnce).isGreaterThanOrEqualTo(SETTINGS.singletons());
    // Zipf: the most frequent code of a slot is held by hundreds of encounters.
    assertThat(counts(rows, 4).values().stream().mapToInt(Integer::intValue).max().orElseThrow())
        .isGreaterThan(100);
    assertThat(all.keySet())
        .anyMatch(code -> code.matches("\\d{3}\\.\\d{2}"))
        .anyMatch(code -> code.matches("V\\d{2}"))
        .anyMatch(code -> code.matches("E\\d{3}"));
  }

  @Test
  void theSecondSlotFollowsTheFirstSlotsChapter() {
    List<String[]> rows = CodedEncounters.rows(SETTINGS);
    int same = 0;
    int shuffledSame = 0;
    for (int r = 0; r < rows.size(); r++) {
      int first = CodedEncounters.chapterOf(rows.get(r)[4], SETTINGS);
      same += first == CodedEncounters.chapterOf(rows.get(r)[5], SETTINGS) ? 1 : 0;
      String[] other =
          rows.get((r + 1) % rows.size()); // another encounter's code: chance agreement
      shuffledSame += first == CodedEncounters.chapterOf(other[5], SETTINGS) ? 1 : 0;
    }
    assertThat(same).isGreaterThan(shuffledSame + rows.size() / 4);
  }

  @Test
  void circulatoryCodesAreCommonerInOlderPatients() {
    List<String[]> rows = CodedEncounters.rows(SETTINGS);
    int[] circulatory = new int[2];
    int[] patients = new int[2];
    for (String[] row : rows) {
      int old = Integer.parseInt(row[0]) >= 65 ? 1 : 0;
      patients[old]++;
      circulatory[old] += CodedEncounters.chapterOf(row[4], SETTINGS) == 0 ? 1 : 0;
    }
    assertThat((double) circulatory[1] / patients[1])
        .isGreaterThan(1.3 * circulatory[0] / patients[0]);
  }

  @Test
  void icd10CodesHaveTheirOwnShape() {
    CodedEncounters.Settings icd10 = SETTINGS.withIcd10();
    List<String[]> rows = CodedEncounters.rows(icd10);
    Map<String, Integer> counts = counts(rows, 4);
    assertThat(counts.keySet())
        .allMatch(code -> code.matches("[A-Z]\\d{2}(\\.\\d{1,2})?"))
        .anyMatch(code -> code.matches("E\\d{2}\\.\\d"));
    assertThat(counts.keySet()).allMatch(code -> CodedEncounters.chapterOf(code, icd10) >= 0);
  }

  private static Map<String, Integer> counts(List<String[]> rows, int column) {
    Map<String, Integer> counts = new HashMap<>();
    for (String[] row : rows) {
      if (row[column] != null) {
        counts.merge(row[column], 1, Integer::sum);
      }
    }
    return counts;
  }
}
