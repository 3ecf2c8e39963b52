package io.github.syntheticpatients.runtime.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.syntheticpatients.runtime.GateResult;
import io.github.syntheticpatients.runtime.GenerateRequest;
import io.github.syntheticpatients.runtime.OutputFormat;
import io.github.syntheticpatients.runtime.PrivacyGateException;
import io.github.syntheticpatients.runtime.TrainRequest;
import io.github.syntheticpatients.runtime.TrainResult;
import io.github.syntheticpatients.runtime.TrainSettings;
import io.github.syntheticpatients.runtime.TrainingListener;
import io.github.syntheticpatients.runtime.eval.stats.TableColumns;
import io.github.syntheticpatients.runtime.evaluation.EvaluateRequest;
import io.github.syntheticpatients.runtime.evaluation.Evaluation;
import io.github.syntheticpatients.runtime.evaluation.EvaluationResult;
import io.github.syntheticpatients.runtime.sampling.Generation;
import io.github.syntheticpatients.runtime.training.Training;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What a user gets from {@code synthetic:train} with every default (privacy gate enforced) on each
 * shared table (docs/evaluation.md, "Default training on every shared table"). For each table and
 * seed, a random third of the rows (of the patients, when the table's dictionary names an {@code
 * entity_id}: a patient's rows stay together) is held out as fresh real data F; {@link
 * Training#train} runs exactly as the Maven goal does on the other two thirds; then, where a model
 * was written, a synthetic sample of the training size is evaluated with F as the holdout ({@code
 * synthetic:evaluate}), so the evaluation's privacy checks use records neither the generator nor
 * the training gate saw.
 *
 * <p>Usage: {@code OMP_NUM_THREADS=1 mvn -B -q -pl runtime/train -am -Pbenchmark test-compile
 * exec:exec -Dbenchmark.class=io.github.syntheticpatients.runtime.eval.DefaultTrainingBenchmark
 * "-Dbenchmark.args=2 pbc cgd"} (the number of seeds, or a range of seed indexes such as {@code
 * 1-2}, then the tables from src/test/resources/data; default 2 seeds, 17 and 1017, of every shared
 * table). Tables with both {@code entity_id} and {@code time} train the timeline generator; the
 * others (colon has an id but no time) train tabular models, with F still held out by patient.
 */
public final class DefaultTrainingBenchmark {
  static final List<String> TABLES =
      List.of("pbc", "pima2", "cgd", "colon", "pbcseq", "rotterdam", "flchain", "nafld1");

  private DefaultTrainingBenchmark() {}

  /**
   * One table's CSV cut into training lines and fresh lines, keeping each patient's lines together.
   */
  record Parts(List<String> train, List<String> fresh, int trainUnits, int freshUnits) {}

