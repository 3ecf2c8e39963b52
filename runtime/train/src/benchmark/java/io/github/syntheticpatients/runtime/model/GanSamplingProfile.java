package io.github.syntheticpatients.runtime.model;

import io.github.syntheticpatients.runtime.SampleRequest;
import io.github.syntheticpatients.runtime.SyntheticModel;
import io.github.syntheticpatients.runtime.TableView;
import io.github.syntheticpatients.runtime.data.Table;
import io.github.syntheticpatients.runtime.encode.OutputBlock;
import io.github.syntheticpatients.runtime.encode.TableEncoder;
import io.github.syntheticpatients.runtime.io.json.JsonTrees;
import io.github.syntheticpatients.runtime.io.json.SchemaJson;
import io.github.syntheticpatients.runtime.random.RandomStream;
import io.github.syntheticpatients.runtime.sampling.ModelLoader;
import io.github.syntheticpatients.runtime.schema.TableSchema;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.function.LongSupplier;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Where the plain-Java sampling of a trained CTGAN spends its time (not a test): 100,000 rows on
 * one thread (a one-thread fork-join pool, so the sampler's parallel chunks run on the timed
 * thread), best thread CPU of reps 4–8 for each stage and end to end.
 *
 * <ul>
 *   <li>{@code request}: {@code SyntheticModel.sample} of 100,000 records, what a user calls (block
 *       streams, the row sampler, the table and its records);
 *   <li>{@code sampler}: {@code GanRowSampler.sample} of 100,000 rows (chunks, heads, decoding);
 *   <li>{@code gaussians}: the latent's standard-normal draws alone ({@code RandomStream}), as many
 *       as the inputs stage draws;
 *   <li>{@code inputs}: the inputs stage (latent draws and the conditional vector) of 196 chunks of
 *       512 rows, so inputs − gaussians is the condition vectors and the array writes;
 *   <li>{@code forward}: {@code MlpNetwork.forward} on those chunks;
 *   <li>{@code heads}: the output heads (tanh, softmax draws) on the forward pass's outputs;
 *   <li>{@code decode}: {@code TableEncoder.decode} of the activated rows.
 * </ul>
 *
 * <p>Run: {@code java -XX:ActiveProcessorCount=1 -cp CP
 * io.github.syntheticpatients.runtime.model.GanSamplingProfile MODEL.synth [forward]}. It prints
 * the network's shape, each stage's time and digests of the sampled values, so two builds can be
 * compared for speed and bits; with {@code forward}, only the forward pass's time and a hash of its
 * outputs.
 */
public final class GanSamplingProfile {
  private static final int ROWS = 100_000;
  private static final int CHUNK = 512;
  private static final int REPS = 8;
  private static final int WARMUP = 3;

  private GanSamplingProfile() {}

  public static void main(String[] args) throws IOException, InterruptedException {
    Path file = Path.of(args[0]);
    boolean forwardOnly = args.length > 1 && args[1].equals("forward");
    ForkJoinPool one = new ForkJoinPool(1);
    try {
      one.submit(() -> forwardOnly ? forward(file) : profile(file)).get();
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    } finally {
      one.shutdown();
    }
  }

