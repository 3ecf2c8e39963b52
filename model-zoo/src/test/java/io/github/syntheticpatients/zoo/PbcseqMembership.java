package io.github.syntheticpatients.zoo;

import io.github.syntheticpatients.runtime.GateCheck;
import io.github.syntheticpatients.runtime.GenerateRequest;
import io.github.syntheticpatients.runtime.OutputFormat;
import io.github.syntheticpatients.runtime.TrainRequest;
import io.github.syntheticpatients.runtime.TrainSettings;
import io.github.syntheticpatients.runtime.TrainingListener;
import io.github.syntheticpatients.runtime.data.Table;
import io.github.syntheticpatients.runtime.data.Timelines;
import io.github.syntheticpatients.runtime.eval.privacy.GateSettings;
import io.github.syntheticpatients.runtime.eval.privacy.PatientSummaries;
import io.github.syntheticpatients.runtime.eval.privacy.PrivacyGate;
import io.github.syntheticpatients.runtime.eval.privacy.TimelinePrivacy;
import io.github.syntheticpatients.runtime.evaluation.EvaluateRequest;
import io.github.syntheticpatients.runtime.evaluation.Evaluation;
import io.github.syntheticpatients.runtime.evaluation.EvaluationResult;
import io.github.syntheticpatients.runtime.io.csv.CsvOptions;
import io.github.syntheticpatients.runtime.io.csv.TimelineReader;
import io.github.syntheticpatients.runtime.model.ModelFile;
import io.github.syntheticpatients.runtime.sampling.Generation;
import io.github.syntheticpatients.runtime.sampling.Schemas;
import io.github.syntheticpatients.runtime.schema.ColumnSchema;
import io.github.syntheticpatients.runtime.schema.TableSchema;
import io.github.syntheticpatients.runtime.training.Training;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Diagnoses the bundled pbcseq model's patient-level gate on the held-back part: samples the model
 * at several seeds and scores the patient MIA, DOMIAS and DCR share with the held-back patients as
 * non-members against different member sets of the training part: all 234, the 131 the job fitted,
 * and the 103 (validation and privacy holdout) the job never fitted. If the never-fitted members
 * score as high as the fitted ones, the signal is the split, not memorisation. Also prints a
 * real-data null (real fitted patients as "synthetic"), the distance MIA with each source column's
 * summaries left out in turn, and whether writing an evaluation into the model file changes what it
 * samples. Findings: docs/model-cards/README.md, "Why the pbcseq card says refused".
 *
 * <p>Run from the repository root: {@code java -cp <model-zoo test classpath>
 * io.github.syntheticpatients.zoo.PbcseqMembership <work directory> [seeds]}.
 */
final class PbcseqMembership {
  /** Every sampled seed's value and limit, by members and check, for the summary lines. */
  private static final Map<String, List<double[]>> SCORES = new LinkedHashMap<>();

  private PbcseqMembership() {}

