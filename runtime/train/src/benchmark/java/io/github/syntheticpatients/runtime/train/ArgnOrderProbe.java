package io.github.syntheticpatients.runtime.train;

import io.github.syntheticpatients.runtime.TrainSettings;
import io.github.syntheticpatients.runtime.TrainingListener;
import io.github.syntheticpatients.runtime.argn.MarginalCalibration;
import io.github.syntheticpatients.runtime.copula.GaussianCopula;
import io.github.syntheticpatients.runtime.data.Table;
import io.github.syntheticpatients.runtime.eval.EvaluationBenchmark;
import io.github.syntheticpatients.runtime.eval.fidelity.QualityReport;
import io.github.syntheticpatients.runtime.eval.fidelity.TreeDetection;
import io.github.syntheticpatients.runtime.eval.fidelity.Utility;
import io.github.syntheticpatients.runtime.eval.privacy.GateSettings;
import io.github.syntheticpatients.runtime.eval.privacy.MembershipAttacks;
import io.github.syntheticpatients.runtime.eval.privacy.RowDistances;
import io.github.syntheticpatients.runtime.eval.report.EvaluationReport;
import io.github.syntheticpatients.runtime.fit.copula.GaussianCopulaFitter;
import io.github.syntheticpatients.runtime.model.argn.ArgnEncoding;
import io.github.syntheticpatients.runtime.model.argn.ArgnModel;
import io.github.syntheticpatients.runtime.model.argn.ArgnNetwork;
import io.github.syntheticpatients.runtime.model.argn.ChainSampler;
import io.github.syntheticpatients.runtime.random.RandomStream;
import io.github.syntheticpatients.runtime.schema.ValueProtection;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * What the sampling order and the calibration do to argn's TSTR on small tables (issue 19, pbc's
 * TSTR; not run by the tests). Per seed: {@code TabularBenchmark}'s 50/50 split, the training job's
 * own split of the training half (privacy holdout, validation, training part: {@link DataSplit}
 * with the default fractions and the seed {@code TabularBenchmark} trains with), argn trained once
 * by {@link ArgnFitting} with {@code argnCalibrate=0}, then the default calibration (4 rounds and
 * its guard) applied to that network. Each network is sampled {@code K} times (the training half's
 * rows) in three orders: the schema's (what sampling does today), the target column last (drawn
 * given every other column, the conditional TSTR reads), and a random column order for every block
 * of 16 rows (averaging over orders). Each sample is scored as {@code TabularBenchmark} scores it:
 * TSTR ratio and tree-detection AUC against the held-back half, column shapes against the training
 * half. The copula fitted on the same training part and fresh real (a quarter against a quarter)
 * are scored beside. Per seed the means over the K samples; at the end each variant's mean ± sd
 * over seeds and its paired difference from the default (schema order, calibrated) with its
 * standard error.
 *
 * <p>Run: {@code mvn -B -pl runtime/train -am -Pbenchmark test-compile exec:exec
 * -Dbenchmark.class=io.github.syntheticpatients.runtime.train.ArgnOrderProbe "-Dbenchmark.args=pbc
 * status stage 10 0 4"} (dataset, target, sensitive column, seeds, first seed's offset from
 * 20251123, samples per network, then training options as key=value). Each variant's first sample
 * also goes through the benchmark's privacy gate (the training half as members, the held-back half
 * as non-members), with the distance attack's AUC split by the members' part of the training job's
 * split: the rows fitted, the validation rows, and the job's own holdout, which the generator never
 * saw (an AUC above 0.5 there is the split's doing, not the generator's).
 */
public final class ArgnOrderProbe {
  private static final long FIRST_SEED = 20251123L;

  private ArgnOrderProbe() {}

