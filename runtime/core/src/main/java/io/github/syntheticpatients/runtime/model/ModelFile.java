package io.github.syntheticpatients.runtime.model;

import io.github.syntheticpatients.runtime.InvalidInputException;
import io.github.syntheticpatients.runtime.ModelFormatException;
import io.github.syntheticpatients.runtime.ModelInfo;
import io.github.syntheticpatients.runtime.SyntheticModel;
import io.github.syntheticpatients.runtime.SyntheticPatientsException;
import io.github.syntheticpatients.runtime.Versions;
import io.github.syntheticpatients.runtime.copula.GaussianCopula;
import io.github.syntheticpatients.runtime.encode.TableEncoder;
import io.github.syntheticpatients.runtime.encode.TimelineEncoder;
import io.github.syntheticpatients.runtime.internal.Sha256;
import io.github.syntheticpatients.runtime.io.AtomicFiles;
import io.github.syntheticpatients.runtime.io.json.JsonFiles;
import io.github.syntheticpatients.runtime.io.json.JsonTrees;
import io.github.syntheticpatients.runtime.io.json.SchemaJson;
import io.github.syntheticpatients.runtime.model.argn.timeline.TimelineArgn;
import io.github.syntheticpatients.runtime.schema.TableSchema;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * The portable model file ({@code *.synth}): a zip archive, documented in {@code
 * docs/model-format.md}, with
 *
 * <ul>
 *   <li>{@code model.json}: format name and version, kind, generator, summary, schema, encoder
 *       state, network architecture, copula state, training settings, provenance and evaluation;
 *   <li>{@code weights.bin}: the generator's weights in {@link WeightsFile}'s layout (GAN models);
 *   <li>{@code timing.json}: training wall time, the one entry that differs between two identical
 *       trainings;
 *   <li>{@code checksums.json}: the sha256 of each other entry, so a damaged or edited file is
 *       refused.
 * </ul>
 *
 * Entries are STORED (uncompressed) with a fixed timestamp, so the same contents give the same
 * bytes on every machine, whatever its zlib or time zone. No Java serialisation anywhere.
 *
 * <p>Reading is bounded before anything is allocated: a stored entry's size is checked on its
 * header against the entry's limit ({@link #MAX_MODEL_JSON_BYTES} for {@code model.json}) and its
 * bytes are in the file; compressed entries (a file re-zipped by another tool) expand to at most
 * {@link #MAX_COMPRESSED_BYTES} in all. A file without {@code checksums.json} (written before it
 * existed) still loads.
 */
public final class ModelFile {
  /** The file extension of model files. */
  public static final String EXTENSION = ".synth";

  /** Identifies our files in {@code model.json}. */
  public static final String FORMAT_NAME = "synthetic-patients-model";

  /** The format version this runtime writes and the newest it reads. */
  public static final int FORMAT_VERSION = 2;

  /** {@code kind} of models that generate one row per patient. */
  public static final String KIND_TABULAR = "tabular";

  /** {@code kind} of models that generate patient timelines (one row per visit). */
  public static final String KIND_LONGITUDINAL = "longitudinal";

  /**
   * The generators this runtime samples, by kind: a file naming another is refused rather than
   * sampled by whichever sampler its keys suggest. A new generator adds its name here.
   */
  private static final Map<String, Set<String>> GENERATORS =
      new TreeMap<>(
          Map.of(
              KIND_TABULAR,
              new TreeSet<>(Set.of("argn", "basic", "copula", "ctgan", "dp-vaegan")),
              KIND_LONGITUDINAL,
              new TreeSet<>(Set.of("argn", "dp-vaegan", "lstm-wgan"))));

  static final String MODEL_ENTRY = "model.json";
  static final String WEIGHTS_ENTRY = "weights.bin";
  static final String TIMING_ENTRY = "timing.json";
  static final String CHECKSUMS_ENTRY = "checksums.json";

  /**
   * Figures measured after training ({@link #withEvaluation}): a summary and {@code evaluation}
   * entries that the model's info shows over {@code model.json}'s. An entry of its own, so that
   * adding a card leaves {@code model.json}, and so the sampling streams ({@link #streamKey}), as
   * they were: the card's figures describe the records the file samples.
   */
  static final String CARD_ENTRY = "card.json";