  public static void main(String[] args) throws IOException {
    Path work = Path.of(args[0]);
    int seeds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    Files.createDirectories(work);
    Path schemaFile = Path.of("model-zoo/src/data/pbcseq.schema.json");
    String variant = args.length > 2 ? args[2] : "bundled";
    Path model =
        Path.of("model-zoo/src/main/resources/io/github/syntheticpatients/zoo/pbcseq.synth");
    TableSchema schema = TableSchema.of(Schemas.read(schemaFile)).withTarget("status");
    Path train = work.resolve("train.csv");
    Path heldBackFile = work.resolve("held-back.csv");
    HeldBack.read(Path.of("model-zoo/src/data/pbcseq.csv"), "id")
        .split(RebuildZoo.HELD_BACK, RebuildZoo.SEED, heldBackFile, train);
    if (!variant.equals("bundled")) {
      model = retrain(variant, train, schemaFile, work);
      if (variant.equals("half")) {
        train = work.resolve("train-half.csv");
      }
    }
    Timelines all = TimelineReader.read(train, schema, CsvOptions.defaults());
    Timelines heldBack = TimelineReader.read(heldBackFile, schema, CsvOptions.defaults());
    int[][] split = jobSplit(all.patientCount(), 0.3, 0.2, 12345L);
    Timelines fitted = all.selectPatients(split[0]);
    int[] unseen = concat(split[1], split[2]);
    Timelines notFitted = all.selectPatients(unseen);
    Timelines jobHoldout = all.selectPatients(split[2]);
    System.out.printf(
        Locale.ROOT,
        "training part %d, fitted %d, validation %d, job holdout %d, held back %d%n",
        all.patientCount(),
        fitted.patientCount(),
        split[1].length,
        jobHoldout.patientCount(),
        heldBack.patientCount());
    // does writing the card's evaluation into model.json change what the model samples?
    Path relabelled = work.resolve("relabelled.synth");
    Files.write(
        relabelled,
        ModelFile.withEvaluation(
            Files.readAllBytes(model), model.toString(), "relabelled", Map.of("note", "x")));
    Path before = work.resolve("check-bundled.csv");
    Path after = work.resolve("check-relabelled.csv");
    for (Path[] pair : new Path[][] {{model, before}, {relabelled, after}}) {
      Generation.generate(
          new GenerateRequest(
              pair[0].toString(),
              20,
              RebuildZoo.SEED,
              null,
              pair[1],
              OutputFormat.CSV,
              List.of(),
              1,
              ""));
    }
    System.out.println(
        "same sample after a new evaluation entry: "
            + Files.readString(before).equals(Files.readString(after)));
    // real null: three disjoint real sets, the fitted patients playing "synthetic"
    report(
        RebuildZoo.SEED,
        "real: job holdout 70 vs held-back, syn = fitted",
        jobHoldout,
        heldBack,
        fitted);
    report(
        RebuildZoo.SEED,
        "real: validation 33 vs held-back, syn = fitted",
        all.selectPatients(split[1]),
        heldBack,
        fitted);
    Map<String, List<Double>> dropped = new LinkedHashMap<>();
    for (int s = 0; s < seeds; s++) {
      long seed = RebuildZoo.SEED + s;
      Path sample = work.resolve("sample-" + seed + ".csv");
      Generation.generate(
          new GenerateRequest(
              model.toString(),
              all.patientCount(),
              seed,
              null,
              sample,
              OutputFormat.CSV,
              List.of(),
              1,
              ""));
      Timelines synthetic = TimelineReader.read(sample, schema, CsvOptions.defaults());
      if (s == 0) {
        EvaluationResult evaluated =
            Evaluation.evaluate(
                new EvaluateRequest(
                    sample,
                    train,
                    heldBackFile,
                    schemaFile,
                    work.resolve("report"),
                    "status",
                    "stage",
                    seed,
                    Map.of()));
        evaluated.scores().entrySet().stream()
            .filter(e -> e.getKey().toLowerCase(Locale.ROOT).contains("patient"))
            .forEach(e -> System.out.println("evaluate " + e.getKey() + " " + e.getValue()));
      }
      report(seed, "all " + all.patientCount() + " vs held-back", all, heldBack, synthetic);
      report(
          seed, "fitted " + fitted.patientCount() + " vs held-back", fitted, heldBack, synthetic);
      report(
          seed,
          "unfitted " + notFitted.patientCount() + " vs held-back",
          notFitted,
          heldBack,
          synthetic);
      report(
          seed,
          "fitted " + fitted.patientCount() + " vs job holdout " + jobHoldout.patientCount(),
          fitted,
          jobHoldout,
          synthetic);
      report(
          seed,
          "job holdout " + jobHoldout.patientCount() + " vs held-back",
          jobHoldout,
          heldBack,
          synthetic);
      ablate(fitted, heldBack, synthetic, seed, dropped);
    }
    for (Map.Entry<String, List<double[]>> e : SCORES.entrySet()) {
      if (e.getKey().startsWith("real:")) {
        continue;
      }
      double[] v = e.getValue().stream().mapToDouble(x -> x[0]).toArray();
      double mean = Arrays.stream(v).average().orElse(Double.NaN);
      double sd =
          Math.sqrt(
              Arrays.stream(v).map(x -> (x - mean) * (x - mean)).sum() / Math.max(1, v.length - 1));
      long over = e.getValue().stream().filter(x -> x[0] > x[1]).count();
      System.out.printf(
          Locale.ROOT,
          "%-56s mean %.3f sd %.3f min %.3f max %.3f over the limit in %d of %d%n",
          e.getKey(),
          mean,
          sd,
          Arrays.stream(v).min().orElse(Double.NaN),
          Arrays.stream(v).max().orElse(Double.NaN),
          over,
          v.length);
    }
    for (Map.Entry<String, List<Double>> e : dropped.entrySet()) {
      double[] v = e.getValue().stream().mapToDouble(Double::doubleValue).toArray();
      System.out.printf(
          Locale.ROOT,
          "fitted vs held-back, distance MIA without %-10s mean %.3f (%d seeds)%n",
          e.getKey(),
          Arrays.stream(v).average().orElse(Double.NaN),
          v.length);
    }
  }

  private static void report(
      long seed, String label, Timelines members, Timelines others, Timelines synthetic) {
    TimelinePrivacy p =
        TimelinePrivacy.evaluate(members, others, synthetic, null, GateSettings.defaults(), seed);
    StringBuilder line =
        new StringBuilder(String.format(Locale.ROOT, "seed %d %-48s", seed, label));
    for (GateCheck c : p.gate().checks()) {
      if (c.name().endsWith("miaAuc")
          || c.name().endsWith("domiasAuc")
          || c.name().endsWith("dcrCloser")) {
        line.append(
            String.format(
                Locale.ROOT, " %s %.3f (limit %.3f)", c.name(), c.value(), c.threshold()));
        SCORES
            .computeIfAbsent(label + " " + c.name(), k -> new ArrayList<>())
            .add(new double[] {c.value(), c.threshold()});
      }
    }
    System.out.println(line);
  }