  private static Void profile(Path file) throws IOException {
    GanRowSampler sampler = read(file);
    SyntheticModel model = ModelLoader.load(file.toString());
    MlpNetwork network = sampler.generator().network();
    List<DenseLayer> layers = network.layers();
    StringBuilder shape = new StringBuilder();
    for (DenseLayer layer : layers) {
      shape
          .append(shape.length() == 0 ? "" : ", ")
          .append(layer.in())
          .append("→")
          .append(layer.out());
    }
    int scalars = 0;
    int softmaxBlocks = 0;
    int softmaxWidth = 0;
    for (OutputBlock block : sampler.encoder().layout().blocks()) {
      if (block.kind() == OutputBlock.Kind.SCALAR) {
        scalars++;
      } else {
        softmaxBlocks++;
        softmaxWidth += block.width();
      }
    }
    System.out.printf(
        Locale.ROOT,
        "%s: latent %d, condition %d, layers %s; outputs: %d scalars, %d softmax blocks (%d wide)"
            + "; load %.1f%n",
        file.getFileName(),
        sampler.generator().latentDim(),
        sampler.generator().conditionWidth(),
        shape,
        scalars,
        softmaxBlocks,
        softmaxWidth,
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());

    int chunks = (ROWS + CHUNK - 1) / CHUNK;
    float[][] inputs = new float[chunks][];
    float[][] raws = new float[chunks][];
    int width = sampler.encoder().layout().width();
    float[] activated = new float[ROWS * width];
    Map<String, Double> best = new HashMap<>();
    int gaussians = ROWS * sampler.generator().latentDim();
    double[] sink = new double[1];
    for (int rep = 0; rep < REPS; rep++) {
      long seed = rep;
      time(
          best,
          rep,
          "request",
          () -> model.sample(SampleRequest.of(ROWS, seed)).table().rowCount());
      time(
          best,
          rep,
          "sampler",
          () -> sampler.sample(ROWS, Map.of(), RandomStream.of(seed)).rowCount());
      time(
          best,
          rep,
          "gaussians",
          () -> {
            RandomStream random = RandomStream.of(seed);
            double sum = 0;
            for (int i = 0; i < gaussians; i++) {
              sum += random.nextGaussian();
            }
            sink[0] += sum;
            return gaussians;
          });
      RandomStream[] streams = new RandomStream[chunks];
      RandomStream parent = RandomStream.of(seed);
      for (int c = 0; c < chunks; c++) {
        streams[c] = parent.split();
      }
      time(
          best,
          rep,
          "inputs",
          () -> {
            for (int c = 0; c < chunks; c++) {
              inputs[c] = sampler.drawInputs(rows(c), null, -1, streams[c]);
            }
            return chunks;
          });
      time(
          best,
          rep,
          "forward",
          () -> {
            for (int c = 0; c < chunks; c++) {
              raws[c] = network.forward(inputs[c], rows(c));
            }
            return chunks;
          });
      time(
          best,
          rep,
          "heads",
          () -> {
            java.util.Arrays.fill(activated, 0f);
            for (int c = 0; c < chunks; c++) {
              sampler.activate(
                  raws[c], rows(c), null, -1, streams[c], activated, c * CHUNK * width);
            }
            return chunks;
          });
      TableEncoder encoder = sampler.encoder();
      time(best, rep, "decode", () -> encoder.decode(activated, ROWS).rowCount());
    }
    double stages =
        best.get("inputs") + best.get("forward") + best.get("heads") + best.get("decode");
    System.out.printf(
        Locale.ROOT,
        "100,000 rows, best thread CPU of reps %d-%d: request %.3f s, sampler %.3f s; stages %.3f s ="
            + " inputs %.3f (of which latent Gaussians alone %.3f) + forward %.3f + heads %.3f +"
            + " decode %.3f; load %.1f (ignore %s)%n",
        WARMUP + 1,
        REPS,
        best.get("request"),
        best.get("sampler"),
        stages,
        best.get("inputs"),
        best.get("gaussians"),
        best.get("forward"),
        best.get("heads"),
        best.get("decode"),
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
        sink[0] == 0 ? "" : "-");
    System.out.printf(
        Locale.ROOT,
        "values SHA-256: sampler seed 100 %s, request seed 100 %s%n",
        digest(sampler.sample(ROWS, Map.of(), RandomStream.of(100))),
        digest(model.sample(SampleRequest.of(ROWS, 100)).table()));
    return null;
  }

