package io.github.syntheticpatients.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.syntheticpatients.runtime.evaluation.EvaluateRequest;
import io.github.syntheticpatients.runtime.evaluation.Evaluation;
import io.github.syntheticpatients.runtime.sampling.Generation;
import io.github.syntheticpatients.runtime.sampling.Schemas;
import io.github.syntheticpatients.runtime.schema.ColumnSchema;
import io.github.syntheticpatients.runtime.schema.TableSchema;
import io.github.syntheticpatients.runtime.schema.ValueProtection;
import io.github.syntheticpatients.runtime.training.Training;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Value protection end to end (docs/privacy §10): a table with planted unique extremes (a 15-digit
 * age, a diagnosis date decades before the others, the lowest and highest of an all-distinct
 * weight, a lab value measured in 3 rows only; in the timelines a far first visit, a far gap and
 * all-distinct lab values) is trained with the copula, the CTGAN, argn and both timeline
 * generators, evaluated, and every artefact is scanned for the planted values in every formatting a
 * writer could give them: as written, {@code Double.toString}, ISO dates, epoch days, seconds and
 * milliseconds. With {@code valueProtectionK=1} (off) the same scan finds them, which shows the
 * scan can fail. (The date is not named a birth date: schema inference drops those as
 * quasi-identifiers, and this test is about the numeric side.)
 */
class ValueProtectionScanTest {
  private static final int ROWS = 120;
  private static final int PATIENTS = 40;
  private static final Pattern NUMBER = Pattern.compile("-?\\d+(?:\\.\\d+)?(?:[eE][-+]?\\d+)?");

  @TempDir static Path dir;
  private static Path table;
  private static Path timelines;

  /** Planted values by how they are found: numbers (parsed tokens) and ISO dates (text). */
  private static final Set<Double> PLANTED_NUMBERS = new TreeSet<>();

  private static final Set<String> PLANTED_DATES = new TreeSet<>();
  private static final List<String> MESSAGES = new java.util.concurrent.CopyOnWriteArrayList<>();

  @BeforeAll
  static void writeData() throws IOException {
    table = dir.resolve("patients.csv");
    timelines = dir.resolve("visits.csv");
    SplittableRandom random = new SplittableRandom(11);
    StringBuilder csv = new StringBuilder("age,diagnosis_date,weight,crp,sex\n");
    int[] weightOrder = permutation(ROWS, random);
    int[] dateOrder = permutation(ROWS, random);
    LocalDate firstDate = LocalDate.of(1940, 1, 1);
    LocalDate latest = firstDate;
    for (int r = 0; r < ROWS; r++) {
      String age = r == 17 ? "123456789012345" : Integer.toString(20 + random.nextInt(70));
      // All-distinct dates 97 days apart from 1940; row 33 was diagnosed in 1890.
      LocalDate diagnosis =
          r == 33 ? LocalDate.of(1890, 3, 17) : firstDate.plusDays(97L * dateOrder[r]);
      latest = diagnosis.isAfter(latest) ? diagnosis : latest;
      // All-distinct weights 45.13, 45.50, ... (0.37 apart), shuffled.
      String weight = String.format(Locale.ROOT, "%.2f", 45.13 + 0.37 * weightOrder[r]);
      // crp is measured in 3 rows only: fewer than k, so it is withheld.
      String crp = r % 40 == 5 ? String.format(Locale.ROOT, "%.1f", 777.7 + r) : "";
      csv.append(age)
          .append(',')
          .append(diagnosis)
          .append(',')
          .append(weight)
          .append(',')
          .append(crp)
          .append(',')
          .append(random.nextBoolean() ? "m" : "f")
          .append('\n');
    }
    Files.writeString(table, csv);
    plantNumber(123456789012345.0);
    plantDate(LocalDate.of(1890, 3, 17));
    plantDate(latest);
    plantNumber(45.13);
    for (int r = 5; r < ROWS; r += 40) {
      plantNumber(777.7 + r);
    }
    plantNumber(Double.parseDouble(String.format(Locale.ROOT, "%.2f", 45.13 + 0.37 * (ROWS - 1))));

    StringBuilder visits = new StringBuilder("id,sex,day,lab\n");
    int[] labOrder = permutation(PATIENTS * 4, random);
    int lab = 0;
    for (int p = 0; p < PATIENTS; p++) {
      String sex = p % 2 == 0 ? "m" : "f";
      // Patient 0 starts 98765 days late; patient 1 has a 54321-day gap; the rest start at day 0 to
      // 200.
      int day = p == 0 ? 98765 : random.nextInt(200);
      for (int v = 0; v < 4; v++) {
        if (v > 0) {
          day += p == 1 && v == 3 ? 54321 : 20 + random.nextInt(60);
        }
        String value = String.format(Locale.ROOT, "%.3f", 3.141 + 0.017 * labOrder[lab++]);
        visits
            .append(p)
            .append(',')
            .append(sex)
            .append(',')
            .append(day)
            .append(',')
            .append(value)
            .append('\n');
      }
    }
    Files.writeString(timelines, visits);
    plantNumber(98765);
    plantNumber(54321);
    plantNumber(3.141);
    plantNumber(
        Double.parseDouble(String.format(Locale.ROOT, "%.3f", 3.141 + 0.017 * (PATIENTS * 4 - 1))));
  }