  /** The largest {@code model.json} a runtime reads: ample for {@link #MAX_COLUMNS} columns. */
  public static final int MAX_MODEL_JSON_BYTES = 256 << 20;

  /** The largest {@code weights.bin} a runtime reads. */
  public static final int MAX_WEIGHTS_BYTES = 1 << 30;

  /** The most columns a model holds: its copula's correlation matrix grows with their square. */
  public static final int MAX_COLUMNS = 1_000;

  private static final int MAX_SMALL_ENTRY_BYTES = 1 << 20;

  /**
   * The most bytes all compressed entries together may expand to (model files store their entries).
   */
  public static final int MAX_COMPRESSED_BYTES = 64 << 20;

  /**
   * The largest model file a runtime reads: its entries at their limits, and room for the zip's own
   * records.
   */
  public static final int MAX_FILE_BYTES = MAX_MODEL_JSON_BYTES + MAX_WEIGHTS_BYTES + (4 << 20);

  private static final int MAX_ENTRIES = 16;
  private static final LocalDateTime ENTRY_TIME = LocalDateTime.of(2000, 1, 1, 0, 0);

  private ModelFile() {}

  /**
   * Refuses, before any training, a schema with more learned columns than a model file holds.
   *
   * @param source the file the schema came from (the training data or the schema file), for the
   *     message
   * @throws InvalidInputException naming the file, the column count and the fix
   */
  public static void requireColumnsFit(TableSchema schema, Path source) {
    int learned = schema.learnedColumns().size();
    if (learned > MAX_COLUMNS) {
      throw InvalidInputException.inFile(
          source,
          -1,
          null,
          "has "
              + learned
              + " columns to learn; a model holds at most "
              + MAX_COLUMNS
              + " (the correlation matrix"
              + " it stores grows with the square of the column count). Write a schema with synthetic:schema, set"
              + " \"drop\": true on the columns the synthetic data can do without, and train with"
              + " -Dsynthetic.schema=<that file>");
    }
  }

  /** The model file's bytes. */
  public static byte[] toBytes(ModelContents contents) {
    Map<String, Object> manifest = new LinkedHashMap<>();
    manifest.put("format", FORMAT_NAME);
    manifest.put("formatVersion", FORMAT_VERSION);
    manifest.put("kind", KIND_TABULAR);
    manifest.put("generator", contents.generator());
    manifest.put("summary", contents.summary());
    manifest.put("schema", SchemaJson.toMap(contents.schema()));
    if (contents.encoderState() != null) {
      manifest.put("encoder", contents.encoderState());
    }
    byte[] weights = null;
    if (contents.gan() != null) {
      manifest.put("network", NetworkJson.describe(contents.gan()));
      weights = WeightsFile.write(NetworkJson.tensors(contents.gan()));
    }
    if (contents.copulaState() != null) {
      manifest.put("copula", contents.copulaState());
    }
    if (contents.argn() != null) {
      manifest.put("argn", ArgnFiles.describe(contents.argn()));
      weights = WeightsFile.write(ArgnFiles.tensors(contents.argn()));
    }
    manifest.put("settings", contents.settings());
    manifest.put("provenance", contents.provenance());
    manifest.put("evaluation", contents.evaluation());

    return archive(JsonFiles.toBytes(manifest), weights, contents.timing(), Map.of());
  }

  /** The bytes of a longitudinal model file ({@code kind} {@value #KIND_LONGITUDINAL}). */
  public static byte[] toBytes(TimelineContents contents) {
    Map<String, Object> manifest = new LinkedHashMap<>();
    manifest.put("format", FORMAT_NAME);
    manifest.put("formatVersion", FORMAT_VERSION);
    manifest.put("kind", KIND_LONGITUDINAL);
    manifest.put("generator", contents.generator());
    manifest.put("summary", contents.summary());
    manifest.put("schema", SchemaJson.toMap(contents.encoder().schema()));
    manifest.put("encoder", contents.encoder().state());
    manifest.put("copula", contents.staticCopulaState());
    manifest.put("network", TimelineNetworkJson.describe(contents.network()));
    manifest.put("settings", contents.settings());
    manifest.put("provenance", contents.provenance());
    manifest.put("evaluation", contents.evaluation());
    byte[] weights = WeightsFile.write(TimelineNetworkJson.tensors(contents.network()));
    return archive(JsonFiles.toBytes(manifest), weights, contents.timing(), Map.of());
  }

