package io.github.syntheticpatients.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.syntheticpatients.runtime.io.json.JsonFiles;
import io.github.syntheticpatients.runtime.model.ModelFile;
import io.github.syntheticpatients.runtime.sampling.ModelLoader;
import io.github.syntheticpatients.runtime.sampling.Schemas;
import io.github.syntheticpatients.runtime.schema.TableSchema;
import io.github.syntheticpatients.runtime.training.Training;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** End-to-end training with the (fast) copula generator on the real pbc data. */
class TrainingTest {
  @TempDir static Path dir;
  private static TrainRequest request;
  private static TrainResult result;
  private static final List<String> messages = new ArrayList<>();

  @BeforeAll
  static void train() {
    request = TrainedCopula.request(dir.resolve("first"));
    result =
        Training.train(
            request,
            new TrainingListener() {
              @Override
              public void onMessage(String message) {
                messages.add(message);
              }
            });
  }

  @Test
  void writesAModelThatLoadsAndSamples() throws IOException {
    assertThat(result.upToDate()).isFalse();
    assertThat(result.output()).isEqualTo(request.output());
    assertThat(result.rows()).isEqualTo(418);
    assertThat(result.modelSha256())
        .isEqualTo(ModelFile.sha256(Files.readAllBytes(request.output())));
    assertThat(messages)
        .anySatisfy(m -> assertThat(m).startsWith("Read 418 rows x 20 columns"))
        .anySatisfy(m -> assertThat(m).startsWith("Privacy gate passed"))
        .anySatisfy(m -> assertThat(m).startsWith("Wrote "));

    SyntheticModel model = ModelLoader.load(request.output().toString());
    assertThat(model.id()).isEqualTo("pbc");
    assertThat(model.schema().target()).isEqualTo("status");
    assertThat(model.info().generator()).isEqualTo("copula");
    assertThat(model.sample(SampleRequest.of(30, 1)).records()).hasSize(30);
  }

  @Test
  void provenanceAndEvaluationAreRecorded() throws IOException {
    SyntheticModel model = ModelLoader.load(request.output().toString());
    Map<String, Object> provenance = model.info().provenance();
    String inputSha = ModelFile.sha256(Files.readAllBytes(request.input()));
    assertThat(provenance)
        .containsEntry("inputSha256", inputSha)
        .containsEntry("inputFile", "pbc.csv")
        .containsEntry("rows", 418)
        .containsEntry("seed", 11)
        .containsKeys(
            "trainRows",
            "validationRows",
            "holdoutRows",
            "versions",
            "request",
            "schemaSha256",
            "trainingSeconds");
    int train = ((Number) provenance.get("trainRows")).intValue();
    int validation = ((Number) provenance.get("validationRows")).intValue();
    int holdout = ((Number) provenance.get("holdoutRows")).intValue();
    // under 1,000 rows the privacy holdout is 0.3 of the table by default
    // (TrainingOptions.defaultHoldoutFraction)
    assertThat(holdout).isEqualTo(Math.round(418 * 0.3f));
    assertThat(train + validation + holdout).isEqualTo(418);
    // the split's real rows are not written unless asked for: a model's directory is committed
    String name = request.output().getFileName().toString().replace(".synth", "");
    assertThat(request.output().resolveSibling(name + ".holdout.csv")).doesNotExist();
    assertThat(request.output().resolveSibling(name + ".train.csv")).doesNotExist();
    assertThat(new LinkedHashMap<Object, Object>((Map<?, ?>) provenance.get("versions")))
        .containsKeys("syntheticPatients", "djl", "pytorch")
        .containsEntry("java", System.getProperty("java.specification.version"));

    Map<String, Object> evaluation = model.info().evaluation();
    assertThat(evaluation)
        .containsKeys("validationQuality", "privacyGate")
        .containsEntry("privacyGateEnforced", true);
    Map<?, ?> gate = (Map<?, ?>) evaluation.get("privacyGate");
    assertThat(gate.get("passed")).isEqualTo(true);
    // A passed gate means every FAIL-level check passed; the distance checks always run.
    List<Map<?, ?>> checks =
        ((List<?>) gate.get("checks")).stream().<Map<?, ?>>map(c -> (Map<?, ?>) c).toList();
    assertThat(checks).<Object>extracting(c -> c.get("id")).contains("G3", "G4");
    assertThat(checks)
        .filteredOn(c -> "FAIL".equals(c.get("level")))
        .isNotEmpty()
        .allSatisfy(c -> assertThat(c.get("passed")).as("%s", c).isEqualTo(true));
    assertThat(model.info().settings())
        .containsEntry("generator", "copula")
        .containsEntry("privacyGate", "enforce");
  }

