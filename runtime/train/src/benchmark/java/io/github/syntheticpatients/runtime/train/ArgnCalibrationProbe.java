package io.github.syntheticpatients.runtime.train;

import io.github.syntheticpatients.runtime.TrainSettings;
import io.github.syntheticpatients.runtime.TrainingListener;
import io.github.syntheticpatients.runtime.argn.MarginalCalibration;
import io.github.syntheticpatients.runtime.data.Table;
import io.github.syntheticpatients.runtime.encode.ArgnColumn;
import io.github.syntheticpatients.runtime.eval.EvaluationBenchmark;
import io.github.syntheticpatients.runtime.eval.fidelity.FidelityMetrics;
import io.github.syntheticpatients.runtime.model.argn.ArgnEncoding;
import io.github.syntheticpatients.runtime.model.argn.ArgnModel;
import io.github.syntheticpatients.runtime.model.argn.ArgnNetwork;
import io.github.syntheticpatients.runtime.model.argn.ChainSampler;
import io.github.syntheticpatients.runtime.random.RandomStream;
import io.github.syntheticpatients.runtime.schema.ValueProtection;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

/**
 * What each round of argn's calibration of its marginals does to the column shapes (issue 19,
 * nafld1's shapes; not run by the tests). Trains argn once, uncalibrated, on {@code
 * TabularBenchmark}'s training half of seed 20251123 (its last tenth as validation); applies 0 to 4
 * rounds of {@link MarginalCalibration} to that network (the rounds training would apply, same
 * seed); prints the validation rows' loss in the schema's order for each, and each learned column's
 * shape (KS or TV complement) against the held-back half for 200,000 rows sampled from each; the
 * last column redraws every numeric value's within-bin position from the training rows' shares
 * given its bin (what a perfect within-bin marginal would give).
 *
 * <p>Run: {@code mvn -B -pl runtime/train -am -Pbenchmark test-compile exec:exec
 * -Dbenchmark.class=io.github.syntheticpatients.runtime.train.ArgnCalibrationProbe
 * "-Dbenchmark.args=nafld1 status"} (dataset, target, then training options as key=value).
 */
public final class ArgnCalibrationProbe {
  private static final int ROWS = 200_000;

  private ArgnCalibrationProbe() {}

  public static void main(String[] arguments) {
    String[] args = String.join(" ", arguments).trim().split("\\s+");
    long seed = 20251123L;
    Table all = EvaluationBenchmark.load(args[0]);
    all = new Table(all.schema().withTarget(args[1]), columns(all));
    EvaluationBenchmark.Split split = EvaluationBenchmark.split(all, seed);
    Table half = split.train();
    Table heldBack = split.holdout();
    int fit = half.rowCount() * 9 / 10;
    Table train = half.selectRows(range(0, fit));
    Table validation = half.selectRows(range(fit, half.rowCount()));
    TrainSettings settings = TrainSettings.defaults().withGenerator("argn");
    for (int i = 2; i < args.length; i++) {
      String[] option = args[i].split("=", 2);
      settings = settings.withOption(option[0], option[1]);
    }
    settings = settings.withOption("argnCalibrate", "0");
    Candidate candidate =
        ArgnFitting.fit(
            settings, ValueProtection.DEFAULT_K, train, validation, TrainingListener.NONE);
    ArgnModel model = candidate.contents("", Map.of(), Map.of(), Map.of(), Map.of()).argn();
    ArgnEncoding encoding = model.encoding();
    int[] codes = encoding.encode(train);
    int[] validationCodes = encoding.encode(validation);
    boolean[] heads = ArgnFitting.valueHeads(encoding);
    int rounds = 4;
    ArgnNetwork[] networks = new ArgnNetwork[rounds + 1];
    StringBuilder header = new StringBuilder("| column |");
    StringBuilder loss = new StringBuilder("| validation NLL |");
    for (int r = 0; r <= rounds; r++) {
      networks[r] =
          MarginalCalibration.calibrate(
                  model.network(), codes, new int[0], heads, r, settings.seed() ^ 0x63616c6962L)
              .network();
      header.append(" round ").append(r).append(" |");
      loss.append(String.format(Locale.ROOT, " %.5f |", nll(networks[r], validationCodes)));
    }
    header.append(" round ").append(rounds).append(", true positions |");
    System.out.println(header);
    System.out.println(loss);
    Table[] samples = new Table[rounds + 1];
    int[][] sampled = new int[rounds + 1][];
    for (int r = 0; r <= rounds; r++) {
      sampled[r] = sample(networks[r], ROWS, RandomStream.of(seed));
      samples[r] = encoding.decode(sampled[r], ROWS, RandomStream.of(seed + 1));
    }
    Table oracle =
        truePositions(
            encoding, sampled[rounds], codes, train.rowCount(), RandomStream.of(seed + 2));
    double[] sums = new double[rounds + 2];
    int n = 0;
    for (ArgnColumn column : encoding.columns()) {
      if (column.kind() == ArgnColumn.Kind.WITHHELD) {
        continue;
      }
      StringBuilder row = new StringBuilder("| " + column.name() + " |");
      for (int r = 0; r <= rounds + 1; r++) {
        Table table = r <= rounds ? samples[r] : oracle;
        double score = shape(column, heldBack, table);
        sums[r] += score;
        row.append(String.format(Locale.ROOT, " %.4f |", score));
      }
      n++;
      System.out.println(row);
    }
    StringBuilder mean = new StringBuilder("| mean vs held-back |");
    for (double s : sums) {
      mean.append(String.format(Locale.ROOT, " %.4f |", s / n));
    }
    System.out.println(mean);
  }

