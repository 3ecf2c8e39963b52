package io.github.syntheticpatients.runtime.train;

import io.github.syntheticpatients.runtime.data.Timelines;
import io.github.syntheticpatients.runtime.eval.TimelineFixtures;
import io.github.syntheticpatients.runtime.io.csv.CsvOptions;
import io.github.syntheticpatients.runtime.io.csv.TimelineReader;
import io.github.syntheticpatients.runtime.model.argn.timeline.VisitLayout;
import io.github.syntheticpatients.runtime.sampling.Schemas;
import io.github.syntheticpatients.runtime.schema.ProtectedValues;
import io.github.syntheticpatients.runtime.schema.TableSchema;
import io.github.syntheticpatients.runtime.schema.ValueProtection;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Prints, per split of {@code LongitudinalBenchmark}, what value protection leaves the timeline
 * argn on the training part the job fits on: visit counts and the protected longest timeline, the
 * time column's protected upper bound, the protected range of the gaps, first times and tails, next
 * to the raw values (a diagnosis of issue 20's short cgd timelines; not run by the tests).
 *
 * <p>Run: {@code mvn -B -o -pl runtime/core,runtime/eval,runtime/train -am -Pbenchmark test-compile
 * exec:exec -Dbenchmark.class=io.github.syntheticpatients.runtime.train.TimelineBoundsProbe
 * "-Dbenchmark.args=cgd id tstart 10"}.
 */
public final class TimelineBoundsProbe {
  private TimelineBoundsProbe() {}

  public static void main(String[] arguments) throws URISyntaxException {
    // exec:exec passes benchmark.args as one argument
    String[] args = String.join(" ", arguments).trim().split("\\s+");
    String name = args.length > 0 ? args[0] : "cgd";
    String id = args.length > 1 ? args[1] : "id";
    String time = args.length > 2 ? args[2] : "tstart";
    int splits = args.length > 3 ? Integer.parseInt(args[3]) : 10;
    int k = ValueProtection.DEFAULT_K;
    Timelines all = TimelineFixtures.load(name, id, time);
    Path csv = Path.of(TimelineBoundsProbe.class.getResource("/data/" + name + ".csv").toURI());
    Timelines raw = Timelines.of(Schemas.readTimelines(csv, Schemas.infer(csv, id, time)));
    Map<String, Integer> index = new LinkedHashMap<>();
    for (int p = 0; p < raw.patientCount(); p++) {
      index.put(raw.id(p), p);
    }
    for (int s = 0; s < splits; s++) {
      long seed = 20251123L + 1000L * s;
      Timelines half = TimelineFixtures.split(all, 0.5, seed)[0];
      int[] same = new int[half.patientCount()];
      for (int p = 0; p < same.length; p++) {
        same[p] = index.get(half.id(p));
      }
      Timelines rawHalf = raw.selectPatients(same);
      if (args.length > 4 + s) {
        // The benchmark's own training CSV of this split, read as the training job reads it.
        Path written = Path.of(args[4 + s]);
        TableSchema schema = TableSchema.of(Schemas.infer(written, id, time, k, List.of()));
        rawHalf = TimelineReader.read(written, schema, CsvOptions.defaults());
      }
      int n = rawHalf.patientCount();
      DataSplit split = DataSplit.of(n, TrainingOptions.defaultHoldoutFraction(n), 0.2, seed);
      Timelines train = rawHalf.selectPatients(split.train());
      System.out.printf(
          Locale.ROOT,
          "split %d: half %d patients, train %d, validation %d, holdout %d%n",
          s + 1,
          n,
          train.patientCount(),
          split.validation().length,
          split.holdout().length);
      describe("  half ", rawHalf, k);
      describe("  train", train, k);
      Timelines fitPart = rawHalf.selectPatients(concat(split.train(), split.validation()));
      describe("  t+val", fitPart, k);
    }
  }

  private static int[] concat(int[] a, int[] b) {
    int[] all = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    Arrays.sort(all);
    return all;
  }

  private static void describe(String label, Timelines t, int k) {
    int[] counts = t.visitCounts();
    int[] histogram = new int[Arrays.stream(counts).max().orElse(0) + 1];
    for (int c : counts) {
      histogram[c]++;
    }
    double[] countValues = Arrays.stream(counts).asDoubleStream().toArray();
    ProtectedValues maxVisits = ProtectedValues.of(countValues, k);
    double[] times = t.visits().column(t.schema().time());
    ProtectedValues timeBound = ProtectedValues.of(times, k);
    VisitLayout layout = VisitLayout.of(t.schema());
    double[] gaps = layout.visitTable(t, Integer.MAX_VALUE).column(layout.gapColumn());
    double[] presentGaps = Arrays.stream(gaps).filter(g -> !Double.isNaN(g)).sorted().toArray();
    ProtectedValues gapBound = ProtectedValues.of(gaps, k);
    // Last visit times per patient with at least 2 visits.
    double[] lastTimes =
        java.util.stream.IntStream.range(0, t.patientCount())
            .filter(p -> t.visitCount(p) >= 2)
            .mapToDouble(p -> times[t.firstRow(p) + t.visitCount(p) - 1])
            .sorted()
            .toArray();
    System.out.printf(
        Locale.ROOT,
        "%s: counts %s -> maxVisits %s; times max %.0f, protected high %s; gaps n=%d raw %s;"
            + " protected [%s, %s]; last times (>=2 visits) %s%n",
        label,
        Arrays.toString(histogram),
        maxVisits.withheld() ? "withheld" : String.valueOf((int) maxVisits.high()),
        Arrays.stream(times).max().orElse(Double.NaN),
        timeBound.withheld() ? "withheld" : String.format(Locale.ROOT, "%.0f", timeBound.high()),
        presentGaps.length,
        Arrays.toString(Arrays.stream(presentGaps).mapToLong(Math::round).toArray()),
        gapBound.withheld() ? "-" : String.format(Locale.ROOT, "%.0f", gapBound.low()),
        gapBound.withheld() ? "-" : String.format(Locale.ROOT, "%.0f", gapBound.high()),
        Arrays.toString(Arrays.stream(lastTimes).mapToLong(Math::round).toArray()));
  }
}
