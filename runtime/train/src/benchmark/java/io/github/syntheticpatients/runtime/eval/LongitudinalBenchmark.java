package io.github.syntheticpatients.runtime.eval;

import io.github.syntheticpatients.runtime.ColumnKind;
import io.github.syntheticpatients.runtime.SampleRequest;
import io.github.syntheticpatients.runtime.SampleResult;
import io.github.syntheticpatients.runtime.SyntheticModel;
import io.github.syntheticpatients.runtime.TrainRequest;
import io.github.syntheticpatients.runtime.TrainResult;
import io.github.syntheticpatients.runtime.TrainSettings;
import io.github.syntheticpatients.runtime.TrainingListener;
import io.github.syntheticpatients.runtime.data.Table;
import io.github.syntheticpatients.runtime.data.Timelines;
import io.github.syntheticpatients.runtime.eval.fidelity.IndependentVisits;
import io.github.syntheticpatients.runtime.eval.fidelity.QualityReport;
import io.github.syntheticpatients.runtime.eval.fidelity.TimelineDynamics;
import io.github.syntheticpatients.runtime.eval.fidelity.TimelineQuality;
import io.github.syntheticpatients.runtime.eval.fidelity.TimelineRules;
import io.github.syntheticpatients.runtime.eval.privacy.GateSettings;
import io.github.syntheticpatients.runtime.eval.privacy.PatientSummaries;
import io.github.syntheticpatients.runtime.eval.privacy.PrivacyGate;
import io.github.syntheticpatients.runtime.eval.privacy.TimelinePrivacy;
import io.github.syntheticpatients.runtime.io.json.SchemaJson;
import io.github.syntheticpatients.runtime.sampling.ModelLoader;
import io.github.syntheticpatients.runtime.sampling.Schemas;
import io.github.syntheticpatients.runtime.schema.ColumnSchema;
import io.github.syntheticpatients.runtime.schema.TableSchema;
import io.github.syntheticpatients.runtime.schema.ValueProtection;
import io.github.syntheticpatients.runtime.training.Training;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The side-by-side longitudinal benchmark of issue 20 (not run by the tests). On pbcseq and cgd,
 * over several seeded patient-level 50/50 splits, it scores three kinds of synthetic timelines
 * against the training half with the same code, and prints each metric's mean, standard deviation
 * and range over the splits:
 *
 * <ul>
 *   <li><b>independent visits</b> ({@link IndependentVisits}): real static attributes, lengths and
 *       visit times, each visit's values drawn column by column from all training visits;
 *   <li><b>fresh real</b>: one quarter of the data (the held-back half split again) drawn with
 *       replacement to as many patients as ours is scored at, as "synthetic", the other quarter as
 *       the privacy holdout: the ceiling at this size, and the null of the patient MIA and gate;
 *   <li><b>the generator</b> named by {@code --generator} ({@code auto} by default; {@code none}
 *       skips training), trained on the training half through {@code Training.train} with its
 *       defaults ({@code --epochs N} overrides them), loaded with {@code ModelLoader} and sampled.
 * </ul>
 *
 * Per kind: the timeline quality's overall score and parts ({@link TimelineQuality}), the dynamics
 * ({@link TimelineDynamics}), "overall + dynamics" (the mean of both scores, to see whether the new
 * parts could join the overall score), the rule violations ({@link TimelineRules}) in {@code
 * --patients} sampled patients (10,000 by default; fresh real has only its quarter), and the
 * patient-level privacy ({@link TimelinePrivacy}: copied timelines, MIA AUC, gate) with the
 * held-back half as holdout, and the same MIA for the patients the job fitted (it holds some of the
 * half out for validation and its own gate) against the held-back half and against the job's
 * holdout. pbcseq declares {@code futime} as its end of follow-up; cgd has no static end time.
 *
 * <p>Run (see docs/benchmarks/longitudinal.md): {@code mvn -B -pl runtime/train -am -Pbenchmark
 * test-compile exec:exec
 * -Dbenchmark.class=io.github.syntheticpatients.runtime.eval.LongitudinalBenchmark
 * "-Dbenchmark.args=--splits 3 --generator auto"}; also {@code --datasets pbcseq,cgd}, {@code
 * --seed N} (the first split's seed), {@code --torch-threads N}, {@code --train-share F} (the
 * training part's share, 0.5 by default), {@code --draws N} (scored draws per split, 1 by default:
 * ours sampled again, fresh real split again; each split counts their mean, and a per-split table
 * sets ours beside fresh real with the range over the draws, the gate's passes and the patient MIA
 * by part of the patient summaries).
 */
public final class LongitudinalBenchmark {
  private LongitudinalBenchmark() {}

  /** Training options from {@code --options key=value,key=value}, for every trained model. */
  private static Map<String, String> trainingOptions = Map.of();

  private static Map<String, String> trainingOptions(String text) {
    Map<String, String> parsed = new LinkedHashMap<>();
    for (String pair : text.split(",")) {
      if (pair.isBlank()) {
        continue;
      }
      int at = pair.indexOf('=');
      if (at < 1) {
        throw new IllegalArgumentException("--options: expected key=value, was " + pair);
      }
      parsed.put(pair.substring(0, at).trim(), pair.substring(at + 1).trim());
    }
    return parsed;
  }

