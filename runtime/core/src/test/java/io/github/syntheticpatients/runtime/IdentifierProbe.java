package io.github.syntheticpatients.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * The probe: pbc with realistic identifier columns added (full name, first name, hospital
 * number, SSN stored as a number, e-mail, phone, date of birth, ZIP stored as a number, free-text
 * notes) and a diagnosis of which one value is seen once. Every identifier is distinct per patient
 * except where {@code sharedNames} makes two patients share a name. The names are not in the
 * generator's fixed list of fake names.
 */
public final class IdentifierProbe {
  /** The diagnosis seen once. */
  public static final String RARE_DIAGNOSIS = "Wilson disease (rare)";

  /** The columns added to pbc that identify a patient. */
  public static final List<String> IDENTIFIERS =
      List.of(
          "full_name",
          "firstName",
          "hospital_number",
          "ssn",
          "email",
          "phone",
          "date_of_birth",
          "ZIP",
          "notes");

  private static final List<String> FIRST =
      List.of(
          "Margaret",
          "Oliver",
          "Harriet",
          "Tobias",
          "Ingrid",
          "Felix",
          "Beatrice",
          "Rupert",
          "Agnes",
          "Howard",
          "Winifred",
          "Cedric",
          "Mabel",
          "Ambrose",
          "Edith",
          "Percival",
          "Greta",
          "Leopold",
          "Hilda",
          "Ernest");
  private static final List<String> LAST =
      List.of(
          "Hollis",
          "Ashdown",
          "Pemberton",
          "Whitlock",
          "Carraway",
          "Dunmore",
          "Fairbanks",
          "Kettering",
          "Lockhart",
          "Marchbank",
          "Northcote",
          "Oakhurst",
          "Prescott",
          "Quimby",
          "Ravensworth",
          "Stanhope",
          "Thornbury",
          "Underhill",
          "Vance",
          "Wexford",
          "Yardley",
          "Zeller");

  /** The table's rows: header first, then one list of fields per patient. */
  public final List<List<String>> rows;

  private IdentifierProbe(List<List<String>> rows) {
    this.rows = rows;
  }

  /** All 418 pbc patients with the identifier columns, seed fixed. */
  public static IdentifierProbe pbc() {
    return of(Integer.MAX_VALUE, false);
  }

  /**
   * The first {@code patients} pbc patients; with {@code sharedNames}, patients 1 and 2 share their
   * names.
   */
  public static IdentifierProbe of(int patients, boolean sharedNames) {
    List<String> pbc;
    try {
      pbc = Files.readAllLines(TestData.path("pbc.csv"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    int n = Math.min(patients, pbc.size() - 1);
    Random random = new Random(20_241_206L);
    List<Integer> shuffled = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      shuffled.add(i);
    }
    java.util.Collections.shuffle(shuffled, random);
    List<List<String>> rows = new ArrayList<>();
    List<String> header = new ArrayList<>(List.of(pbc.get(0).split(",", -1)));
    header.addAll(IDENTIFIERS);
    header.add("diagnosis");
    rows.add(header);
    for (int i = 0; i < n; i++) {
      int who = sharedNames && i == 1 ? 0 : i;
      String first = FIRST.get(who % FIRST.size());
      String last = LAST.get((who / FIRST.size() + who) % LAST.size());
      int unique = shuffled.get(i);
      List<String> row = new ArrayList<>(List.of(pbc.get(i + 1).split(",", -1)));
      row.add(first + " " + last);
      row.add(first);
      row.add(Integer.toString(3_100_000 + unique * 37)); // 7 digits
      row.add(Integer.toString(512_000_000 + unique * 1_009)); // 9 digits, a number
      row.add(
          first.toLowerCase(Locale.ROOT) + "." + last.toLowerCase(Locale.ROOT) + i + "@mail.test");
      row.add(
          String.format(
              Locale.ROOT, "(617) %03d-%04d", 200 + unique % 700, (unique * 7_919) % 10_000));
      row.add(
          String.format(
              Locale.ROOT, "19%02d-%02d-%02d", 20 + unique % 60, 1 + unique % 12, 1 + unique % 28));
      row.add(Integer.toString(20_000 + unique * 97)); // 5 digits, a number
      row.add(
          "Seen by Dr "
              + LAST.get(unique % LAST.size())
              + ", follow-up in "
              + (2 + unique % 11)
              + " weeks");
      row.add(
          i == n / 2
              ? RARE_DIAGNOSIS
              : i % 3 == 0 ? "primary sclerosing cholangitis" : "primary biliary cholangitis");
      rows.add(row);
    }
    return new IdentifierProbe(rows);
  }

  /** The real values of a column. */
  public List<String> values(String column) {
    int c = rows.get(0).indexOf(column);
    return rows.subList(1, rows.size()).stream().map(row -> row.get(c)).toList();
  }

  /** Writes the table as CSV (fields with a comma quoted). */
  public Path write(Path file) {
    StringBuilder csv = new StringBuilder();
    for (List<String> row : rows) {
      for (int c = 0; c < row.size(); c++) {
        String field = row.get(c);
        csv.append(c > 0 ? "," : "").append(field.contains(",") ? '"' + field + '"' : field);
      }
      csv.append('\n');
    }
    try {
      Files.createDirectories(file.getParent());
      return Files.writeString(file, csv);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