  public static void main(String[] arguments) {
    String[] args = String.join(" ", arguments).trim().split("\\s+");
    String dataset = args[0];
    String target = args[1];
    String sensitive = args[2];
    int seeds = Integer.parseInt(args[3]);
    int offset = Integer.parseInt(args[4]);
    int samples = Integer.parseInt(args[5]);
    Map<String, String> options = new LinkedHashMap<>();
    for (int i = 6; i < args.length; i++) {
      String[] option = args[i].split("=", 2);
      options.put(option[0], option[1]);
    }
    Table all = EvaluationBenchmark.load(dataset);
    all = new Table(all.schema().withTarget(target), columns(all));
    Map<String, List<double[]>> results = new LinkedHashMap<>();
    System.out.println(
        "| seed | variant | TSTR ratio | tree AUC | shapes | gate (first sample) | distance MIA AUC:"
            + " all members (as the gate computed it, recomputed in row order) / fitted / validation / job holdout | DOMIAS AUC |");
    System.out.println("|---|---|---|---|---|---|---|---|");
    Map<String, Integer> refusals = new LinkedHashMap<>();
    for (int s = offset; s < offset + seeds; s++) {
      long seed = FIRST_SEED + s;
      long trainSeed = s == 0 ? TrainSettings.DEFAULT_SEED : seed;
      EvaluationBenchmark.Split split = EvaluationBenchmark.split(all, seed);
      Table half = split.train();
      Table heldBack = split.holdout();
      DataSplit job =
          DataSplit.of(
              half.rowCount(),
              TrainingOptions.defaultHoldoutFraction(half.rowCount()),
              0.2,
              trainSeed);
      Table train = half.selectRows(job.train());
      Table validation = half.selectRows(job.validation());
      TrainSettings settings = TrainSettings.defaults().withGenerator("argn").withSeed(trainSeed);
      for (Map.Entry<String, String> option : options.entrySet()) {
        settings = settings.withOption(option.getKey(), option.getValue());
      }
      settings = settings.withOption(ArgnFitting.CALIBRATE, "0");
      Candidate candidate =
          ArgnFitting.fit(
              settings, ValueProtection.DEFAULT_K, train, validation, TrainingListener.NONE);
      ArgnModel model = candidate.contents("", Map.of(), Map.of(), Map.of(), Map.of()).argn();
      ArgnEncoding encoding = model.encoding();
      MarginalCalibration.Calibrated calibrated =
          MarginalCalibration.calibrate(
              model.network(),
              encoding.encode(train),
              encoding.encode(validation),
              ArgnFitting.valueHeads(encoding),
              ArgnFitting.DEFAULT_CALIBRATION_ROUNDS,
              trainSeed ^ 0x63616c6962L);
      int targetColumn = encoding.columnNamed(target);
      int rows = half.rowCount();
      Map<String, Table[]> variants = new LinkedHashMap<>();
      for (int k = 0; k < samples; k++) {
        long stream = seed + 7 + 1000L * k;
        put(
            variants,
            "calibrated, schema order",
            k,
            samples,
            sample(model, calibrated.network(), schema(encoding), rows, stream));
        put(
            variants,
            "calibrated, target last",
            k,
            samples,
            sample(model, calibrated.network(), last(encoding, targetColumn), rows, stream));
        put(
            variants,
            "calibrated, random orders",
            k,
            samples,
            sample(model, calibrated.network(), null, rows, stream));
        put(
            variants,
            "trained, schema order",
            k,
            samples,
            sample(model, model.network(), schema(encoding), rows, stream));
        put(
            variants,
            "trained, target last",
            k,
            samples,
            sample(model, model.network(), last(encoding, targetColumn), rows, stream));
        put(
            variants,
            "trained, random orders",
            k,
            samples,
            sample(model, model.network(), null, rows, stream));
      }
      GaussianCopula copula = GaussianCopulaFitter.fit(train, ValueProtection.DEFAULT_K);
      for (int k = 0; k < samples; k++) {
        put(
            variants,
            "copula",
            k,
            samples,
            copula.sample(rows, RandomStream.of(seed + 7 + 1000L * k)));
      }
      for (Map.Entry<String, Table[]> variant : variants.entrySet()) {
        double[] means = new double[3];
        for (Table synthetic : variant.getValue()) {
          double[] m = score(half, heldBack, synthetic, target, seed);
          for (int i = 0; i < 3; i++) {
            means[i] += m[i] / samples;
          }
        }
        String gate =
            gate(
                half,
                heldBack,
                variant.getValue()[0],
                target,
                sensitive,
                seed,
                job,
                refusals,
                variant.getKey());
        report(
            results,
            seed,
            variant.getKey()
                + (variant.getKey().equals("copula") ? "" : " (round " + calibrated.round() + ")"),
            variant.getKey(),
            means,
            gate);
      }
      EvaluationBenchmark.Split fresh = EvaluationBenchmark.split(heldBack, seed + 2);
      double[] real =
          new double[] {
            Utility.tstr(half, fresh.holdout(), fresh.train(), target, seed).ratio(),
            TreeDetection.auc(fresh.holdout(), fresh.train(), seed),
            QualityReport.compute(half, fresh.train()).columnShapes()
          };
      String gate =
          gate(
              half,
              fresh.holdout(),
              fresh.train(),
              target,
              sensitive,
              seed,
              job,
              refusals,
              "fresh real");
      report(results, seed, "fresh real (¼ vs ¼)", "fresh real", real, gate);
    }
    summary(results);
    System.out.println();
    System.out.println("Gate refusals (first sample of each seed): " + refusals);
  }