  @Test
  void isUpToDateUntilInputSeedOptionOrSchemaChange() throws IOException {
    assertThat(Training.isUpToDate(request)).isTrue();
    // the record is about contents, not paths: the same bytes elsewhere are still up to date
    Path sameBytes = Files.copy(request.input(), dir.resolve("copy-of-pbc.csv"));
    assertThat(Training.isUpToDate(withInput(sameBytes))).isTrue();

    Path changed = dir.resolve("changed-pbc.csv");
    Files.writeString(changed, Files.readString(request.input()).replace("\n1,400,", "\n1,401,"));
    assertThat(Training.isUpToDate(withInput(changed))).isFalse();
    assertThat(Training.isUpToDate(withSettings(request.settings().withSeed(12)))).isFalse();
    assertThat(
            Training.isUpToDate(
                withSettings(request.settings().withOption("holdoutFraction", "0.25"))))
        .isFalse();
    assertThat(Training.isUpToDate(withSettings(request.settings().withGenerator("ctgan"))))
        .isFalse();

    Path otherSchema = dir.resolve("other.schema.json");
    Schemas.write(
        TableSchema.of(Schemas.read(request.schemaFile())).withTarget("stage"), otherSchema);
    assertThat(
            Training.isUpToDate(
                new TrainRequest(
                    request.input(), otherSchema, request.output(), request.settings(), false)))
        .isFalse();
    assertThat(
            Training.isUpToDate(
                new TrainRequest(
                    request.input(), null, request.output(), request.settings(), false)))
        .isFalse();
    assertThat(
            Training.isUpToDate(
                new TrainRequest(
                    request.input(),
                    request.schemaFile(),
                    dir.resolve("none.synth"),
                    request.settings(),
                    false)))
        .isFalse();

    Path foreign = Files.writeString(dir.resolve("foreign.synth"), "not a model");
    assertThat(
            Training.isUpToDate(
                new TrainRequest(
                    request.input(), request.schemaFile(), foreign, request.settings(), false)))
        .isFalse();
  }

  @Test
  void aModelFileThatCannotBeComparedIsNotUpToDate() throws IOException {
    byte[] model = Files.readAllBytes(request.output());
    Path noRecord =
        Files.write(
            dir.resolve("no-record.synth"),
            withManifest(
                model,
                manifest -> {
                  Map<Object, Object> provenance =
                      new LinkedHashMap<>((Map<?, ?>) manifest.get("provenance"));
                  provenance.remove("request"); // as written before requests were recorded
                  manifest.put("provenance", provenance);
                }));
    Path newer =
        Files.write(
            dir.resolve("newer.synth"),
            withManifest(
                model, manifest -> manifest.put("formatVersion", ModelFile.FORMAT_VERSION + 1)));
    Path truncated =
        Files.write(dir.resolve("truncated.synth"), Arrays.copyOf(model, model.length / 2));
    Path unchanged =
        Files.write(dir.resolve("unchanged.synth"), withManifest(model, manifest -> {}));

    assertThat(Training.isUpToDate(withOutput(unchanged))).as("the rewritten file itself").isTrue();
    assertThat(Training.isUpToDate(withOutput(noRecord))).isFalse();
    assertThat(Training.isUpToDate(withOutput(newer))).isFalse();
    assertThat(Training.isUpToDate(withOutput(truncated))).isFalse();
    assertThat(
            Training.isUpToDate(
                new TrainRequest(
                    request.input(),
                    dir.resolve("missing.schema.json"),
                    request.output(),
                    request.settings(),
                    false)))
        .isFalse();
  }

  @Test
  void theSplitsRealRowsGoWhereTheOptionSays() throws IOException {
    Path splitDir = dir.resolve("split");
    TrainRequest asked = TrainedCopula.request(dir.resolve("with-split"));
    asked =
        new TrainRequest(
            asked.input(),
            asked.schemaFile(),
            asked.output(),
            asked.settings().withOption("splitDir", splitDir.toString()),
            false);
    Training.train(asked, TrainingListener.NONE);
    Map<String, Object> provenance =
        ModelLoader.load(asked.output().toString()).info().provenance();
    int train = ((Number) provenance.get("trainRows")).intValue();
    int holdout = ((Number) provenance.get("holdoutRows")).intValue();
    String name = asked.output().getFileName().toString().replace(".synth", "");
    List<String> input = Files.readAllLines(asked.input());
    List<String> heldOut = Files.readAllLines(splitDir.resolve(name + ".holdout.csv"));
    List<String> trained = Files.readAllLines(splitDir.resolve(name + ".train.csv"));
    assertThat(heldOut).hasSize(holdout + 1).first().isEqualTo(input.get(0));
    assertThat(trained).hasSize(train + 1);
    assertThat(input).containsAll(heldOut);
    assertThat(heldOut.subList(1, heldOut.size()))
        .doesNotContainAnyElementsOf(trained.subList(1, trained.size()));
    // Where the split goes is no part of the model: no local path in the file, and the same
    // content (which keys the sampling streams) as without the option, so the same records.
    byte[] without = Files.readAllBytes(request.output());
    byte[] with = Files.readAllBytes(asked.output());
    assertThat(new String(entry(with, "model.json"), StandardCharsets.UTF_8))
        .doesNotContain(splitDir.toString());
    assertThat(entry(with, "model.json")).isEqualTo(entry(without, "model.json"));
  }