  private static double shape(ArgnColumn column, Table real, Table synthetic) {
    double[] r = real.column(column.name());
    double[] s = synthetic.column(column.name());
    return column.kind() == ArgnColumn.Kind.NUMERIC
        ? FidelityMetrics.ksComplement(r, s)
        : FidelityMetrics.tvComplement(r, s);
  }

  /** The sample with each numeric position redrawn from the training rows' shares given the bin. */
  private static Table truePositions(
      ArgnEncoding encoding, int[] sampled, int[] real, int realRows, RandomStream random) {
    int width = encoding.width();
    int[] codes = sampled.clone();
    for (int c = 0; c < encoding.columns().size(); c++) {
      ArgnColumn column = encoding.columns().get(c);
      if (column.kind() != ArgnColumn.Kind.NUMERIC) {
        continue;
      }
      int b = encoding.firstSubColumn(c);
      double[][] positionShare = new double[column.vocabulary(0)][column.vocabulary(1)];
      for (int r = 0; r < realRows; r++) {
        positionShare[real[r * width + b]][real[r * width + b + 1]]++;
      }
      for (int r = 0; r < ROWS; r++) {
        codes[r * width + b + 1] = draw(positionShare[codes[r * width + b]], random);
      }
    }
    return encoding.decode(codes, ROWS, RandomStream.of(20251124L));
  }

  private static double nll(ArgnNetwork network, int[] codes) {
    int width = network.heads();
    int[] order = new int[width];
    Arrays.setAll(order, i -> i);
    ChainSampler chain = new ChainSampler(network);
    double sum = 0;
    for (int r = 0; r < codes.length / width; r++) {
      sum -= chain.logProbability(order, codes, r * width);
    }
    return sum / (codes.length / width);
  }

  private static double[][] columns(Table table) {
    double[][] columns = new double[table.columnCount()][];
    for (int c = 0; c < columns.length; c++) {
      columns[c] = table.column(c);
    }
    return columns;
  }

  private static int draw(double[] counts, RandomStream random) {
    double total = 0;
    for (double v : counts) {
      total += v;
    }
    double u = random.nextDouble() * total;
    for (int i = 0; i < counts.length; i++) {
      u -= counts[i];
      if (u < 0) {
        return i;
      }
    }
    return counts.length - 1;
  }

  private static int[] sample(ArgnNetwork network, int rows, RandomStream random) {
    int width = network.heads();
    ChainSampler chain = new ChainSampler(network);
    ChainSampler.BlockScratch scratch = chain.blockScratch();
    int[] order = new int[width];
    Arrays.setAll(order, i -> i);
    int[] codes = new int[rows * width];
    for (int first = 0; first < rows; first += ChainSampler.BLOCK_ROWS) {
      int block = Math.min(ChainSampler.BLOCK_ROWS, rows - first);
      chain.sampleBlock(order, codes, first * width, block, null, null, random, scratch);
    }
    return codes;
  }

  private static int[] range(int from, int to) {
    int[] rows = new int[to - from];
    Arrays.setAll(rows, i -> from + i);
    return rows;
  }
}