  /**
   * The benchmark's gate on one sample (the training half as members, {@code heldBack} as
   * non-members) and the distance attack's AUC over the members the generator fitted, the
   * validation rows it stopped by, and the job's own holdout rows it never saw.
   */
  private static String gate(
      Table half,
      Table heldBack,
      Table synthetic,
      String target,
      String sensitive,
      long seed,
      DataSplit job,
      Map<String, Integer> refusals,
      String key) {
    EvaluationReport r =
        EvaluationReport.compute(
            half, heldBack, synthetic, target, sensitive, GateSettings.defaults(), seed);
    refusals.merge(key, r.privacyPassed() ? 0 : 1, Integer::sum);
    String failed =
        r.gate().failures().stream()
            .map(c -> c.id() + " " + c.name())
            .collect(java.util.stream.Collectors.joining(", "));
    MembershipAttacks.Attack distance = r.privacy().distanceAttack();
    MembershipAttacks.Attack density = r.privacy().densityAttack();
    String parts = "n/a";
    if (distance != null) {
      // The gate scores a permutation of the members: recompute each member's and non-member's
      // distance in row order (the same distance, over all synthetic rows).
      double[] members = negate(RowDistances.nearestSynthetic(half, half, synthetic));
      double[] nonMembers = negate(RowDistances.nearestSynthetic(half, heldBack, synthetic));
      parts =
          String.format(
              Locale.ROOT,
              "%.3f (recomputed %.3f) / %.3f / %.3f / %.3f",
              distance.auc(),
              auc(members, nonMembers),
              auc(pick(members, job.train()), nonMembers),
              auc(pick(members, job.validation()), nonMembers),
              auc(pick(members, job.holdout()), nonMembers));
    }
    return String.format(
        Locale.ROOT,
        "%s | %s | %s",
        r.privacyPassed() ? "pass" : "FAIL " + failed,
        parts,
        density == null ? "n/a" : String.format(Locale.ROOT, "%.3f", density.auc()));
  }