  /** Writes a longitudinal model file atomically. */
  public static void write(TimelineContents contents, Path file) {
    AtomicFiles.write(file, toBytes(contents));
  }

  /**
   * The bytes of a longitudinal model file of the timeline {@code argn} ({@code kind} {@value
   * #KIND_LONGITUDINAL}, generator {@value ArgnTimelineContents#GENERATOR}).
   */
  public static byte[] toBytes(ArgnTimelineContents contents) {
    Map<String, Object> manifest = new LinkedHashMap<>();
    manifest.put("format", FORMAT_NAME);
    manifest.put("formatVersion", FORMAT_VERSION);
    manifest.put("kind", KIND_LONGITUDINAL);
    manifest.put("generator", ArgnTimelineContents.GENERATOR);
    manifest.put("summary", contents.summary());
    manifest.put("schema", SchemaJson.toMap(contents.model().layout().schema()));
    manifest.put(ArgnTimelineFiles.BLOCK, ArgnTimelineFiles.describe(contents.model()));
    manifest.put("settings", contents.settings());
    manifest.put("provenance", contents.provenance());
    manifest.put("evaluation", contents.evaluation());
    byte[] weights = WeightsFile.write(ArgnTimelineFiles.tensors(contents.model()));
    return archive(JsonFiles.toBytes(manifest), weights, contents.timing(), Map.of());
  }

  /** Writes a longitudinal model file of the timeline {@code argn} atomically. */
  public static void write(ArgnTimelineContents contents, Path file) {
    AtomicFiles.write(file, toBytes(contents));
  }

  /**
   * The bytes of a longitudinal model file of the fixed-length {@code dp-vaegan} ({@code kind}
   * {@value #KIND_LONGITUDINAL}, generator {@value VaeGanTimelineContents#GENERATOR}).
   */
  public static byte[] toBytes(VaeGanTimelineContents contents) {
    Map<String, Object> manifest = new LinkedHashMap<>();
    manifest.put("format", FORMAT_NAME);
    manifest.put("formatVersion", FORMAT_VERSION);
    manifest.put("kind", KIND_LONGITUDINAL);
    manifest.put("generator", VaeGanTimelineContents.GENERATOR);
    manifest.put("summary", contents.summary());
    manifest.put("schema", SchemaJson.toMap(contents.encoder().schema()));
    manifest.put("encoder", contents.encoder().state());
    manifest.put(
        SeriesVaeGanFiles.BLOCK,
        SeriesVaeGanFiles.describe(contents.decoder(), contents.labeler()));
    manifest.put("settings", contents.settings());
    manifest.put("provenance", contents.provenance());
    manifest.put("evaluation", contents.evaluation());
    byte[] weights =
        WeightsFile.write(SeriesVaeGanFiles.tensors(contents.decoder(), contents.labeler()));
    return archive(JsonFiles.toBytes(manifest), weights, contents.timing(), Map.of());
  }

  /** Writes a longitudinal {@code dp-vaegan} model file atomically. */
  public static void write(VaeGanTimelineContents contents, Path file) {
    AtomicFiles.write(file, toBytes(contents));
  }