  @Test
  void theSchemaInferenceKeepsThePlantedColumnsContinuous() {
    // Otherwise the scan below proves nothing about the numeric side.
    TableSchema schema = TableSchema.of(Schemas.infer(table));
    for (String name : List.of("age", "diagnosis_date", "weight", "crp")) {
      ColumnSchema column = schema.column(name).orElseThrow();
      assertThat(column.kind().isContinuous()).as(name + " is " + column.kind()).isTrue();
    }
    assertThat(schema.column("diagnosis_date").orElseThrow().kind()).isEqualTo(ColumnKind.DATE);
  }

  @Test
  void noArtefactHoldsAPlantedValue() throws IOException {
    Map<String, String> artefacts = artefacts(ValueProtection.DEFAULT_K, "protected");
    assertThat(artefacts).hasSizeGreaterThan(8);
    artefacts.forEach((name, text) -> assertThat(planted(text)).as(name).isEmpty());
    assertThat(MESSAGES)
        .contains(
            "Column 'crp' has only 3 training values, too few for valueProtectionK=5 (k records at or beyond each stored bound needs about 2k - 1 values): it is not learned and is generated"
                + " as missing");
    assertThat(artefacts.get("protected/copula.csv").lines().skip(1))
        .allMatch(line -> line.contains(",,"));
  }

  @Test
  void withProtectionOffTheScanFindsThePlantedValues() throws IOException {
    Map<String, String> artefacts = tabularArtefacts(1, "off", "copula");
    double diagnosis = LocalDate.of(1890, 3, 17).toEpochDay();
    assertThat(planted(artefacts.get("off/copula.synth!model.json")))
        .contains("1.23456789012345E14", Double.toString(diagnosis), "45.13");
    assertThat(planted(artefacts.get("off/report/report.html"))).contains("1890-03-17");
    Map<String, String> argn = tabularArtefacts(1, "off", "argn");
    assertThat(planted(argn.get("off/argn.synth!model.json")))
        .contains(Double.toString(diagnosis), "45.13");
  }

  /** Every artefact of both trainings and an evaluation, by name: its text. */
  private static Map<String, String> artefacts(int k, String run) throws IOException {
    Map<String, String> artefacts = new LinkedHashMap<>();
    Path schema = dir.resolve(run + "/schema.json");
    Schemas.write(Schemas.infer(table), schema);
    artefacts.put(run + "/schema.json", Files.readString(schema));
    artefacts.putAll(tabularArtefacts(k, run, "copula"));
    artefacts.putAll(tabularArtefacts(k, run, "ctgan"));
    artefacts.putAll(tabularArtefacts(k, run, "argn"));
    // The sequence WGAN and the timeline argn.
    for (String generator : List.of("lstm-wgan", "argn")) {
      String name = run + "/timelines-" + generator;
      Path model = dir.resolve(name + ".synth");
      Training.train(
          new TrainRequest(timelines, null, model, settings(k, generator), false)
              .withLongitudinal("id", "day"),
          null);
      artefacts.putAll(modelEntries(name + ".synth", model));
      Path output = dir.resolve(name + ".csv");
      Generation.generate(
          new GenerateRequest(model.toString(), 200, 3, null, output, OutputFormat.CSV, List.of()));
      artefacts.put(name + ".csv", Files.readString(output));
    }
    return artefacts;
  }