  private static double[] negate(double[] values) {
    double[] out = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = -values[i];
    }
    return out;
  }

  private static double[] pick(double[] values, int[] rows) {
    double[] out = new double[rows.length];
    for (int i = 0; i < rows.length; i++) {
      out[i] = values[rows[i]];
    }
    return out;
  }

  /** P(member score > non-member score), ties counted one half. */
  private static double auc(double[] members, double[] nonMembers) {
    double wins = 0;
    for (double m : members) {
      for (double h : nonMembers) {
        wins += m > h ? 1 : m == h ? 0.5 : 0;
      }
    }
    return wins / ((double) members.length * nonMembers.length);
  }

  private static void put(
      Map<String, Table[]> variants, String name, int k, int samples, Table table) {
    variants.computeIfAbsent(name, n -> new Table[samples])[k] = table;
  }

  private static void report(
      Map<String, List<double[]>> results,
      long seed,
      String label,
      String key,
      double[] m,
      String gate) {
    results.computeIfAbsent(key, k -> new ArrayList<>()).add(m);
    System.out.printf(
        Locale.ROOT,
        "| %d | %s | %.4f | %.4f | %.4f | %s |%n",
        seed,
        label,
        m[0],
        m[1],
        m[2],
        gate);
  }

  /** Each variant's mean ± sd over seeds, and its paired difference from the first variant. */
  private static void summary(Map<String, List<double[]>> results) {
    String[] names = {"TSTR ratio", "tree AUC", "shapes"};
    List<double[]> base = results.values().iterator().next();
    System.out.println();
    System.out.println(
        "| variant | TSTR ratio | tree AUC | shapes | Δ TSTR ± se | Δ tree ± se | Δ shapes ± se |");
    System.out.println("|---|---|---|---|---|---|---|");
    for (Map.Entry<String, List<double[]>> e : results.entrySet()) {
      StringBuilder row = new StringBuilder("| " + e.getKey() + " |");
      List<double[]> v = e.getValue();
      for (int i = 0; i < names.length; i++) {
        double[] x = column(v, i);
        row.append(String.format(Locale.ROOT, " %.4f ± %.4f |", mean(x), sd(x)));
      }
      for (int i = 0; i < names.length; i++) {
        double[] d = new double[v.size()];
        for (int s = 0; s < d.length; s++) {
          d[s] = v.get(s)[i] - base.get(s)[i];
        }
        row.append(
            String.format(Locale.ROOT, " %+.4f ± %.4f |", mean(d), sd(d) / Math.sqrt(d.length)));
      }
      System.out.println(row);
    }
  }

  private static double[] score(
      Table half, Table heldBack, Table synthetic, String target, long seed) {
    return new double[] {
      Utility.tstr(half, heldBack, synthetic, target, seed).ratio(),
      TreeDetection.auc(heldBack, synthetic, seed),
      QualityReport.compute(half, synthetic).columnShapes()
    };
  }

  /** The sub-columns in the schema's order. */
  private static int[] schema(ArgnEncoding encoding) {
    int[] order = new int[encoding.width()];
    Arrays.setAll(order, i -> i);
    return order;
  }

  /** The sub-columns in the schema's order with column {@code c}'s moved to the end. */
  private static int[] last(ArgnEncoding encoding, int c) {
    int first = encoding.firstSubColumn(c);
    int count = encoding.columns().get(c).subColumns();
    int[] order = new int[encoding.width()];
    int next = 0;
    for (int j = 0; j < encoding.width(); j++) {
      if (j < first || j >= first + count) {
        order[next++] = j;
      }
    }
    for (int j = first; j < first + count; j++) {
      order[next++] = j;
    }
    return order;
  }

  /** A random column order (sub-columns kept together, in order). */
  private static int[] random(ArgnEncoding encoding, SplittableRandom random) {
    int columns = encoding.columns().size();
    int[] perm = new int[columns];
    Arrays.setAll(perm, i -> i);
    for (int i = columns - 1; i > 0; i--) {
      int k = random.nextInt(i + 1);
      int t = perm[i];
      perm[i] = perm[k];
      perm[k] = t;
    }
    int[] order = new int[encoding.width()];
    int next = 0;
    for (int c : perm) {
      int first = encoding.firstSubColumn(c);
      for (int j = first; j < first + encoding.columns().get(c).subColumns(); j++) {
        order[next++] = j;
      }
    }
    return order;
  }

  /** {@code rows} rows of {@code network} in {@code order} (null: a random order per 16 rows). */
  private static Table sample(
      ArgnModel model, ArgnNetwork network, int[] order, int rows, long seed) {
    ArgnEncoding encoding = model.encoding();
    int width = network.heads();
    ChainSampler chain = new ChainSampler(network);
    ChainSampler.BlockScratch scratch = chain.blockScratch();
    RandomStream random = RandomStream.of(seed);
    SplittableRandom orders = new SplittableRandom(seed);
    int[] codes = new int[rows * width];
    int step = order == null ? 16 : ChainSampler.BLOCK_ROWS;
    for (int first = 0; first < rows; first += step) {
      int block = Math.min(step, rows - first);
      int[] o = order == null ? random(encoding, orders) : order;
      chain.sampleBlock(o, codes, first * width, block, null, null, random, scratch);
    }
    return encoding.decode(codes, rows, RandomStream.of(seed + 1));
  }

  private static double[] column(List<double[]> values, int i) {
    return values.stream().mapToDouble(v -> v[i]).toArray();
  }

  private static double mean(double[] x) {
    return Arrays.stream(x).average().orElse(Double.NaN);
  }

  private static double sd(double[] x) {
    if (x.length < 2) {
      return 0;
    }
    double m = mean(x);
    double s = 0;
    for (double v : x) {
      s += (v - m) * (v - m);
    }
    return Math.sqrt(s / (x.length - 1));
  }

  private static double[][] columns(Table table) {
    double[][] columns = new double[table.columnCount()][];
    for (int c = 0; c < columns.length; c++) {
      columns[c] = table.column(c);
    }
    return columns;
  }
}