  /** The forward stage alone, on the inputs of seed 0: best thread CPU of reps 4–8 and a hash. */
  private static Void forward(Path file) throws IOException {
    GanRowSampler sampler = read(file);
    MlpNetwork network = sampler.generator().network();
    int chunks = (ROWS + CHUNK - 1) / CHUNK;
    float[][] inputs = new float[chunks][];
    RandomStream parent = RandomStream.of(0);
    for (int c = 0; c < chunks; c++) {
      inputs[c] = sampler.drawInputs(rows(c), null, -1, parent.split());
    }
    Map<String, Double> best = new HashMap<>();
    int[] hash = {0};
    for (int rep = 0; rep < REPS; rep++) {
      time(
          best,
          rep,
          "forward",
          () -> {
            int h = 0;
            for (int c = 0; c < chunks; c++) {
              h = 31 * h + java.util.Arrays.hashCode(network.forward(inputs[c], rows(c)));
            }
            hash[0] = h;
            return chunks;
          });
    }
    System.out.printf(
        Locale.ROOT,
        "%s: forward pass of 100,000 rows %.3f s (best thread CPU of reps %d-%d), outputs hash %08x;"
            + " load %.1f%n",
        file.getFileName(),
        best.get("forward"),
        WARMUP + 1,
        REPS,
        hash[0],
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    return null;
  }

  private static int rows(int chunk) {
    return Math.min(CHUNK, ROWS - chunk * CHUNK);
  }

  private static void time(Map<String, Double> best, int rep, String stage, LongSupplier work) {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long start = threads.getCurrentThreadCpuTime();
    long result = work.getAsLong();
    double seconds = (threads.getCurrentThreadCpuTime() - start) / 1e9;
    if (result <= 0) {
      throw new IllegalStateException(stage + " produced nothing");
    }
    if (rep >= WARMUP) {
      best.merge(stage, seconds, Math::min);
    }
  }

  /** The row sampler of a CTGAN model file, read as {@code ModelFile.load} reads it. */
  private static GanRowSampler read(Path file) throws IOException {
    byte[] manifestBytes = null;
    byte[] weights = null;
    try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(file))) {
      ZipEntry entry;
      while ((entry = zip.getNextEntry()) != null) {
        if (entry.getName().equals(ModelFile.MODEL_ENTRY)) {
          manifestBytes = zip.readAllBytes();
        } else if (entry.getName().equals(ModelFile.WEIGHTS_ENTRY)) {
          weights = zip.readAllBytes();
        }
      }
    }
    if (manifestBytes == null || weights == null) {
      throw new IllegalArgumentException(file + " has no model.json or weights.bin");
    }
    Map<String, Object> manifest = JsonTrees.readObject(manifestBytes);
    @SuppressWarnings("unchecked")
    Map<String, Object> network = (Map<String, Object>) manifest.get("network");
    if (network == null) {
      throw new IllegalArgumentException(file + " is not a GAN model (no network)");
    }
    @SuppressWarnings("unchecked")
    TableSchema schema =
        SchemaJson.fromMap((Map<String, Object>) manifest.get("schema"), file.toString());
    @SuppressWarnings("unchecked")
    TableEncoder encoder =
        TableEncoder.fromState(schema, (Map<String, Object>) manifest.get("encoder"));
    GanGenerator gan =
        NetworkJson.read(network, WeightsFile.read(new ByteArrayInputStream(weights)));
    return new GanRowSampler(gan, encoder);
  }

  private static String digest(TableView table) {
    ByteBuffer bits = ByteBuffer.allocate(Long.BYTES * table.rowCount() * table.columnCount());
    for (int c = 0; c < table.columnCount(); c++) {
      for (int r = 0; r < table.rowCount(); r++) {
        bits.putLong(Double.doubleToRawLongBits(table.value(r, c)));
      }
    }
    try {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("SHA-256").digest(bits.array()))
          .substring(0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String digest(Table table) {
    ByteBuffer bits = ByteBuffer.allocate(Long.BYTES * table.rowCount() * table.columnCount());
    for (int c = 0; c < table.columnCount(); c++) {
      double[] column = table.column(c);
      for (int r = 0; r < table.rowCount(); r++) {
        bits.putLong(Double.doubleToRawLongBits(column[r]));
      }
    }
    try {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("SHA-256").digest(bits.array()))
          .substring(0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