  @Test
  void anInputThatExistsButCannotBeReadIsAnErrorNotARetrain() throws IOException {
    // A socket file exists but cannot be opened for reading, even by root.
    Path socket = dir.resolve("input.sock");
    try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      server.bind(UnixDomainSocketAddress.of(socket));
      assertThatThrownBy(() -> Training.isUpToDate(withInput(socket)))
          .isInstanceOf(UncheckedIOException.class)
          .hasMessageContaining("Could not read " + socket);
    } finally {
      Files.deleteIfExists(socket);
    }
  }

  @Test
  void anUpToDateModelIsSkippedAndForceRetrains() throws IOException {
    byte[] before = Files.readAllBytes(request.output());
    TrainResult skipped = Training.train(request, null);
    assertThat(skipped.upToDate()).isTrue();
    assertThat(skipped.modelSha256()).isEqualTo(result.modelSha256());
    assertThat(Files.readAllBytes(request.output())).isEqualTo(before);

    TrainRequest forced =
        new TrainRequest(
            request.input(),
            request.schemaFile(),
            dir.resolve("forced.synth"),
            request.settings(),
            true);
    Files.copy(request.output(), forced.output());
    TrainResult retrained = Training.train(forced, null);
    assertThat(retrained.upToDate()).isFalse();
    assertThat(retrained.rows()).isEqualTo(418);
  }

  @Test
  void trainingTwiceGivesIdenticalModelEntries() throws IOException {
    // model.json (and weights.bin for GANs) are reproducible; timing.json holds the wall time and
    // may differ.
    TrainRequest second = TrainedCopula.train(dir.resolve("second"));
    byte[] a = Files.readAllBytes(request.output());
    byte[] b = Files.readAllBytes(second.output());
    assertThat(entries(b)).containsExactly("model.json", "timing.json", "checksums.json");
    assertThat(entry(b, "model.json")).isEqualTo(entry(a, "model.json"));
    assertThat(JsonFiles.read(entry(b, "timing.json"), "timing"))
        .containsOnlyKeys("trainingSeconds");
  }

  @Test
  void badRequestsAreInvalidInputWithClearMessages() throws IOException {
    assertThatThrownBy(
            () -> Training.train(withSettings(request.settings().withGenerator("vae")), null))
        .isInstanceOfSatisfying(
            InvalidInputException.class, e -> assertThat(e.parameter()).isEqualTo("generator"))
        .hasMessageContaining(
            "Unknown generator 'vae'; use auto, argn, ctgan, basic, copula or dp-vaegan");
    assertThatThrownBy(
            () -> Training.train(withSettings(request.settings().withOption("epoch", "3")), null))
        .isInstanceOfSatisfying(
            InvalidInputException.class, e -> assertThat(e.parameter()).isEqualTo("options"))
        .hasMessageContainingAll(
            "Unknown training option 'epoch'", "holdoutFraction", "privacyGate");
    assertThatThrownBy(
            () ->
                Training.train(withSettings(request.settings().withOption("maxVisits", "4")), null))
        .isInstanceOfSatisfying(
            InvalidInputException.class, e -> assertThat(e.parameter()).isEqualTo("maxVisits"))
        .hasMessageContaining("option maxVisits does nothing here");

    Path tiny = dir.resolve("tiny.csv");
    List<String> lines = Files.readAllLines(request.input()).subList(0, 15);
    Files.write(tiny, lines, StandardCharsets.UTF_8);
    assertThatThrownBy(
            () ->
                Training.train(
                    new TrainRequest(
                        tiny, null, dir.resolve("tiny.synth"), request.settings(), false),
                    null))
        .isInstanceOfSatisfying(
            InvalidInputException.class, e -> assertThat(e.file()).isEqualTo(tiny.toString()))
        .hasMessageContainingAll("tiny.csv", "has 14 data rows; training needs at least 20");
    assertThat(dir.resolve("tiny.synth")).doesNotExist();

    Path missing = dir.resolve("missing.csv");
    assertThatThrownBy(
            () ->
                Training.train(
                    new TrainRequest(
                        missing, null, dir.resolve("missing.synth"), request.settings(), false),
                    null))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContainingAll("missing.csv", "file not found");
    assertThatThrownBy(() -> request.settings().withEpochs(-1))
        .isInstanceOfSatisfying(
            InvalidInputException.class, e -> assertThat(e.parameter()).isEqualTo("epochs"));
  }

  @Test
  void anEnforcedGateFailureThrowsAndWritesNothing() throws IOException {
    // The calibrated gate passes a sound copula, so this one is set to refuse anything (every test
    // at alpha 1, and a
    // "minimum" DCR effect below any possible value) through the gate.* training options.
    Path small = dir.resolve("small.csv");
    Files.write(small, Files.readAllLines(request.input()).subList(0, 121), StandardCharsets.UTF_8);
    Path output = dir.resolve("gate/small.synth");
    TrainSettings settings =
        TrainSettings.defaults()
            .withGenerator("copula")
            .withSeed(3)
            .withOption("gate.familyAlpha", "10")
            .withOption("gate.dcrMinEffect", "-1");
    assertThatThrownBy(
            () -> Training.train(new TrainRequest(small, null, output, settings, false), null))
        .isInstanceOfSatisfying(
            PrivacyGateException.class,
            e -> {
              assertThat(e.gate().passed()).isFalse();
              assertThat(e.gate().failures()).isNotEmpty();
              assertThat(e.getMessage())
                  .contains(PrivacyGateException.describe("The trained model", e.gate()));
            })
        .hasMessageContainingAll(
            "failed the privacy gate", "No model was written", "privacyGate=warn");
    assertThat(output).doesNotExist();
    assertThat(output.getParent())
        .satisfiesAnyOf(p -> assertThat(p).doesNotExist(), p -> assertThat(p).isEmptyDirectory());
  }

  @Test
  void privacyGateMessagesNameEachFailedCheck() {
    GateResult gate =
        new GateResult(
            false,
            List.of(
                new GateCheck(
                    "P1",
                    "dcrShare",
                    "FAIL",
                    false,
                    0.6123456,
                    0.55,
                    "dcrShare <= 0.55",
                    "Train longer."),
                new GateCheck("P2", "exactCopies", "FAIL", true, 0, 0, "exactCopies == 0", "n/a"),
                new GateCheck(
                    "P4", "nnaa", "WARN", false, 0.9, 0.8, "nnaa <= 0.8", "only a warning"),
                new GateCheck("P3", "mia", "FAIL", false, 0.7, 0.6, "mia <= 0.6", "Add noise.")));
    String message = PrivacyGateException.describe("The trained model", gate);
    assertThat(message.lines().toList())
        .containsExactly(
            "The trained model failed the privacy gate:",
            " - P1 dcrShare = 0.6123 violates dcrShare <= 0.55. Train longer.",
            " - P3 mia = 0.7000 violates mia <= 0.6. Add noise.");
    PrivacyGateException exception = new PrivacyGateException(message, gate);
    assertThat(exception.gate()).isSameAs(gate);
    assertThat(exception).isInstanceOf(SyntheticPatientsException.class).hasMessage(message);
  }

  private static TrainRequest withInput(Path input) {
    return new TrainRequest(
        input, request.schemaFile(), request.output(), request.settings(), false);
  }

  private static TrainRequest withOutput(Path output) {
    return new TrainRequest(
        request.input(), request.schemaFile(), output, request.settings(), false);
  }

  /** The model file's bytes with model.json edited; the other entries are copied unchanged. */
  private static byte[] withManifest(byte[] zip, Consumer<Map<String, Object>> edit)
      throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream out = new ZipOutputStream(bytes)) {
      for (String name : entries(zip)) {
        if (name.equals("checksums.json")) {
          continue; // an edited model.json no longer matches its checksum: rewrite the file as one
          // without checksums
        }
        byte[] content = entry(zip, name);
        if (name.equals("model.json")) {
          Map<String, Object> manifest = new LinkedHashMap<>(JsonFiles.read(content, name));
          edit.accept(manifest);
          content = JsonFiles.toBytes(manifest);
        }
        out.putNextEntry(new ZipEntry(name));
        out.write(content);
        out.closeEntry();
      }
    }
    return bytes.toByteArray();
  }

  private static TrainRequest withSettings(TrainSettings settings) {
    return new TrainRequest(
        request.input(), request.schemaFile(), request.output(), settings, false);
  }

  static List<String> entries(byte[] zip) throws IOException {
    List<String> names = new ArrayList<>();
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
      ZipEntry e;
      while ((e = in.getNextEntry()) != null) {
        names.add(e.getName());
      }
    }
    return names;
  }

  static byte[] entry(byte[] zip, String name) throws IOException {
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
      ZipEntry e;
      while ((e = in.getNextEntry()) != null) {
        if (e.getName().equals(name)) {
          return in.readAllBytes();
        }
      }
    }
    throw new AssertionError("no entry " + name);
  }
}