  /**
   * The training part's share of each split ({@code --train-share}, 0.5 by default); the rest is
   * held back and halved for fresh real.
   */
  private static double trainShare = 0.5;

  /**
   * Scored draws per split ({@code --draws}, 1 by default): ours sampled again at other seeds,
   * fresh real split again into quarters. Each split's figure is the mean over its draws; the
   * per-split table also shows their range and how many passed the gate.
   */
  private static int draws = 1;

  /** One longitudinal data set and its roles. */
  private record Dataset(String name, String entityId, String time, String endTime) {}

  private static final Map<String, Dataset> DATASETS =
      Map.of(
          "pbcseq", new Dataset("pbcseq", "id", "day", "futime"),
          "cgd", new Dataset("cgd", "id", "tstart", null));

  /** The metrics in print order. */
  private static final List<String> METRICS =
      List.of(
          "overall",
          "lag-1 (pooled)",
          "lag-1, undefined left out",
          "lag-1 against the real half cut at maxVisits",
          "trend",
          "visit values",
          "gaps",
          "sequence length KS",
          "patients with >= 3 visits (share)",
          "dynamics",
          "visit times",
          "per-patient autocorrelation",
          "state transitions",
          "follow-up margin",
          "overall + dynamics",
          "mean of all parts",
          "rule violations",
          "– time not increasing",
          "– static changed",
          "– after end of follow-up",
          "– outside the protected range",
          "patients with a violation (share)",
          "rule violations, model's schema",
          "– counter or interval end",
          "copied timelines",
          "patient MIA AUC",
          "patient MIA AUC, fitted vs held-back",
          "patient MIA AUC, fitted vs job holdout",
          "patient gate passed (share)",
          "the job's gate passed (share)",
          "training seconds",
          "sampling patients/s");