  /**
   * Holds out a random third of the units (rows, or patients when {@code entityId} is set) of a CSV
   * read as lines.
   *
   * @throws IllegalArgumentException when a line has a quoted line break (the lines would not be
   *     rows)
   */
  static Parts holdOutThird(List<String> lines, String entityId, long seed) {
    String header = lines.get(0);
    int idColumn = entityId == null ? -1 : Arrays.asList(header.split(",", -1)).indexOf(entityId);
    if (entityId != null && idColumn < 0) {
      throw new IllegalArgumentException("No column '" + entityId + "' in " + header);
    }
    Map<String, List<String>> units = new LinkedHashMap<>();
    for (int i = 1; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.isBlank()) {
        continue;
      }
      if (line.chars().filter(c -> c == '"').count() % 2 != 0) {
        throw new IllegalArgumentException(
            "Line " + (i + 1) + " has a quoted line break; cut the file as CSV");
      }
      String key = idColumn < 0 ? Integer.toString(i) : line.split(",", -1)[idColumn];
      units.computeIfAbsent(key, k -> new ArrayList<>()).add(line);
    }
    List<List<String>> groups = new ArrayList<>(units.values());
    int[] order = TableColumns.permutation(groups.size(), seed);
    int fresh = groups.size() / 3;
    List<String> train = new ArrayList<>(List.of(header));
    List<String> held = new ArrayList<>(List.of(header));
    for (int i = 0; i < order.length; i++) {
      (i < fresh ? held : train).addAll(groups.get(order[i]));
    }
    return new Parts(train, held, groups.size() - fresh, fresh);
  }

  /** One training run and, when it wrote a model, its evaluation against fresh real data. */
  record Outcome(
      String table,
      long seed,
      int trainUnits,
      int freshUnits,
      boolean written,
      String generator,
      String refusedBy,
      double seconds,
      String evaluation) {}

  static Outcome run(String table, long seed, Path work) throws IOException {
    JsonNode dictionary = new ObjectMapper().readTree(resource(table + ".json").toFile());
    String entityId = text(dictionary, "entity_id");
    String time = text(dictionary, "time");
    boolean longitudinal = entityId != null && time != null;
    Parts parts =
        holdOutThird(
            Files.readAllLines(resource(table + ".csv"), StandardCharsets.UTF_8), entityId, seed);
    Path dir = Files.createDirectories(work.resolve(table + "-" + seed));
    Path train = Files.write(dir.resolve("train.csv"), parts.train(), StandardCharsets.UTF_8);
    Path fresh = Files.write(dir.resolve("fresh.csv"), parts.fresh(), StandardCharsets.UTF_8);
    Path model = dir.resolve(table + ".synth");
    TrainSettings settings = TrainSettings.defaults().withSeed(seed);
    // Only to measure an alternative default (-Dbenchmark.epochs=N); the published table uses every
    // default.
    int epochs = Integer.getInteger("benchmark.epochs", 0);
    if (epochs > 0) {
      settings = settings.withEpochs(epochs);
    }
    TrainRequest request = new TrainRequest(train, null, model, settings, true);
    if (longitudinal) {
      request = request.withLongitudinal(entityId, time);
    }
    List<String> messages = new ArrayList<>();
    long started = System.nanoTime();
    String refusedBy = "–";
    boolean written;
    try {
      TrainResult result =
          Training.train(
              request,
              new TrainingListener() {
                @Override
                public void onMessage(String message) {
                  messages.add(message);
                  System.err.println(
                      table + " " + seed + ": "
                          + message); // progress, apart from the table on stdout
                }
              });
      written = Files.isRegularFile(result.output());
    } catch (PrivacyGateException e) {
      written = false;
      refusedBy = checks(e.gate());
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    String generator = longitudinal ? snapshot(messages) : chosen(messages);
    String evaluation = "–";
    if (written) {
      Path synthetic = dir.resolve("synthetic.csv");
      Generation.generate(
          new GenerateRequest(
              model.toString(),
              parts.trainUnits(),
              seed + 7,
              null,
              synthetic,
              OutputFormat.CSV,
              List.of()));
      EvaluateRequest evaluate =
          new EvaluateRequest(
              synthetic, train, fresh, null, dir.resolve("report"), null, null, seed, Map.of());
      if (longitudinal) {
        evaluate = evaluate.withLongitudinal(entityId, time);
      }
      EvaluationResult result = Evaluation.evaluate(evaluate);
      evaluation =
          (result.gate().passed() ? "passed" : "refused by " + checks(result.gate()))
              + String.format(
                  Locale.ROOT,
                  ", %d checks decided",
                  result.gate().checks().stream()
                      .filter(c -> c.evaluated() && c.level().equals("FAIL"))
                      .count());
    }
    return new Outcome(
        table,
        seed,
        parts.trainUnits(),
        parts.freshUnits(),
        written,
        generator,
        refusedBy,
        seconds,
        evaluation);
  }

  /**
   * The generator {@code auto} kept, from the training's own messages, and whether it was the
   * gate's fallback.
   */
  private static String chosen(List<String> messages) {
    String kept = "?";
    for (String message : messages) {
      if (message.startsWith("auto: kept the ")) {
        kept = generator(message.substring("auto: kept the ".length()));
      }
      if (message.startsWith("Kept the ") && message.contains(" instead, because")) {
        kept = generator(message.substring("Kept the ".length())) + " (fallback)";
      }
    }
    return kept;
  }

  /** The generator a message names first (its label, as {@code TabularTrainingJob.label}). */
  private static String generator(String label) {
    if (label.startsWith("CTGAN")) {
      return "ctgan";
    }
    return label.startsWith("autoregressive generator") ? "argn" : "copula";
  }

  /** The timeline generator's kept snapshot, from the training's own messages. */
  private static String snapshot(List<String> messages) {
    String kept = "lstm-wgan";
    for (String message : messages) {
      if (message.startsWith("Selected the generator of epoch ")) {
        kept = "lstm-wgan, epoch " + message.split(" ")[5] + " of " + message.split(" ")[7];
      }
      if (message.startsWith("Kept the lstm-wgan generator of epoch ")) {
        kept =
            "lstm-wgan, epoch "
                + message.split(" ")[6]
                + " of "
                + message.split(" ")[8]
                + " (fallback)";
      }
    }
    return kept;
  }

  /** The failed FAIL-level checks with their values and limits. */
  static String checks(GateResult gate) {
    return gate.failures().stream()
        .map(
            c ->
                String.format(
                    Locale.ROOT,
                    "%s %s %.3f (limit %.3f)",
                    c.id(),
                    c.name(),
                    c.value(),
                    c.threshold()))
        .collect(Collectors.joining("; "));
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }

  private static Path resource(String name) {
    try {
      return Path.of(DefaultTrainingBenchmark.class.getResource("/data/" + name).toURI());
    } catch (URISyntaxException | NullPointerException e) {
      throw new IllegalArgumentException("No test resource /data/" + name, e);
    }
  }

  public static void main(String[] arguments) throws IOException {
    // exec:exec passes benchmark.args as one argument
    String joined = String.join(" ", arguments).trim();
    String[] args = joined.isEmpty() ? new String[0] : joined.split("\\s+");
    // "2" runs seeds 0 and 1 (17 and 1017); "1-2" runs seeds 1 and 2 only
    String[] range = args.length > 0 ? args[0].split("-") : new String[] {"2"};
    int firstSeed = range.length > 1 ? Integer.parseInt(range[0]) : 0;
    int lastSeed = range.length > 1 ? Integer.parseInt(range[1]) : Integer.parseInt(range[0]) - 1;
    List<String> tables =
        args.length > 1 ? List.of(Arrays.copyOfRange(args, 1, args.length)) : TABLES;
    Path work = Files.createTempDirectory("default-training");
    System.out.println(
        "| table | seed | train / fresh units | model written | generator | refused by (value, limit)"
            + " | training s | evaluation with F as holdout |");
    System.out.println("|---|---|---|---|---|---|---|---|");
    int written = 0;
    int runs = 0;
    for (String table : tables) {
      for (int s = firstSeed; s <= lastSeed; s++) {
        long seed = 1000L * s + 17;
        Outcome o;
        try {
          o = run(table, seed, work);
        } catch (RuntimeException e) {
          System.out.printf(
              Locale.ROOT, "| %s | %d | | error | | %s | | |%n", table, seed, e.getMessage());
          System.out.flush();
          runs++;
          continue;
        }
        runs++;
        written += o.written() ? 1 : 0;
        System.out.printf(
            Locale.ROOT,
            "| %s | %d | %d / %d | %s | %s | %s | %.0f | %s |%n",
            o.table(),
            o.seed(),
            o.trainUnits(),
            o.freshUnits(),
            o.written() ? "yes" : "no",
            o.generator(),
            o.refusedBy(),
            o.seconds(),
            o.evaluation());
        System.out.flush();
      }
    }
    System.out.printf(
        Locale.ROOT, "Models written: %d of %d runs (work files in %s)%n", written, runs, work);
  }
}