  /**
   * The zip of a model's entries. {@code model.json} is passed as bytes, so a file rewritten after
   * training ({@link #withEvaluation}, {@link #withWeights}) keeps them exactly: they key its
   * sampling streams.
   */
  private static byte[] archive(
      byte[] manifest, byte[] weights, Map<String, Object> timing, Map<String, Object> card) {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    entries.put(MODEL_ENTRY, manifest);
    if (weights != null) {
      entries.put(WEIGHTS_ENTRY, weights);
    }
    entries.put(TIMING_ENTRY, JsonFiles.toBytes(timing));
    if (!card.isEmpty()) {
      entries.put(CARD_ENTRY, JsonFiles.toBytes(card));
    }
    Map<String, Object> checksums = new LinkedHashMap<>();
    entries.forEach((name, content) -> checksums.put(name, sha256(content)));
    entries.put(CHECKSUMS_ENTRY, JsonFiles.toBytes(Map.of("sha256", checksums)));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
        putStored(zip, entry.getKey(), entry.getValue());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** Writes the model file atomically (a temporary file beside it, then a move). */
  public static void write(ModelContents contents, Path file) {
    AtomicFiles.write(file, toBytes(contents));
  }

  /**
   * Reads a model file's bytes, refusing a file larger than {@link #MAX_FILE_BYTES} without reading
   * past that.
   *
   * @param source the file or resource name, for messages
   * @throws ModelFormatException when the file is larger than any model file
   */
  public static byte[] readBounded(InputStream in, String source) throws IOException {
    byte[] bytes = in.readNBytes(MAX_FILE_BYTES);
    if (bytes.length == MAX_FILE_BYTES && in.read() != -1) {
      throw new ModelFormatException(
          source, "it is larger than " + MAX_FILE_BYTES + " bytes, more than any model file holds");
    }
    return bytes;
  }

  /**
   * Reads only the manifest ({@code model.json}) of a model file, e.g. to compare its provenance.
   *
   * @throws ModelFormatException when the file is not a model
   */
  public static Map<String, Object> readManifest(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return entries(readBounded(in, file.toString()), file.toString()).manifest();
    }
  }