  public static void main(String[] arguments) throws IOException {
    String[] args = String.join(" ", arguments).trim().split("\\s+");
    Map<String, String> options = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      if (args[i].startsWith("--")) {
        boolean flag = i + 1 >= args.length || args[i + 1].startsWith("--");
        options.put(args[i].substring(2), flag ? "true" : args[++i]);
      }
    }
    if (options.containsKey("torch-threads")) {
      System.setProperty("ai.djl.pytorch.num_threads", options.get("torch-threads"));
    }
    int splits = Integer.parseInt(options.getOrDefault("splits", "3"));
    long firstSeed = Long.parseLong(options.getOrDefault("seed", "20251123"));
    int samplePatients = Integer.parseInt(options.getOrDefault("patients", "10000"));
    String generator = options.getOrDefault("generator", "auto");
    Integer epochs = options.containsKey("epochs") ? Integer.valueOf(options.get("epochs")) : null;
    trainingOptions = trainingOptions(options.getOrDefault("options", ""));
    trainShare = Double.parseDouble(options.getOrDefault("train-share", "0.5"));
    draws = Integer.parseInt(options.getOrDefault("draws", "1"));
    for (String name : options.getOrDefault("datasets", "pbcseq,cgd").split(",")) {
      if (name.trim().equals("icu")) {
        runIcu(firstSeed, samplePatients, generator, epochs);
        continue;
      }
      Dataset dataset = DATASETS.get(name.trim());
      if (dataset == null) {
        throw new IllegalArgumentException(
            "--datasets: unknown " + name + "; use pbcseq, cgd or icu");
      }
      run(dataset, splits, firstSeed, samplePatients, generator, epochs);
    }
  }

  private static void run(
      Dataset dataset,
      int splits,
      long firstSeed,
      int samplePatients,
      String generator,
      Integer epochs)
      throws IOException {
    Timelines all =
        withEndTime(
            TimelineFixtures.load(dataset.name(), dataset.entityId(), dataset.time()),
            dataset.endTime());
    System.out.printf(
        Locale.ROOT,
        "%n## %s: %d patients, %d visits; %d splits by patient (training share %.2f) from seed"
            + " %d%n",
        dataset.name(),
        all.patientCount(),
        all.visits().rowCount(),
        splits,
        trainShare,
        firstSeed);
    Map<String, Map<String, List<Double>>> results = new LinkedHashMap<>();
    boolean train = !"none".equals(generator);
    Timelines raw = train ? raw(dataset) : null;
    String modelLabel = generator + (epochs == null ? " (defaults)" : " (" + epochs + " epochs)");
    List<SplitRow> rows = new ArrayList<>();
    for (int s = 0; s < splits; s++) {
      long seed = firstSeed + 1000L * s;
      Timelines[] halves = TimelineFixtures.split(all, trainShare, seed);
      System.out.println("  independent visits, fresh real, then the generator:");
      record(
          results,
          "independent visits",
          score(
              halves[0],
              halves[1],
              IndependentVisits.sample(halves[0], halves[0].patientCount(), seed + 1),
              IndependentVisits.sample(halves[0], samplePatients, seed + 3),
              seed));
      List<Map<String, Double>> fresh = new ArrayList<>();
      for (int d = 0; d < draws; d++) {
        fresh.add(freshReal(halves, seed + 100L * d, seed));
      }
      record(results, "fresh real", meanOverDraws(fresh));
      List<Map<String, Double>> ours = List.of();
      int cap = -1;
      int fittedLong = -1;
      int fittedCount = -1;
      if (train) {
        System.out.println("  training " + modelLabel + " on split " + (s + 1));
        Trained trained =
            trainAndSample(
                dataset,
                halves[0],
                samePatients(raw, halves[0]),
                generator,
                epochs,
                samplePatients,
                seed);
        ours = new ArrayList<>();
        // The real half cut at the longest timeline the model may sample: the lag-1 it could reach
        // under value protection's maxVisits (where that is 2, a continuous lag-1 is undefined on
        // the cut side too and leaves the mean).
        Timelines cut = firstVisits(halves[0], trained.checked().maxVisits());
        for (Timelines drawn : trained.scored()) {
          Map<String, Double> drawScores =
              score(halves[0], halves[1], drawn, trained.checked(), seed);
          drawScores.put(
              "lag-1 against the real half cut at maxVisits",
              TimelineQuality.compute(cut, drawn).autocorrelation());
          drawScores.putAll(miaByPart(halves[0], halves[1], drawn, seed));
          ours.add(drawScores);
        }
        Map<String, Double> scores = meanOverDraws(ours);
        scores.put("training seconds", trained.trainingSeconds());
        scores.put("sampling patients/s", trained.patientsPerSecond());
        scores.put("rule violations, model's schema", trained.ownRuleViolations());
        scores.put("– counter or interval end", trained.structureBroken());
        // The membership signal where it lives: on the patients the job fitted, not the whole half
        // (the job holds some of them out for validation and its own gate).
        Timelines fitted = samePatients(halves[0], trained.fittedIds());
        Timelines jobHoldout = samePatients(halves[0], trained.jobHoldoutIds());
        // The longest sampled timeline (maxVisits, which value protection sets) and the fitted
        // patients long enough for a continuous lag-1.
        // Value protection counts the training and validation patients: the half but the job's
        // holdout.
        cap = trained.checked().maxVisits();
        fittedCount = 0;
        fittedLong = 0;
        for (int p = 0; p < halves[0].patientCount(); p++) {
          if (!trained.jobHoldoutIds().contains(halves[0].id(p))) {
            fittedCount++;
            fittedLong += halves[0].visitCount(p) >= TimelineQuality.MIN_VALUES ? 1 : 0;
          }
        }
        double fittedMia =
            TimelinePrivacy.evaluate(
                    fitted, halves[1], trained.scored().get(0), null, GateSettings.defaults(), seed)
                .summaryReport()
                .miaAuc();
        double jobMia =
            TimelinePrivacy.evaluate(
                    fitted,
                    jobHoldout,
                    trained.scored().get(0),
                    null,
                    GateSettings.defaults(),
                    seed)
                .summaryReport()
                .miaAuc();
        System.out.printf(
            Locale.ROOT,
            "  fitted %d, job holdout %d: MIA fitted vs held-back %.3f, vs job holdout %.3f; the"
                + " job's gate %s%n",
            fitted.patientCount(),
            jobHoldout.patientCount(),
            fittedMia,
            jobMia,
            trained.jobGate());
        scores.put("patient MIA AUC, fitted vs held-back", fittedMia);
        scores.put("patient MIA AUC, fitted vs job holdout", jobMia);
        scores.put(
            "the job's gate passed (share)", trained.jobGate().startsWith("passed") ? 1.0 : 0.0);
        record(results, modelLabel, scores);
      }
      rows.add(new SplitRow(s + 1, seed, ours, fresh, cap, fittedLong, fittedCount));
      System.out.printf(Locale.ROOT, "split %d (seed %d) done%n", s + 1, seed);
    }
    printSummary(results);
    printSplits(rows);
  }

  /**
   * Fresh real as a generator: one quarter of the data (the held-back half split again at {@code
   * drawSeed}) drawn with replacement to as many patients as the training half (the size ours is
   * scored at), the other quarter as the privacy holdout. The rules are counted on the quarter's
   * own patients.
   */
  private static Map<String, Double> freshReal(Timelines[] halves, long drawSeed, long seed) {
    Timelines[] quarters = TimelineFixtures.split(halves[1], 0.5, drawSeed + 2);
    Timelines drawn = resampled(quarters[0], halves[0].patientCount(), drawSeed + 4);
    Map<String, Double> scores = score(halves[0], quarters[1], drawn, quarters[0], seed);
    scores.putAll(miaByPart(halves[0], quarters[1], drawn, seed));
    return scores;
  }

  /** Each patient's first {@code visits} visits. */
  private static Timelines firstVisits(Timelines timelines, int visits) {
    int[] starts = new int[timelines.patientCount() + 1];
    List<Integer> rows = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    for (int p = 0; p < timelines.patientCount(); p++) {
      int kept = Math.min(visits, timelines.visitCount(p));
      for (int v = 0; v < kept; v++) {
        rows.add(timelines.firstRow(p) + v);
      }
      starts[p + 1] = starts[p] + kept;
      ids.add(timelines.id(p));
    }
    return new Timelines(
        timelines.visits().selectRows(rows.stream().mapToInt(Integer::intValue).toArray()),
        starts,
        ids);
  }

  /** {@code patients} patients drawn with replacement from {@code pool}, each with its own id. */
  private static Timelines resampled(Timelines pool, int patients, long seed) {
    java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
    int[] picks = new int[patients];
    for (int i = 0; i < patients; i++) {
      picks[i] = random.nextInt(pool.patientCount());
    }
    Timelines drawn = pool.selectPatients(picks);
    int[] starts = new int[patients + 1];
    List<String> ids = new ArrayList<>();
    for (int p = 0; p < patients; p++) {
      starts[p + 1] = starts[p] + drawn.visitCount(p);
      ids.add(drawn.id(p) + "#" + p);
    }
    return new Timelines(drawn.visits(), starts, ids);
  }

  /** Each metric's mean over the draws (NaN draws left out; NaN when all are). */
  private static Map<String, Double> meanOverDraws(List<Map<String, Double>> draws) {
    Map<String, Double> mean = new LinkedHashMap<>();
    for (String metric : draws.get(0).keySet()) {
      mean.put(
          metric, QualityReport.nanMean(draws.stream().mapToDouble(d -> d.get(metric)).toArray()));
    }
    return mean;
  }

  /**
   * Where the patient-level membership signal lives: the distance attack's AUC (the gate's G7
   * {@code miaAuc}) on parts of the patient summaries ({@link PatientSummaries}) alone: the static
   * columns, the visit count with the first time and the span, and each time-varying column's four
   * summaries; and on each static column alone.
   */
  private static Map<String, Double> miaByPart(
      Timelines train, Timelines holdout, Timelines synthetic, long seed) {
    Table t = PatientSummaries.of(train);
    Table h = PatientSummaries.of(holdout);
    Table s = PatientSummaries.of(synthetic);
    TableSchema schema = train.schema();
    Map<String, List<String>> parts = new LinkedHashMap<>();
    List<String> statics = schema.staticColumns().stream().map(ColumnSchema::name).toList();
    parts.put("static", statics);
    String time = schema.time();
    parts.put(
        "visits and times",
        List.of(t.schema().columns().get(statics.size()).name(), time + ".first", time + ".span"));
    for (ColumnSchema c : schema.timeVaryingColumns()) {
      parts.put(
          c.name(),
          t.schema().columns().stream()
              .map(ColumnSchema::name)
              .filter(n -> n.startsWith(c.name() + "."))
              .toList());
    }
    for (String c : statics) {
      parts.put("static " + c, List.of(c));
    }
    Map<String, Double> auc = new LinkedHashMap<>();
    for (Map.Entry<String, List<String>> part : parts.entrySet()) {
      auc.put(
          "MIA part: " + part.getKey(),
          PrivacyGate.report(
                  select(t, part.getValue()),
                  select(h, part.getValue()),
                  select(s, part.getValue()),
                  null,
                  GateSettings.defaults(),
                  seed)
              .miaAuc());
    }
    return auc;
  }

  /** The named columns of a table. */
  private static Table select(Table table, List<String> names) {
    List<ColumnSchema> columns = new ArrayList<>();
    double[][] arrays = new double[names.size()][];
    for (int i = 0; i < names.size(); i++) {
      columns.add(table.schema().column(names.get(i)).orElseThrow());
      arrays[i] = table.column(names.get(i));
    }
    return new Table(TableSchema.of(columns), arrays);
  }

  /**
   * The speed check on the made-up ICU cohort ({@link IcuCohort}): trains the generator on all of
   * it (the job splits off its own validation and holdout patients), then samples {@code
   * samplePatients} patients and counts their rule violations.
   */
  private static void runIcu(long seed, int samplePatients, String generator, Integer epochs)
      throws IOException {
    Path work = Files.createTempDirectory("synthetic-icu-benchmark");
    Path csv = work.resolve("icu.csv");
    IcuCohort.write(csv, seed);
    Dataset dataset = new Dataset("icu", "id", "minute", "end");
    Timelines all =
        Timelines.of(
            Schemas.readTimelines(
                csv,
                TableSchema.of(
                        Schemas.infer(csv, "id", "minute", ValueProtection.DEFAULT_K, List.of()))
                    .withEndTime("end")));
    System.out.printf(
        Locale.ROOT,
        "%n## icu (made up): %d patients, %d visits, %d columns%n",
        all.patientCount(),
        all.visits().rowCount(),
        all.schema().columns().size());
    Trained trained = trainAndSample(dataset, all, all, generator, epochs, samplePatients, seed);
    TimelineRules rules = TimelineRules.check(all, trained.checked(), ValueProtection.DEFAULT_K);
    System.out.printf(
        Locale.ROOT,
        "icu: training %.1f s, sampling %.0f patients/s, %d rule violations in %d patients%n",
        trained.trainingSeconds(),
        trained.patientsPerSecond(),
        rules.total(),
        rules.patients());
  }

  /**
   * The data set as a user's training run reads it: its own CSV under the inferred longitudinal
   * schema. The scored halves come from {@link TimelineFixtures#load}, whose tabular schema merges
   * rare values into {@code _RARE_} (cgd's visit numbers 5 to 8); a training CSV written from them
   * would lose values that real data has.
   */
  private static Timelines raw(Dataset dataset) {
    try {
      Path csv =
          Path.of(
              LongitudinalBenchmark.class.getResource("/data/" + dataset.name() + ".csv").toURI());
      return Timelines.of(
          Schemas.readTimelines(csv, Schemas.infer(csv, dataset.entityId(), dataset.time())));
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The patients of {@code raw} that {@code half} holds (by id), in {@code half}'s order. */
  private static Timelines samePatients(Timelines raw, Timelines half) {
    List<String> ids = new ArrayList<>();
    for (int p = 0; p < half.patientCount(); p++) {
      ids.add(half.id(p));
    }
    return samePatients(raw, ids);
  }

  /** The patients of {@code raw} with the given ids, in their order. */
  private static Timelines samePatients(Timelines raw, List<String> ids) {
    Map<String, Integer> index = new LinkedHashMap<>();
    for (int p = 0; p < raw.patientCount(); p++) {
      index.put(raw.id(p), p);
    }
    return raw.selectPatients(ids.stream().mapToInt(index::get).toArray());
  }

  /** The distinct ids of the first column of a long CSV the job wrote (its split parts). */
  private static List<String> ids(Path csv) throws IOException {
    return Files.readAllLines(csv).stream()
        .skip(1)
        .map(line -> line.substring(0, line.indexOf(',')))
        .distinct()
        .toList();
  }

  /** The timelines under a schema that names the end of follow-up (unchanged for null). */
  private static Timelines withEndTime(Timelines timelines, String endTime) {
    return endTime == null
        ? timelines
        : withSchema(timelines, timelines.schema().withEndTime(endTime));
  }

  /** The same visits under another schema over the same columns. */
  private static Timelines withSchema(Timelines timelines, TableSchema schema) {
    Table visits = timelines.visits();
    double[][] columns = new double[visits.columnCount()][];
    for (int c = 0; c < columns.length; c++) {
      columns[c] = visits.column(c);
    }
    int[] starts = new int[timelines.patientCount() + 1];
    List<String> ids = new ArrayList<>();
    for (int p = 0; p < timelines.patientCount(); p++) {
      starts[p + 1] = starts[p] + timelines.visitCount(p);
      ids.add(timelines.id(p));
    }
    return new Timelines(new Table(schema, columns), starts, ids);
  }

  /**
   * One split's draws, ours (empty without training) and fresh real, with the longest timeline ours
   * samples and how many of the fitted patients have enough visits for a continuous lag-1.
   */
  private record SplitRow(
      int split,
      long seed,
      List<Map<String, Double>> ours,
      List<Map<String, Double>> fresh,
      int maxVisits,
      int fittedLong,
      int fitted) {}

  /** The metrics the per-split table sets side by side, ours then fresh real. */
  private static final List<String> SPLIT_METRICS =
      List.of(
          "overall",
          "lag-1 (pooled)",
          "lag-1 against the real half cut at maxVisits",
          "sequence length KS",
          "patient MIA AUC");

  /**
   * Per split, ours beside fresh real: each metric's mean over the draws (with their range when
   * there are several), and how many draws the default patient gate passed.
   */
  private static void printSplits(List<SplitRow> rows) {
    StringBuilder out =
        new StringBuilder("\n| split | maxVisits (fitted patients with >= 3 visits) |");
    SPLIT_METRICS.forEach(m -> out.append(' ').append(m).append(": ours / fresh real |"));
    out.append(" gate passed: ours / fresh real |\n|---|---|");
    SPLIT_METRICS.forEach(m -> out.append("---|"));
    out.append("---|");
    for (SplitRow row : rows) {
      out.append(String.format(Locale.ROOT, "%n| %d (%d) | ", row.split(), row.seed()));
      out.append(
          row.maxVisits() < 0
              ? "–"
              : String.format(
                  Locale.ROOT, "%d (%d of %d)", row.maxVisits(), row.fittedLong(), row.fitted()));
      out.append(" |");
      for (String metric : SPLIT_METRICS) {
        out.append(' ')
            .append(drawCell(row.ours(), metric))
            .append(" / ")
            .append(drawCell(row.fresh(), metric))
            .append(" |");
      }
      out.append(' ')
          .append(passed(row.ours()))
          .append(" / ")
          .append(passed(row.fresh()))
          .append(" |");
    }
    System.out.println(out);
    List<String> parts =
        rows.get(0).fresh().get(0).keySet().stream().filter(k -> k.startsWith("MIA part")).toList();
    StringBuilder byPart = new StringBuilder("\n| split |");
    parts.forEach(p -> byPart.append(' ').append(p.substring("MIA part: ".length())).append(" |"));
    byPart.append("\n|---|");
    parts.forEach(p -> byPart.append("---|"));
    for (SplitRow row : rows) {
      byPart.append(String.format(Locale.ROOT, "%n| %d: ours / fresh |", row.split()));
      for (String part : parts) {
        byPart
            .append(' ')
            .append(meanCell(row.ours(), part))
            .append(" / ")
            .append(meanCell(row.fresh(), part))
            .append(" |");
      }
    }
    System.out.println("MIA AUC (distance attack) by part of the patient summaries:" + byPart);
  }

  /** The mean over the draws, with the range when there are several; "–" without draws. */
  private static String drawCell(List<Map<String, Double>> draws, String metric) {
    double[] v = draws.stream().mapToDouble(d -> d.getOrDefault(metric, Double.NaN)).toArray();
    double mean = QualityReport.nanMean(v);
    if (Double.isNaN(mean)) {
      return "–";
    }
    if (v.length == 1) {
      return String.format(Locale.ROOT, "%.3f", mean);
    }
    double min = java.util.Arrays.stream(v).filter(x -> !Double.isNaN(x)).min().orElse(Double.NaN);
    double max = java.util.Arrays.stream(v).filter(x -> !Double.isNaN(x)).max().orElse(Double.NaN);
    return String.format(Locale.ROOT, "%.3f (%.3f–%.3f)", mean, min, max);
  }

  private static String meanCell(List<Map<String, Double>> draws, String metric) {
    return draws.isEmpty()
        ? "–"
        : String.format(
            Locale.ROOT,
            "%.3f",
            QualityReport.nanMean(draws.stream().mapToDouble(d -> d.get(metric)).toArray()));
  }

  private static String passed(List<Map<String, Double>> draws) {
    if (draws.isEmpty()) {
      return "–";
    }
    long passed = draws.stream().filter(d -> d.get("patient gate passed (share)") == 1.0).count();
    return passed + " of " + draws.size();
  }

  /** A trained generator's two samples and its timings. */
  private record Trained(
      List<Timelines> scored,
      Timelines checked,
      double trainingSeconds,
      double patientsPerSecond,
      double ownRuleViolations,
      double structureBroken,
      List<String> fittedIds,
      List<String> jobHoldoutIds,
      String jobGate) {}

  /**
   * Trains the generator on the training half ({@code rawTrain}: the same patients with the values
   * of the data set's own CSV) and samples it twice: as many patients as the half (scored), and
   * {@code samplePatients} (checked against the rules, and timed). A data set with an end of
   * follow-up trains with a schema file that declares it, so a generator can keep to it.
   */
  private static Trained trainAndSample(
      Dataset dataset,
      Timelines train,
      Timelines rawTrain,
      String generator,
      Integer epochs,
      int samplePatients,
      long seed)
      throws IOException {
    Path work = Files.createTempDirectory("synthetic-longitudinal-benchmark");
    Path csv = work.resolve(dataset.name() + "-train.csv");
    TimelineFixtures.writeLongFormat(rawTrain, csv);
    Path model = work.resolve(dataset.name() + ".synth");
    // The job writes its split's parts, so the fitted patients are known.
    TrainSettings settings =
        TrainSettings.defaults()
            .withSeed(seed)
            .withOption("privacyGate", "warn")
            .withOption("splitDir", work.resolve("split").toString());
    if (!"auto".equals(generator)) {
      settings = settings.withGenerator(generator);
    }
    if (epochs != null) {
      settings = settings.withEpochs(epochs);
    }
    for (Map.Entry<String, String> option : trainingOptions.entrySet()) {
      settings = settings.withOption(option.getKey(), option.getValue());
    }
    TrainRequest request =
        new TrainRequest(csv, null, model, settings, true)
            .withLongitudinal(dataset.entityId(), dataset.time());
    if (dataset.endTime() != null) {
      Path schemaFile = work.resolve(dataset.name() + ".schema.json");
      SchemaJson.write(
          TableSchema.of(
                  Schemas.infer(
                      csv,
                      dataset.entityId(),
                      dataset.time(),
                      ValueProtection.DEFAULT_K,
                      List.of()))
              .withEndTime(dataset.endTime()),
          schemaFile);
      request = new TrainRequest(csv, schemaFile, model, settings, true);
    }
    long start = System.nanoTime();
    String[] jobGate = {"not reported"};
    TrainResult result =
        Training.train(
            request,
            new TrainingListener() {
              @Override
              public void onMessage(String message) {
                if (message.startsWith("Patient-level privacy gate ")) {
                  jobGate[0] = message.substring("Patient-level privacy gate ".length());
                } else if (message.startsWith("argn: kept")) {
                  System.out.println("  " + message);
                }
              }
            });
    double trainingSeconds = (System.nanoTime() - start) / 1e9;
    System.out.printf(
        Locale.ROOT,
        "  trained %s: %d epochs in %.1f s%n",
        generator,
        result.epochs(),
        trainingSeconds);
    SyntheticModel loaded = ModelLoader.load(model.toString());
    // As many patients as the half, once per draw (the first at the seed earlier runs used).
    List<Timelines> scored = new ArrayList<>();
    for (int d = 0; d < draws; d++) {
      scored.add(
          read(
              loaded.sample(SampleRequest.of(train.patientCount(), seed + 7 + 100L * d)),
              train.schema(),
              work.resolve("scored-" + d + ".csv")));
    }
    // Timed three times (the first run also warms the JIT up); the best run counts.
    SampleResult many = null;
    double best = Double.POSITIVE_INFINITY;
    for (int run = 0; run < 3; run++) {
      long sampling = System.nanoTime();
      many = loaded.sample(SampleRequest.of(samplePatients, seed + 9));
      many.timelines().size();
      best = Math.min(best, (System.nanoTime() - sampling) / 1e9);
    }
    double patientsPerSecond = samplePatients / best;
    System.out.printf(
        Locale.ROOT,
        "  sampled %d patients: %.0f patients/s (best of 3, load average %.1f)%n",
        samplePatients,
        patientsPerSecond,
        java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    Timelines checked = read(many, train.schema(), work.resolve("checked.csv"));
    // The rules again under the model's own schema, which also holds the visit counter and the
    // interval end it detected (the real schema here is read without them).
    TableSchema own = TableSchema.of(loaded.schema());
    TimelineRules ownRules =
        TimelineRules.check(
            Timelines.of(Schemas.readTimelines(csv, own)),
            TimelineBenchmark.toTimelines(many, own, work.resolve("checked-own.csv")),
            ValueProtection.DEFAULT_K);
    System.out.printf(
        Locale.ROOT,
        "  under the model's schema (counter %s, interval end %s): %d rule violations, %d of them"
            + " a counter or interval end%n",
        own.visitStructure().counter(),
        own.visitStructure().intervalEnd(),
        ownRules.total(),
        ownRules.visitStructureBroken());
    return new Trained(
        scored,
        checked,
        trainingSeconds,
        patientsPerSecond,
        ownRules.total(),
        ownRules.visitStructureChecked() ? ownRules.visitStructureBroken() : Double.NaN,
        ids(work.resolve("split").resolve(dataset.name() + ".train.csv")),
        ids(work.resolve("split").resolve(dataset.name() + ".holdout.csv")),
        jobGate[0]);
  }

  /**
   * A sample read back under the real data's schema. A model trained on the half infers its own
   * schema there: it may leave a value missing where the whole table never is, or write {@code
   * _RARE_} where the whole table has no rare value (cgd's {@code enum}, {@code steroids}). So
   * every column is read as nullable with {@code _RARE_} as one more category, which then counts as
   * missing (as the evaluation treats unseen categories), under the real schema.
   */
  private static Timelines read(SampleResult result, TableSchema schema, Path csv) {
    TableSchema lenient =
        schema.withColumns(
            schema.columns().stream()
                .map(
                    c ->
                        new ColumnSchema(
                            c.name(),
                            c.kind().isDiscrete() ? ColumnKind.CATEGORICAL : c.kind(),
                            true,
                            c.missingRate(),
                            withRare(c),
                            c.decimals(),
                            c.dropped(),
                            c.staticAttribute(),
                            c.identifierShape(),
                            c.protectedValues(),
                            c.unparsedValues(),
                            c.reason()))
                .toList());
    Timelines read = TimelineBenchmark.toTimelines(result, lenient, csv);
    for (ColumnSchema c : schema.columns()) {
      if (c.kind().isDiscrete()) {
        double[] codes = read.visits().column(schema.indexOf(c.name()));
        for (int r = 0; r < codes.length; r++) {
          if (codes[r] >= c.categories().size()) {
            codes[r] = Double.NaN;
          }
        }
      }
    }
    return withSchema(read, schema);
  }

  private static List<String> withRare(ColumnSchema column) {
    if (!column.kind().isDiscrete()
        || column.categories().contains(ValueProtection.RARE_CATEGORY)) {
      return column.categories();
    }
    List<String> categories = new ArrayList<>(column.categories());
    categories.add(ValueProtection.RARE_CATEGORY);
    return categories;
  }

  /** Every metric of one kind of synthetic timelines on one split. */
  private static Map<String, Double> score(
      Timelines train, Timelines holdout, Timelines synthetic, Timelines checked, long seed) {
    TimelineQuality q = TimelineQuality.compute(train, synthetic);
    TimelineDynamics d = TimelineDynamics.compute(train, synthetic);
    TimelineRules rules = TimelineRules.check(train, checked, ValueProtection.DEFAULT_K);
    TimelinePrivacy p =
        TimelinePrivacy.evaluate(train, holdout, synthetic, null, GateSettings.defaults(), seed);
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("overall", q.overall());
    m.put("lag-1 (pooled)", q.autocorrelation());
    // As scored before a column without a synthetic lag-1 counted 0: such columns left out.
    m.put(
        "lag-1, undefined left out",
        QualityReport.nanMean(
            q.variables().stream()
                .mapToDouble(
                    v ->
                        1.0
                            - Math.abs(v.lag1Real() - v.lag1Synthetic())
                                / ("lag1Correlation".equals(v.autocorrelationMetric()) ? 2.0 : 1.0))
                .toArray()));
    m.put("trend", q.trend());
    m.put("visit values", q.visitShapes());
    m.put("gaps", q.visitGaps());
    m.put("sequence length KS", q.sequenceLength());
    // The patients long enough for a continuous lag-1 (3 values), in the larger sample.
    int long3 = 0;
    for (int patient = 0; patient < checked.patientCount(); patient++) {
      long3 += checked.visitCount(patient) >= TimelineQuality.MIN_VALUES ? 1 : 0;
    }
    m.put("patients with >= 3 visits (share)", (double) long3 / checked.patientCount());
    m.put("dynamics", d.score());
    m.put("visit times", d.visitTimes().score());
    m.put("per-patient autocorrelation", d.patientAutocorrelation().score());
    m.put("state transitions", d.stateTransitions().score());
    m.put("follow-up margin", d.followUp());
    m.put("overall + dynamics", QualityReport.nanMean(new double[] {q.overall(), d.score()}));
    m.put(
        "mean of all parts",
        QualityReport.nanMean(
            new double[] {
              q.staticShapes(),
              q.visitShapes(),
              q.sequenceLength(),
              q.visitGaps(),
              q.autocorrelation(),
              q.trend(),
              q.crossVariable(),
              d.visitTimes().score(),
              d.patientAutocorrelation().score(),
              d.stateTransitions().score(),
              d.followUp()
            }));
    m.put("rule violations", (double) rules.total());
    m.put("– time not increasing", (double) rules.timeNotIncreasing());
    m.put("– static changed", (double) rules.staticChanged());
    m.put(
        "– after end of follow-up",
        rules.endTimeChecked() ? (double) rules.afterEndTime() : Double.NaN);
    m.put("– outside the protected range", (double) rules.outOfRange());
    m.put(
        "patients with a violation (share)",
        (double) rules.patientsWithViolations() / rules.patients());
    m.put("copied timelines", (double) p.copiedTimelines());
    m.put("patient MIA AUC", p.summaryReport().miaAuc());
    m.put("patient gate passed (share)", p.gate().passed() ? 1.0 : 0.0);
    // every metric of the split at once, so that a run cut short still has its finished splits
    System.out.println(
        "  "
            + m.entrySet().stream()
                .map(e -> e.getKey() + " " + String.format(Locale.ROOT, "%.3f", e.getValue()))
                .collect(Collectors.joining("; "))
            + "; out of range by column: "
            + rules.columns().stream()
                .map(c -> c.column() + ":" + (c.staticChanged() + c.outOfRange()))
                .collect(Collectors.joining(" "))
            + "; failed checks: "
            + p.gate().failures().stream().map(c -> c.id() + " " + c.name()).toList()
            + "; lag-1 by column (real/synthetic): "
            + q.variables().stream()
                .map(
                    v ->
                        String.format(
                            Locale.ROOT,
                            "%s %.2f/%.2f",
                            v.column(),
                            v.lag1Real(),
                            v.lag1Synthetic()))
                .collect(Collectors.joining(" ")));
    return m;
  }

  private static void record(
      Map<String, Map<String, List<Double>>> results, String kind, Map<String, Double> scores) {
    Map<String, List<Double>> byMetric = results.computeIfAbsent(kind, k -> new LinkedHashMap<>());
    scores.forEach(
        (metric, value) -> byMetric.computeIfAbsent(metric, k -> new ArrayList<>()).add(value));
  }

  /** One markdown table: a row per metric, a column per kind, "mean ± sd (min–max)" per cell. */
  private static void printSummary(Map<String, Map<String, List<Double>>> results) {
    List<String> kinds = new ArrayList<>(results.keySet());
    StringBuilder out = new StringBuilder("| metric |");
    kinds.forEach(k -> out.append(' ').append(k).append(" |"));
    out.append("\n|---|");
    kinds.forEach(k -> out.append("---|"));
    for (String metric : METRICS) {
      out.append("\n| ").append(metric).append(" |");
      for (String kind : kinds) {
        out.append(' ').append(cell(results.get(kind).get(metric))).append(" |");
      }
    }
    System.out.println(out);
    if (kinds.size() >= 2) {
      List<Double> fresh = results.get("fresh real").get("overall + dynamics");
      List<Double> baseline = results.get("independent visits").get("overall + dynamics");
      List<Double> freshAll = results.get("fresh real").get("mean of all parts");
      List<Double> baselineAll = results.get("independent visits").get("mean of all parts");
      int rankedAll = 0;
      List<Double> freshOverall = results.get("fresh real").get("overall");
      List<Double> baselineOverall = results.get("independent visits").get("overall");
      int ranked = 0;
      int rankedOverall = 0;
      for (int i = 0; i < fresh.size(); i++) {
        ranked += fresh.get(i) > baseline.get(i) ? 1 : 0;
        rankedOverall += freshOverall.get(i) > baselineOverall.get(i) ? 1 : 0;
        rankedAll += freshAll.get(i) > baselineAll.get(i) ? 1 : 0;
      }
      System.out.printf(
          Locale.ROOT,
          "fresh real > independent visits: overall in %d of %d splits, overall + dynamics in %d,"
              + " mean of all parts in %d%n",
          rankedOverall,
          fresh.size(),
          ranked,
          rankedAll);
    }
  }

  private static String cell(List<Double> values) {
    if (values == null) {
      return "–";
    }
    double[] v =
        values.stream().mapToDouble(Double::doubleValue).filter(x -> !Double.isNaN(x)).toArray();
    if (v.length == 0) {
      return "–";
    }
    String splits = v.length < values.size() ? ", " + v.length + " splits" : "";
    double mean = 0;
    for (double x : v) {
      mean += x;
    }
    mean /= v.length;
    double ss = 0;
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (double x : v) {
      ss += (x - mean) * (x - mean);
      min = Math.min(min, x);
      max = Math.max(max, x);
    }
    double sd = v.length > 1 ? Math.sqrt(ss / (v.length - 1)) : 0;
    boolean counts = mean >= 2 || min == max && min == Math.rint(min) && max > 1;
    return counts
        ? String.format(Locale.ROOT, "%.1f ± %.1f (%.0f–%.0f%s)", mean, sd, min, max, splits)
        : String.format(Locale.ROOT, "%.3f ± %.3f (%.3f–%.3f%s)", mean, sd, min, max, splits);
  }
}
