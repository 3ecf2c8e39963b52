package io.github.syntheticpatients.runtime.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.syntheticpatients.runtime.ModelFormatException;
import io.github.syntheticpatients.runtime.SampleRequest;
import io.github.syntheticpatients.runtime.SampleResult;
import io.github.syntheticpatients.runtime.SyntheticModel;
import io.github.syntheticpatients.runtime.data.Table;
import io.github.syntheticpatients.runtime.encode.TableEncoder;
import io.github.syntheticpatients.runtime.io.json.JsonFiles;
import io.github.syntheticpatients.runtime.schema.TableSchema;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelFileTest {
  private static Table pbc;
  private static ModelContents copula;
  private static ModelContents gan;

  @BeforeAll
  static void fit() {
    pbc = TestModels.pbc();
    copula = TestModels.copula(pbc);
    gan = TestModels.gan(pbc, 3);
  }

  @Test
  void copulaModelRoundTrips() {
    byte[] bytes = ModelFile.toBytes(copula);
    SyntheticModel model = ModelFile.load(bytes, "mem.synth", "mem");

    assertThat(model.id()).isEqualTo("mem");
    assertThat(model.sha256()).isEqualTo(ModelFile.sha256(bytes)).hasSize(64);
    assertThat(model.schema()).isEqualTo(pbc.schema());
    assertThat(model.info().formatVersion()).isEqualTo(ModelFile.FORMAT_VERSION);
    assertThat(model.info().generator()).isEqualTo("copula");
    assertThat(model.info().summary()).isEqualTo("test copula");
    assertThat(model.info().settings()).containsEntry("generator", "test");
    assertThat(model.info().evaluation()).containsEntry("note", "none");
    // timing.json is merged into the provenance on load
    assertThat(model.info().provenance())
        .containsEntry("inputSha256", "abc")
        .containsEntry("trainingSeconds", 0.5);
    assertThat(entryNames(bytes)).containsExactly("model.json", "timing.json", "checksums.json");

    // the loaded copula samples exactly what the fitted copula state describes
    SampleResult fromFile = model.sample(SampleRequest.of(50, 9));
    byte[] again =
        ModelFile.toBytes(
            new ModelContents(
                "copula",
                "test copula",
                TableSchema.of(model.schema()),
                null,
                null,
                io.github.syntheticpatients.runtime.copula.GaussianCopula.fromState(
                        TableSchema.of(model.schema()), copula.copulaState())
                    .state(),
                copula.settings(),
                copula.provenance(),
                copula.evaluation(),
                copula.timing()));
    assertThat(again).isEqualTo(bytes);
    assertThat(fromFile.records()).hasSize(50);
  }

  @Test
  void ganModelRoundTripsWithItsWeights() {
    byte[] bytes = ModelFile.toBytes(gan);
    assertThat(entryNames(bytes))
        .containsExactly("model.json", "weights.bin", "timing.json", "checksums.json");
    SyntheticModel loaded = ModelFile.load(bytes, "gan.synth", "gan");
    assertThat(loaded.info().generator()).isEqualTo("ctgan");
    assertThat(loaded.schema()).isEqualTo(pbc.schema());

    // The same network and encoder, never serialised, must sample the same records.
    TableEncoder encoder = TableEncoder.fromState(pbc.schema(), gan.encoderState());
    TabularModel direct =
        new TabularModel(
            "direct",
            loaded.sha256(),
            ((TabularModel) loaded).streamKey(),
            pbc.schema(),
            loaded.info(),
            new GanRowSampler(gan.gan(), encoder));
    SampleRequest request = new SampleRequest(40, 5, List.of("sex=f"), null);
    assertThat(loaded.sample(request).records()).isEqualTo(direct.sample(request).records());
    assertThat(loaded.sample(SampleRequest.of(40, 6)).records())
        .isEqualTo(direct.sample(SampleRequest.of(40, 6)).records());

    // Network description and weights survive exactly: writing the loaded form again gives the same
    // bytes.
    Map<String, Object> manifest = manifest(bytes);
    @SuppressWarnings("unchecked")
    Map<String, Object> network = (Map<String, Object>) manifest.get("network");
    assertThat(network).containsEntry("type", "mlp").containsEntry("latentDim", TestModels.LATENT);
    GanGenerator reread = NetworkJson.read(network, weights(bytes));
    assertThat(NetworkJson.describe(reread)).isEqualTo(NetworkJson.describe(gan.gan()));
    assertThat(WeightsFile.write(NetworkJson.tensors(reread.network())))
        .isEqualTo(WeightsFile.write(NetworkJson.tensors(gan.gan().network())));
  }

  @Test
  void sameContentsGiveByteIdenticalFiles() {
    assertThat(ModelFile.toBytes(copula)).isEqualTo(ModelFile.toBytes(copula));
    assertThat(ModelFile.toBytes(gan)).isEqualTo(ModelFile.toBytes(gan));
    // an independent fit on the same data gives the same file, whatever the time of day
    assertThat(ModelFile.toBytes(TestModels.copula(pbc))).isEqualTo(ModelFile.toBytes(copula));
    assertThat(ModelFile.toBytes(TestModels.gan(pbc, 3))).isEqualTo(ModelFile.toBytes(gan));
  }

  @Test
  void entriesAreStoredWithAFixedTimestamp() throws IOException {
    try (ZipInputStream zip =
        new ZipInputStream(new ByteArrayInputStream(ModelFile.toBytes(gan)))) {
      ZipEntry entry;
      while ((entry = zip.getNextEntry()) != null) {
        assertThat(entry.getMethod()).as(entry.getName()).isEqualTo(ZipEntry.STORED);
        assertThat(entry.getTimeLocal()).isEqualTo(java.time.LocalDateTime.of(2000, 1, 1, 0, 0));
      }
    }
  }

  @Test
  void writeIsAtomicAndReadManifestReadsTheManifest(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("sub/m.synth");
    Files.createDirectories(file.getParent());
    ModelFile.write(copula, file);
    assertThat(Files.readAllBytes(file)).isEqualTo(ModelFile.toBytes(copula));
    assertThat(ModelFile.readManifest(file))
        .containsEntry("format", ModelFile.FORMAT_NAME)
        .containsEntry("formatVersion", ModelFile.FORMAT_VERSION)
        .containsEntry("generator", "copula")
        .containsKeys("schema", "copula", "settings", "provenance", "evaluation");
    try (var listing = Files.list(file.getParent())) {
      assertThat(listing.map(p -> p.getFileName().toString()).toList()).containsExactly("m.synth");
    }
  }

  @Test
  void damagedBytesAreAModelFormatErrorNamingTheSource() {
    byte[] bytes = ModelFile.toBytes(copula);
    byte[] flipped = bytes.clone();
    int inside = indexOf(bytes, "\"schema\"".getBytes(StandardCharsets.UTF_8));
    flipped[inside + 3] ^= 0x20;
    expectFormatError(
        () -> ModelFile.load(flipped, "/models/flipped.synth", "x"), "/models/flipped.synth");

    byte[] truncated = Arrays.copyOf(bytes, bytes.length / 2);
    expectFormatError(() -> ModelFile.load(truncated, "half.synth", "x"), "half.synth");
  }

  @Test
  void aNonZipFileIsRejected() {
    expectFormatError(
        () -> ModelFile.load("id,age\n1,50\n".getBytes(StandardCharsets.UTF_8), "data.csv", "data"),
        "data.csv",
        "not a zip archive");
    expectFormatError(
        () -> ModelFile.load(new byte[0], "empty.synth", "e"),
        "empty.synth",
        "expected a *.synth model file");
  }

  @Test
  void aZipWithoutModelJsonIsRejected() {
    byte[] zip = zip(Map.of("readme.txt", "hello".getBytes(StandardCharsets.UTF_8)));
    expectFormatError(
        () -> ModelFile.load(zip, "other.zip", "o"), "other.zip", "no model.json", "readme.txt");
  }

  @Test
  void invalidJsonIsRejected() {
    byte[] zip = zip(Map.of("model.json", "{not json".getBytes(StandardCharsets.UTF_8)));
    expectFormatError(
        () -> ModelFile.load(zip, "bad.synth", "b"), "bad.synth", "model.json is not valid JSON");
  }

  @Test
  void aForeignFormatNameIsRejected() {
    Map<String, Object> manifest = manifest(ModelFile.toBytes(copula));
    manifest.put("format", "someone-elses-model");
    expectFormatError(
        () -> ModelFile.load(withManifest(copula, manifest), "foreign.synth", "f"),
        "foreign.synth",
        "does not declare format synthetic-patients-model");
  }

  @Test
  void aNewerFormatVersionAsksForAnUpgrade() {
    Map<String, Object> manifest = manifest(ModelFile.toBytes(copula));
    manifest.put("formatVersion", ModelFile.FORMAT_VERSION + 1);
    expectFormatError(
        () -> ModelFile.load(withManifest(copula, manifest), "future.synth", "f"),
        "future.synth",
        "written by model format 3, this runtime (synthetic-patients ",
        ") reads up to format 2: upgrade synthetic-patients to a release that reads format 3");
    manifest.put("formatVersion", "one");
    expectFormatError(
        () -> ModelFile.load(withManifest(copula, manifest), "text.synth", "f"),
        "text.synth",
        "no valid formatVersion");
  }

  @Test
  void anUnknownKindOrGeneratorAsksForAnUpgrade() {
    Map<String, Object> manifest = manifest(ModelFile.toBytes(copula));
    manifest.put("kind", "multi-table");
    expectFormatError(
        () -> ModelFile.load(withManifest(copula, manifest), "kind.synth", "k"),
        "kind.synth",
        "it holds a model of kind 'multi-table'; this runtime (synthetic-patients ",
        "model format 2) reads kinds longitudinal, tabular: upgrade synthetic-patients");
    // A newer generator whose file still holds a copula is not sampled as a copula.
    manifest.put("kind", "tabular");
    manifest.put("generator", "tvae");
    expectFormatError(
        () -> ModelFile.load(withManifest(copula, manifest), "tvae.synth", "t"),
        "tvae.synth",
        "it holds a tabular model of generator 'tvae'",
        "samples tabular generators argn, basic, copula, ctgan, dp-vaegan: upgrade synthetic-patients");
  }

  @Test
  void missingPartsAreFormatErrors() {
    Map<String, Object> noGenerator = manifest(ModelFile.toBytes(copula));
    noGenerator.remove("copula");
    expectFormatError(
        () -> ModelFile.load(withManifest(copula, noGenerator), "hollow.synth", "h"),
        "hollow.synth",
        "neither a network nor a copula");

    byte[] ganBytes = ModelFile.toBytes(gan);
    byte[] noWeights = zip(Map.of("model.json", entry(ganBytes, "model.json")));
    expectFormatError(
        () -> ModelFile.load(noWeights, "noweights.synth", "n"),
        "noweights.synth",
        "no weights.bin");

    byte[] shortWeights =
        zip(
            new LinkedHashMap<>(
                Map.of(
                    "model.json", entry(ganBytes, "model.json"),
                    "weights.bin", Arrays.copyOf(entry(ganBytes, "weights.bin"), 100))));
    expectFormatError(
        () -> ModelFile.load(shortWeights, "short.synth", "s"),
        "short.synth",
        "damaged",
        "truncated");

    Map<String, Object> noSchema = manifest(ModelFile.toBytes(copula));
    noSchema.remove("schema");
    expectFormatError(
        () -> ModelFile.load(withManifest(copula, noSchema), "s.synth", "s"),
        "s.synth",
        "'schema'");
  }

  @Test
  void eachEntryIsListedWithItsSha256() {
    byte[] bytes = ModelFile.toBytes(gan);
    assertThat(entryNames(bytes))
        .containsExactly("model.json", "weights.bin", "timing.json", "checksums.json");
    Map<String, Object> checksums =
        JsonFiles.read(entry(bytes, "checksums.json"), "checksums.json");
    assertThat(checksums)
        .isEqualTo(
            Map.of(
                "sha256",
                Map.of(
                    "model.json", ModelFile.sha256(entry(bytes, "model.json")),
                    "weights.bin", ModelFile.sha256(entry(bytes, "weights.bin")),
                    "timing.json", ModelFile.sha256(entry(bytes, "timing.json")))));
  }

  @Test
  void anEditedEntryIsRefusedNamingIt() {
    byte[] bytes = ModelFile.toBytes(gan);
    byte[] weights = entry(bytes, "weights.bin");
    weights[weights.length - 1] ^= 0x01;
    Map<String, byte[]> edited = new LinkedHashMap<>();
    for (String name : entryNames(bytes)) {
      edited.put(name, name.equals("weights.bin") ? weights : entry(bytes, name));
    }
    expectFormatError(
        () -> ModelFile.load(zip(edited), "edited.synth", "e"),
        "edited.synth",
        "entry weights.bin does not match its sha256 in checksums.json");

    edited.put("weights.bin", entry(bytes, "weights.bin"));
    edited.remove("timing.json");
    expectFormatError(
        () -> ModelFile.load(zip(edited), "less.synth", "l"),
        "less.synth",
        "entry timing.json",
        "is missing");
  }

  @Test
  void aFileWithoutChecksumsStillLoads() {
    byte[] bytes = ModelFile.toBytes(gan);
    Map<String, byte[]> old = new LinkedHashMap<>();
    for (String name : List.of("model.json", "weights.bin", "timing.json")) {
      old.put(name, entry(bytes, name));
    }
    assertThat(ModelFile.load(zip(old), "old.synth", "old").info().generator())
        .isEqualTo(ModelFile.load(bytes, "new.synth", "new").info().generator());
  }

  @Test
  void aReCompressedFileStillLoads() {
    byte[] bytes = ModelFile.toBytes(gan);
    Map<String, byte[]> entries = new LinkedHashMap<>();
    for (String name : entryNames(bytes)) {
      entries.put(name, entry(bytes, name));
    }
    SyntheticModel model = ModelFile.load(zip(entries, ZipEntry.DEFLATED), "rezipped.synth", "r");
    // Other file bytes, so another file checksum, but the same content, so the same block streams
    // (docs/numerics.md) and the records of the stored file.
    SyntheticModel stored = ModelFile.load(bytes, "stored.synth", "s");
    assertThat(model.sha256()).isNotEqualTo(stored.sha256());
    assertThat(model.sample(SampleRequest.of(5, 1)).records())
        .isEqualTo(stored.sample(SampleRequest.of(5, 1)).records());
  }

  @Test
  void aCompressedEntryIsExpandedNoFurtherThanTheBudget() throws IOException {
    // 96 MiB of zeros compress to about 100 KiB: a small file that would expand far beyond its
    // size.
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(out)) {
      zip.putNextEntry(new ZipEntry("model.json"));
      zip.write(entry(ModelFile.toBytes(copula), "model.json"));
      zip.closeEntry();
      zip.putNextEntry(new ZipEntry("weights.bin"));
      byte[] zeros = new byte[1 << 20];
      for (int i = 0; i < 96; i++) {
        zip.write(zeros);
      }
      zip.closeEntry();
    }
    assertThat(out.size()).isLessThan(1 << 20);
    expectFormatError(
        () -> ModelFile.load(out.toByteArray(), "bomb.synth", "b"),
        "bomb.synth",
        "entry weights.bin is compressed and expands past");
  }

  @Test
  void anEntryDeclaringMoreThanItsLimitIsRefusedBeforeItIsRead() throws IOException {
    // A stored entry's local header claims 2 GiB of model.json; the bytes are not there and are
    // never asked for.
    byte[] header = new byte[30];
    java.nio.ByteBuffer b =
        java.nio.ByteBuffer.wrap(header).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    b.putInt(0x04034b50).putShort((short) 10).putShort((short) 0).putShort((short) 0);
    b.putShort((short) 0).putShort((short) 0x2821).putInt(0);
    b.putInt(Integer.MAX_VALUE).putInt(Integer.MAX_VALUE).putShort((short) 10).putShort((short) 0);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(header);
    out.write("model.json".getBytes(StandardCharsets.US_ASCII));
    out.write(new byte[100]);
    expectFormatError(
        () -> ModelFile.load(out.toByteArray(), "huge.synth", "h"),
        "huge.synth",
        "entry model.json declares 2147483647 bytes, more than the "
            + ModelFile.MAX_MODEL_JSON_BYTES);
  }

  @Test
  void sha256IsTheStandardDigest() {
    assertThat(ModelFile.sha256("abc".getBytes(StandardCharsets.US_ASCII)))
        .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  }

  private static void expectFormatError(ThrowingCallable call, String source, String... fragments) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            ModelFormatException.class, e -> assertThat(e.source()).isEqualTo(source))
        .hasMessageStartingWith(source + " is not a usable Synthetic Patients model")
        .hasMessageContainingAll(
            List.of(fragments, new String[] {":"}).stream()
                .flatMap(Arrays::stream)
                .toArray(String[]::new));
  }

  private static byte[] withManifest(ModelContents contents, Map<String, Object> manifest) {
    byte[] bytes = ModelFile.toBytes(contents);
    Map<String, byte[]> entries = new LinkedHashMap<>();
    entries.put("model.json", JsonFiles.toBytes(manifest));
    entries.put("timing.json", entry(bytes, "timing.json"));
    return zip(entries);
  }

  static Map<String, Object> manifest(byte[] bytes) {
    return new LinkedHashMap<>(JsonFiles.read(entry(bytes, "model.json"), "model.json"));
  }

  private static Map<String, WeightsFile.Tensor> weights(byte[] bytes) {
    try {
      return WeightsFile.read(new ByteArrayInputStream(entry(bytes, "weights.bin")));
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  static byte[] entry(byte[] zipBytes, String name) {
    try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(zipBytes))) {
      ZipEntry entry;
      while ((entry = zip.getNextEntry()) != null) {
        if (entry.getName().equals(name)) {
          return zip.readAllBytes();
        }
      }
      throw new AssertionError("no entry " + name);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  static List<String> entryNames(byte[] zipBytes) {
    List<String> names = new ArrayList<>();
    try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(zipBytes))) {
      ZipEntry entry;
      while ((entry = zip.getNextEntry()) != null) {
        names.add(entry.getName());
      }
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    return names;
  }

  /** A zip of stored entries, as model files hold them. */
  static byte[] zip(Map<String, byte[]> entries) {
    return zip(entries, ZipEntry.STORED);
  }

  static byte[] zip(Map<String, byte[]> entries, int method) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(out)) {
      for (Map.Entry<String, byte[]> e : entries.entrySet()) {
        ZipEntry entry = new ZipEntry(e.getKey());
        entry.setMethod(method);
        if (method == ZipEntry.STORED) {
          CRC32 crc = new CRC32();
          crc.update(e.getValue());
          entry.setCrc(crc.getValue());
          entry.setSize(e.getValue().length);
        }
        zip.putNextEntry(entry);
        zip.write(e.getValue());
        zip.closeEntry();
      }
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    return out.toByteArray();
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    throw new AssertionError("not found");
  }
}