  /**
   * Trains the recipe's settings again, as the rebuild does but unrounded: "inferred" on the zoo's
   * 234 training patients with an inferred schema; "half" with the zoo's schema on 156 of them (a
   * half/half split's training size, as in LongitudinalBenchmark).
   */
  private static Path retrain(String variant, Path train, Path schemaFile, Path work)
      throws IOException {
    Path output = work.resolve(variant + ModelFile.EXTENSION);
    TrainRequest request;
    if (variant.equals("inferred")) {
      request =
          new TrainRequest(
              train,
              null,
              output,
              TrainSettings.defaults().withGenerator("argn"),
              true,
              "id",
              "day");
    } else if (variant.equals("half")) {
      Path half = work.resolve("train-half.csv");
      HeldBack.read(train, "id")
          .split(1.0 / 3, RebuildZoo.SEED + 5, work.resolve("train-unused.csv"), half);
      request =
          new TrainRequest(
              half, schemaFile, output, TrainSettings.defaults().withGenerator("argn"), true);
    } else {
      throw new IllegalArgumentException(
          "variant '" + variant + "' is none of bundled, inferred, half");
    }
    Training.train(
        request,
        new TrainingListener() {
          @Override
          public void onMessage(String message) {
            System.out.println("[" + variant + "] " + message);
          }
        });
    return output;
  }

  /**
   * The distance MIA on the patient summaries with every summary column of one source column left
   * out in turn ("none": all kept), so that a drop shows which columns carry the signal.
   */
  private static void ablate(
      Timelines members,
      Timelines others,
      Timelines synthetic,
      long seed,
      Map<String, List<Double>> dropped) {
    Table train = PatientSummaries.of(members);
    Table holdout = PatientSummaries.of(others);
    Table syn = PatientSummaries.of(synthetic);
    Set<String> sources = new LinkedHashSet<>();
    sources.add("none");
    for (ColumnSchema c : train.schema().columns()) {
      sources.add(source(c.name()));
    }
    for (String source : sources) {
      double auc =
          PrivacyGate.report(
                  without(train, source),
                  without(holdout, source),
                  without(syn, source),
                  null,
                  GateSettings.defaults(),
                  seed)
              .miaAuc();
      dropped.computeIfAbsent(source, k -> new ArrayList<>()).add(auc);
    }
    // every static column at once: the timelines alone
    Table trainVisits = train;
    Table holdoutVisits = holdout;
    Table synVisits = syn;
    for (ColumnSchema c : members.staticColumns()) {
      trainVisits = without(trainVisits, c.name());
      holdoutVisits = without(holdoutVisits, c.name());
      synVisits = without(synVisits, c.name());
    }
    double auc =
        PrivacyGate.report(
                trainVisits, holdoutVisits, synVisits, null, GateSettings.defaults(), seed)
            .miaAuc();
    dropped.computeIfAbsent("statics", k -> new ArrayList<>()).add(auc);
  }

  /** The source column of a summary column ({@code alk.phos.mean}: {@code alk.phos}). */
  private static String source(String summaryColumn) {
    for (String suffix : List.of(".first", ".last", ".mean", ".mode", ".missing", ".span")) {
      if (summaryColumn.endsWith(suffix)) {
        return summaryColumn.substring(0, summaryColumn.length() - suffix.length());
      }
    }
    return summaryColumn;
  }

  private static Table without(Table table, String source) {
    List<ColumnSchema> kept = new ArrayList<>();
    List<double[]> columns = new ArrayList<>();
    List<ColumnSchema> all = table.schema().columns();
    for (int c = 0; c < all.size(); c++) {
      if (!source(all.get(c).name()).equals(source)) {
        kept.add(all.get(c));
        columns.add(table.column(c));
      }
    }
    return new Table(table.schema().withColumns(kept), columns.toArray(new double[0][]));
  }

  /** The training job's DataSplit (package-private in runtime.train), same shuffle. */
  private static int[][] jobSplit(int rows, double holdoutFraction, double validation, long seed) {
    int[] order = new int[rows];
    for (int i = 0; i < rows; i++) {
      order[i] = i;
    }
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = rows - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int swap = order[i];
      order[i] = order[j];
      order[j] = swap;
    }
    int holdout = (int) Math.round(rows * holdoutFraction);
    int valid = (int) Math.round((rows - holdout) * validation);
    int[] h = Arrays.copyOfRange(order, 0, holdout);
    int[] v = Arrays.copyOfRange(order, holdout, holdout + valid);
    int[] t = Arrays.copyOfRange(order, holdout + valid, rows);
    Arrays.sort(h);
    Arrays.sort(v);
    Arrays.sort(t);
    return new int[][] {t, v, h};
  }

  private static int[] concat(int[] a, int[] b) {
    int[] c = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, c, a.length, b.length);
    Arrays.sort(c);
    return c;
  }
}