  /**
   * A tabular model file's text entries, 500 rows generated from it, and the evaluation's reports.
   */
  private static Map<String, String> tabularArtefacts(int k, String run, String generator)
      throws IOException {
    Map<String, String> artefacts = new LinkedHashMap<>();
    Path model = dir.resolve(run + "/" + generator + ".synth");
    Training.train(
        new TrainRequest(table, null, model, settings(k, generator), false),
        new TrainingListener() {
          @Override
          public void onMessage(String message) {
            MESSAGES.add(message);
          }
        });
    artefacts.putAll(modelEntries(run + "/" + generator + ".synth", model));
    Path output = dir.resolve(run + "/" + generator + ".csv");
    Generation.generate(
        new GenerateRequest(model.toString(), 500, 3, null, output, OutputFormat.CSV, List.of()));
    artefacts.put(run + "/" + generator + ".csv", Files.readString(output));
    if (generator.equals("copula")) {
      Path reports = dir.resolve(run + "/report");
      Evaluation.evaluate(
          new EvaluateRequest(output, table, null, null, reports, null, null, 1, Map.of())
              .withValueProtectionK(k));
      artefacts.put(run + "/report/report.json", Files.readString(reports.resolve("report.json")));
      artefacts.put(run + "/report/report.html", Files.readString(reports.resolve("report.html")));
    }
    return artefacts;
  }

  private static TrainSettings settings(int k, String generator) {
    // Every row trains (no holdout or validation part), so every planted value reaches the fitting.
    return TrainSettings.defaults()
        .withGenerator(generator)
        .withEpochs(2)
        .withSeed(3)
        .withOption("privacyGate", "warn")
        .withOption("holdoutFraction", "0")
        .withOption("validationFraction", "0")
        .withOption(ValueProtection.OPTION, Integer.toString(k));
  }

  /** Every entry but the binary weights, as text. */
  private static Map<String, String> modelEntries(String name, Path model) throws IOException {
    byte[] zip = Files.readAllBytes(model);
    Map<String, String> entries = new LinkedHashMap<>();
    for (String entry : TrainingTest.entries(zip)) {
      if (!entry.endsWith(".bin")) {
        entries.put(
            name + "!" + entry, new String(TrainingTest.entry(zip, entry), StandardCharsets.UTF_8));
      }
    }
    assertThat(entries).containsKey(name + "!model.json");
    return entries;
  }

  /** The planted values found in a text: dates as written, numbers in any formatting. */
  private static List<String> planted(String text) {
    List<String> found = new ArrayList<>();
    for (String date : PLANTED_DATES) {
      if (text.contains(date)) {
        found.add(date);
      }
    }
    Matcher m = NUMBER.matcher(text);
    while (m.find()) {
      double value = Double.parseDouble(m.group());
      if (PLANTED_NUMBERS.contains(value)) {
        found.add(m.group());
      }
    }
    return found;
  }

  private static void plantNumber(double value) {
    PLANTED_NUMBERS.add(value);
  }

  /** A date as written and as epoch days, seconds and milliseconds. */
  private static void plantDate(LocalDate date) {
    PLANTED_DATES.add(date.toString());
    long days = date.toEpochDay();
    PLANTED_NUMBERS.add((double) days);
    PLANTED_NUMBERS.add(days * 86_400.0);
    PLANTED_NUMBERS.add(days * 86_400_000.0);
  }

  private static int[] permutation(int n, SplittableRandom random) {
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    return order;
  }
}