  /**
   * The model card's one-line summary of a model file, as {@link ModelInfo#summary()} gives it (the
   * card's over {@code model.json}'s), without loading the model.
   *
   * @throws ModelFormatException when the file is not a model
   */
  public static String readSummary(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return summary(entries(readBounded(in, file.toString()), file.toString()));
    }
  }

  /** The summary a reader shows: {@value #CARD_ENTRY}'s when the file has one. */
  private static String summary(Entries entries) {
    return String.valueOf(
        entries.card().getOrDefault("summary", entries.manifest().getOrDefault("summary", "")));
  }

  /**
   * Loads a model from its bytes.
   *
   * @param bytes the file's bytes
   * @param source the file or resource name, for messages
   * @param id the model's id
   * @throws ModelFormatException when the bytes are damaged, foreign or of a newer format
   */
  public static SyntheticModel load(byte[] bytes, String source, String id) {
    Entries entries = entries(bytes, source);
    Map<String, Object> manifest = entries.manifest();
    try {
      String generator = string(manifest, "generator", source);
      TableSchema schema = SchemaJson.fromMap(map(manifest, "schema", source), source);
      Object kind = manifest.getOrDefault("kind", KIND_TABULAR);
      requireKnownGenerator(kind, generator, source);
      if (KIND_LONGITUDINAL.equals(kind)) {
        return loadTimelineModel(
            entries, bytes, source, id, schema, info(manifest, entries, generator, source));
      }
      RowSampler sampler;
      if (manifest.containsKey("argn")) {
        if (entries.weights() == null) {
          throw new ModelFormatException(source, "it has an argn network but no " + WEIGHTS_ENTRY);
        }
        sampler =
            new ArgnRowSampler(
                ArgnFiles.read(
                    schema,
                    map(manifest, "argn", source),
                    WeightsFile.read(new ByteArrayInputStream(entries.weights()))));
      } else if (manifest.containsKey("network")) {
        if (entries.weights() == null) {
          throw new ModelFormatException(source, "it has a network but no " + WEIGHTS_ENTRY);
        }
        TableEncoder encoder = TableEncoder.fromState(schema, map(manifest, "encoder", source));
        GanGenerator gan =
            NetworkJson.read(
                map(manifest, "network", source),
                WeightsFile.read(new ByteArrayInputStream(entries.weights())));
        sampler =
            gan.labeler() == null
                ? new GanRowSampler(gan, encoder)
                : new VaeGanRowSampler(gan, encoder);
      } else if (manifest.containsKey("copula")) {
        sampler =
            new CopulaRowSampler(GaussianCopula.fromState(schema, map(manifest, "copula", source)));
      } else {
        throw new ModelFormatException(source, "model.json has neither a network nor a copula");
      }
      return new TabularModel(
          id,
          sha256(bytes),
          entries.streamKey(),
          schema,
          info(manifest, entries, generator, source),
          sampler);
    } catch (ModelFormatException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      if (e instanceof SyntheticPatientsException && !(e instanceof ModelFormatException)) {
        throw new ModelFormatException(source, e.getMessage(), e);
      }
      throw new ModelFormatException(source, "its contents are damaged (" + e + ")", e);
    }
  }

  /**
   * Refuses a kind or generator this runtime does not know: a newer writer's generator could share
   * keys with a known one (a {@code network}) and would otherwise be sampled as the wrong model.
   */
  private static void requireKnownGenerator(Object kind, String generator, String source) {
    Set<String> known = GENERATORS.get(String.valueOf(kind));
    if (known == null) {
      throw new ModelFormatException(
          source,
          "it holds a model of kind '"
              + kind
              + "'; this runtime (synthetic-patients "
              + Versions.toolkit()
              + ", model format "
              + FORMAT_VERSION
              + ") reads kinds "
              + String.join(", ", GENERATORS.keySet())
              + ": upgrade synthetic-patients");
    }
    if (!known.contains(generator)) {
      throw new ModelFormatException(
          source,
          "it holds a "
              + kind
              + " model of generator '"
              + generator
              + "'; this runtime (synthetic-patients "
              + Versions.toolkit()
              + ", model format "
              + FORMAT_VERSION
              + ") samples "
              + kind
              + " generators "
              + String.join(", ", known)
              + ": upgrade synthetic-patients");
    }
  }

  private static ModelInfo info(
      Map<String, Object> manifest, Entries entries, String generator, String source) {
    Map<String, Object> provenance = new TreeMap<>(map(manifest, "provenance", source));
    provenance.putAll(entries.timing());
    Map<String, Object> card = entries.card();
    Map<String, Object> evaluation = new LinkedHashMap<>(map(manifest, "evaluation", source));
    if (card.containsKey("evaluation")) {
      evaluation.putAll(map(card, "evaluation", source + " " + CARD_ENTRY));
    }
    return new ModelInfo(
        ((Number) manifest.get("formatVersion")).intValue(),
        generator,
        summary(entries),
        map(manifest, "settings", source),
        provenance,
        evaluation);
  }

  private static TimelineModel loadTimelineModel(
      Entries entries, byte[] bytes, String source, String id, TableSchema schema, ModelInfo info)
      throws IOException {
    if (entries.weights() == null) {
      throw new ModelFormatException(source, "it is a longitudinal model without " + WEIGHTS_ENTRY);
    }
    Map<String, Object> manifest = entries.manifest();
    if (manifest.containsKey(ArgnTimelineFiles.BLOCK)) {
      TimelineArgn argn =
          ArgnTimelineFiles.read(
              schema,
              map(manifest, ArgnTimelineFiles.BLOCK, source),
              WeightsFile.read(new ByteArrayInputStream(entries.weights())));
      return new TimelineModel(
          id, sha256(bytes), entries.streamKey(), info, new ArgnTimelineSampler(argn));
    }
    TimelineEncoder encoder = TimelineEncoder.fromState(schema, map(manifest, "encoder", source));
    if (manifest.containsKey(SeriesVaeGanFiles.BLOCK)) {
      Map<String, Object> block = map(manifest, SeriesVaeGanFiles.BLOCK, source);
      Map<String, WeightsFile.Tensor> tensors =
          WeightsFile.read(new ByteArrayInputStream(entries.weights()));
      return new TimelineModel(
          id,
          sha256(bytes),
          entries.streamKey(),
          info,
          new VaeGanTimelineSampler(
              encoder,
              SeriesVaeGanFiles.read(block, tensors),
              SeriesVaeGanFiles.readLabeler(block, tensors)));
    }
    GaussianCopula patients =
        GaussianCopula.fromState(encoder.patientSchema(), map(manifest, "copula", source));
    TimelineGenerator network =
        TimelineNetworkJson.read(
            map(manifest, "network", source),
            WeightsFile.read(new ByteArrayInputStream(entries.weights())));
    return new TimelineModel(
        id, sha256(bytes), entries.streamKey(), info, encoder, patients, network);
  }

  /**
   * The same model file with another one-line summary and more entries in its {@code evaluation}
   * (the model card's numbers), for figures measured after training, such as the model zoo's scores
   * on a held-back part of its data. They go into {@value #CARD_ENTRY}, so {@code model.json}, the
   * weights and therefore the sampled records stay as they were: figures measured on the file's
   * records before this call describe the records it samples after it. Every other entry keeps its
   * bytes; the checksums are rewritten.
   *
   * @param source the file or resource name, for messages
   * @param entries added to {@code evaluation}, replacing those of the same name; JSON values only
   *     (maps, lists, strings, finite numbers, booleans, null)
   * @throws ModelFormatException when the bytes are not a model this runtime reads
   */
  public static byte[] withEvaluation(
      byte[] bytes, String source, String summary, Map<String, Object> entries) {
    Entries read = entries(bytes, source);
    Map<String, Object> card = new LinkedHashMap<>(read.card());
    card.put("summary", summary);
    Map<String, Object> evaluation = new LinkedHashMap<>();
    if (card.containsKey("evaluation")) {
      evaluation.putAll(map(card, "evaluation", source + " " + CARD_ENTRY));
    }
    evaluation.putAll(entries);
    card.put("evaluation", evaluation);
    return archive(read.manifestBytes(), read.weights(), read.timing(), card);
  }

  /**
   * The same model file with its weights replaced by {@code change} of them, for a change after
   * training that keeps every tensor's name and shape, such as the model zoo's rounding of its
   * weights so that they compress. Every other entry keeps its bytes; the checksums are rewritten.
   * A model without weights (the copula) is returned as it is.
   *
   * @param source the file or resource name, for messages
   * @throws ModelFormatException when the bytes are not a model this runtime reads
   * @throws IllegalArgumentException when {@code change} renames, adds, drops or reshapes a tensor
   */
  public static byte[] withWeights(
      byte[] bytes, String source, UnaryOperator<Map<String, WeightsFile.Tensor>> change) {
    Entries read = entries(bytes, source);
    if (read.weights() == null) {
      return bytes;
    }
    Map<String, WeightsFile.Tensor> before;
    try {
      before = WeightsFile.read(new ByteArrayInputStream(read.weights()));
    } catch (IOException e) {
      throw new ModelFormatException(source, WEIGHTS_ENTRY + " is not readable", e);
    }
    Map<String, WeightsFile.Tensor> after = change.apply(before);
    if (!after.keySet().equals(before.keySet())) {
      throw new IllegalArgumentException(
          "changed weights of " + source + " must keep the tensors " + before.keySet());
    }
    before.forEach(
        (name, tensor) -> {
          if (!Arrays.equals(tensor.shape(), after.get(name).shape())) {
            throw new IllegalArgumentException(
                "changed tensor " + name + " of " + source + " must keep its shape");
          }
        });
    return archive(read.manifestBytes(), WeightsFile.write(after), read.timing(), read.card());
  }

  /** The sha256 of some bytes, as lower-case hex. */
  public static String sha256(byte[] bytes) {
    return Sha256.hex(bytes);
  }

  /**
   * The digest that keys a model's sampling streams ({@code RandomStream.forBlock}): from format 2
   * the sha256 of its content, {@code model.json} and {@code weights.bin}, so that two trainings
   * that differ only in their wall time ({@code timing.json}) sample the same records; format 1
   * keyed them by the whole file's sha256, which its files keep, so they sample as they always did.
   */
  static String streamKey(int formatVersion, byte[] file, byte[] manifest, byte[] weights) {
    if (formatVersion < 2) {
      return sha256(file);
    }
    String content =
        MODEL_ENTRY
            + ' '
            + sha256(manifest)
            + '\n'
            + WEIGHTS_ENTRY
            + ' '
            + (weights == null ? "-" : sha256(weights))
            + '\n';
    return sha256(content.getBytes(StandardCharsets.US_ASCII));
  }

  private record Entries(
      Map<String, Object> manifest,
      byte[] manifestBytes,
      byte[] weights,
      Map<String, Object> timing,
      Map<String, Object> card,
      String streamKey) {}

  private static Entries entries(byte[] bytes, String source) {
    List<String> names = new ArrayList<>();
    Map<String, byte[]> found = readEntries(bytes, source, names);
    verifyChecksums(found, source);
    byte[] manifestBytes = found.get(MODEL_ENTRY);
    if (manifestBytes == null) {
      throw new ModelFormatException(
          source, "it has no " + MODEL_ENTRY + " entry (entries: " + names + ")");
    }
    Map<String, Object> manifest;
    try {
      manifest = JsonTrees.readObject(manifestBytes);
    } catch (IOException | RuntimeException e) {
      throw new ModelFormatException(
          source, MODEL_ENTRY + " is not valid JSON (" + e.getMessage() + ")", e);
    }
    if (!FORMAT_NAME.equals(manifest.get("format"))) {
      throw new ModelFormatException(
          source, MODEL_ENTRY + " does not declare format " + FORMAT_NAME);
    }
    Object version = manifest.get("formatVersion");
    if (!(version instanceof Number number) || number.intValue() < 1) {
      throw new ModelFormatException(source, MODEL_ENTRY + " has no valid formatVersion");
    }
    if (number.intValue() > FORMAT_VERSION) {
      throw new ModelFormatException(
          source,
          "it was written by model format "
              + number.intValue()
              + ", this runtime (synthetic-patients "
              + Versions.toolkit()
              + ") reads up to format "
              + FORMAT_VERSION
              + ": upgrade synthetic-patients to a release that reads format "
              + number.intValue());
    }
    Map<String, Object> timing = Map.of();
    if (found.containsKey(TIMING_ENTRY)) {
      try {
        timing = JsonTrees.readObject(found.get(TIMING_ENTRY));
      } catch (IOException | RuntimeException e) {
        throw new ModelFormatException(source, TIMING_ENTRY + " is not valid JSON", e);
      }
    }
    Map<String, Object> card = Map.of();
    if (found.containsKey(CARD_ENTRY)) {
      try {
        card = JsonTrees.readObject(found.get(CARD_ENTRY));
      } catch (IOException | RuntimeException e) {
        throw new ModelFormatException(source, CARD_ENTRY + " is not valid JSON", e);
      }
    }
    return new Entries(
        manifest,
        manifestBytes,
        found.get(WEIGHTS_ENTRY),
        timing,
        card,
        streamKey(number.intValue(), bytes, manifestBytes, found.get(WEIGHTS_ENTRY)));
  }

  /**
   * The known entries' bytes. Every entry must be stored (not compressed) and within its size
   * limit, checked on its header before its bytes are read, so a crafted file cannot make this
   * allocate more than its own size.
   */
  private static Map<String, byte[]> readEntries(byte[] bytes, String source, List<String> names) {
    Map<String, byte[]> found = new LinkedHashMap<>();
    int seen = 0;
    long compressedBudget = MAX_COMPRESSED_BYTES;
    try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bytes))) {
      ZipEntry entry;
      while ((entry = zip.getNextEntry()) != null) {
        if (++seen > MAX_ENTRIES) {
          throw new ModelFormatException(
              source, "it has more than " + MAX_ENTRIES + " entries; it is not a model file");
        }
        String name = entry.getName();
        names.add(name);
        long limit = limit(name);
        if (limit == 0) {
          continue; // an entry of a newer writer: nothing this runtime samples with depends on it
        }
        if (found.containsKey(name)) {
          throw new ModelFormatException(
              source, "entry " + name + " appears twice; the file is damaged");
        }
        byte[] content;
        if (entry.getMethod() == ZipEntry.STORED) {
          content = readStored(zip, entry, limit, source);
        } else {
          content = readCompressed(zip, name, Math.min(limit, compressedBudget), source);
          compressedBudget -= content.length;
        }
        found.put(name, content);
      }
    } catch (ZipException e) {
      throw new ModelFormatException(
          source, "it is not a valid zip archive (" + e.getMessage() + ")", e);
    } catch (IOException e) {
      throw new ModelFormatException(source, "it could not be read (" + e.getMessage() + ")", e);
    }
    if (names.isEmpty()) {
      throw new ModelFormatException(
          source, "it is empty or not a zip archive; expected a *.synth model file");
    }
    return found;
  }

  /**
   * A stored entry: its size is in the header and its bytes in the file, so the read is bounded by
   * both.
   */
  private static byte[] readStored(ZipInputStream zip, ZipEntry entry, long limit, String source)
      throws IOException {
    String name = entry.getName();
    if (entry.getSize() > limit) {
      throw new ModelFormatException(
          source,
          "entry "
              + name
              + " declares "
              + entry.getSize()
              + " bytes, more than the "
              + limit
              + " a model file holds there; the file is damaged or was not written by synthetic-patients");
    }
    byte[] content = zip.readNBytes((int) entry.getSize());
    if (content.length != entry.getSize() || zip.read() != -1) {
      throw new ModelFormatException(
          source, "entry " + name + " is truncated or longer than its header says");
    }
    return content;
  }

  /**
   * A compressed entry (the file was re-zipped by another tool): its expanded size is known only by
   * expanding it, so all compressed entries together are read no further than {@link
   * #MAX_COMPRESSED_BYTES}.
   */
  private static byte[] readCompressed(ZipInputStream zip, String name, long limit, String source)
      throws IOException {
    byte[] content = zip.readNBytes((int) limit);
    if (zip.read() != -1) {
      throw new ModelFormatException(
          source,
          "entry "
              + name
              + " is compressed and expands past "
              + limit
              + " bytes; model files are written with"
              + " every entry stored (uncompressed), and a re-compressed file may expand to at most "
              + MAX_COMPRESSED_BYTES
              + " bytes in all. Retrain it, or copy the original file again");
    }
    return content;
  }

  /** How many bytes the entry may hold; 0 for an entry this runtime does not read. */
  private static long limit(String name) {
    return switch (name) {
      case MODEL_ENTRY -> MAX_MODEL_JSON_BYTES;
      case WEIGHTS_ENTRY -> MAX_WEIGHTS_BYTES;
      case TIMING_ENTRY, CHECKSUMS_ENTRY, CARD_ENTRY -> MAX_SMALL_ENTRY_BYTES;
      default -> 0;
    };
  }

  /**
   * Checks each entry against its sha256 in {@code checksums.json}; files written before checksums
   * existed have none and are read as they are.
   */
  private static void verifyChecksums(Map<String, byte[]> found, String source) {
    byte[] checksumBytes = found.remove(CHECKSUMS_ENTRY);
    if (checksumBytes == null) {
      return;
    }
    Map<String, Object> listed;
    try {
      listed = map(JsonTrees.readObject(checksumBytes), "sha256", source);
    } catch (IOException | RuntimeException e) {
      throw new ModelFormatException(
          source, "entry " + CHECKSUMS_ENTRY + " is damaged (" + e.getMessage() + ")", e);
    }
    for (Map.Entry<String, byte[]> entry : found.entrySet()) {
      Object expected = listed.get(entry.getKey());
      if (expected == null) {
        throw new ModelFormatException(
            source,
            "entry "
                + entry.getKey()
                + " is not listed in "
                + CHECKSUMS_ENTRY
                + ": the file was edited after it was written. Retrain it, or copy the original file again");
      }
      if (!expected.equals(sha256(entry.getValue()))) {
        throw new ModelFormatException(
            source,
            "entry "
                + entry.getKey()
                + " does not match its sha256 in "
                + CHECKSUMS_ENTRY
                + ": the file is damaged or was edited. Retrain it, or copy the original file again");
      }
    }
    for (String name : listed.keySet()) {
      if (limit(name) > 0 && !found.containsKey(name)) {
        throw new ModelFormatException(
            source,
            "entry "
                + name
                + ", listed in "
                + CHECKSUMS_ENTRY
                + ", is missing: the file is damaged");
      }
    }
  }

  private static void putStored(ZipOutputStream zip, String name, byte[] content)
      throws IOException {
    ZipEntry entry = new ZipEntry(name);
    entry.setMethod(ZipEntry.STORED);
    entry.setTimeLocal(ENTRY_TIME);
    entry.setSize(content.length);
    entry.setCompressedSize(content.length);
    CRC32 crc = new CRC32();
    crc.update(content);
    entry.setCrc(crc.getValue());
    zip.putNextEntry(entry);
    zip.write(content);
    zip.closeEntry();
  }

  static String string(Map<String, Object> map, String key, String source) {
    Object value = map.get(key);
    if (!(value instanceof String text)) {
      throw new ModelFormatException(source, "'" + key + "' is missing or not text");
    }
    return text;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Map<String, Object> map, String key, String source) {
    Object value = map.get(key);
    if (!(value instanceof Map<?, ?>)) {
      throw new ModelFormatException(source, "'" + key + "' is missing or not an object");
    }
    return (Map<String, Object>) value;
  }

  @SuppressWarnings("unchecked")
  static List<Object> list(Map<String, Object> map, String key) {
    Object value = map.get(key);
    if (!(value instanceof List<?>)) {
      throw new IllegalArgumentException("'" + key + "' is missing or not a list");
    }
    return (List<Object>) value;
  }
}
