package io.github.syntheticpatients.runtime.sampling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.syntheticpatients.runtime.GenerateRequest;
import io.github.syntheticpatients.runtime.GenerateResult;
import io.github.syntheticpatients.runtime.InvalidInputException;
import io.github.syntheticpatients.runtime.OutputFormat;
import io.github.syntheticpatients.runtime.TestData;
import io.github.syntheticpatients.runtime.TrainedCopula;
import io.github.syntheticpatients.runtime.UnknownModelException;
import io.github.syntheticpatients.runtime.io.json.JsonFiles;
import io.github.syntheticpatients.runtime.model.ModelFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenerationTest {
  @TempDir static Path dir;
  private static Path model;
  private static String modelSha;

  @BeforeAll
  static void train() throws IOException {
    model = TrainedCopula.train(dir.resolve("model")).output();
    modelSha = ModelFile.sha256(Files.readAllBytes(model));
  }

  @Test
  void writesCsvWithAProvenanceFile() throws IOException {
    Path output = dir.resolve("out/nested/patients.csv");
    GenerateResult result =
        Generation.generate(
            new GenerateRequest(
                model.toString(),
                25,
                7,
                "synthetic.seed",
                output,
                OutputFormat.CSV,
                List.of("sex=f", "age>=40")));

    assertThat(result.rows()).isEqualTo(25);
    assertThat(result.seed()).isEqualTo(7);
    assertThat(result.modelId()).isEqualTo("pbc");
    assertThat(result.modelSha256()).isEqualTo(modelSha);
    // the copula fixes sex by conditioning; the range is met by rejection, which this rate reports
    assertThat(result.acceptanceRate()).isGreaterThan(0).isLessThan(1);
    assertThat(result.output()).isEqualTo(output.toAbsolutePath());
    List<String> lines = Files.readAllLines(output);
    assertThat(lines).hasSize(26);
    assertThat(lines.get(0)).startsWith("id,time,status,trt,age,sex,");
    assertThat(lines.get(1)).startsWith("1,");
    assertThat(lines.subList(1, 26))
        .allSatisfy(l -> assertThat(l.split(",", -1)[5]).isEqualTo("f"));

    Path provenanceFile = dir.resolve("out/nested/patients.csv.provenance.json");
    assertThat(result.provenance()).isEqualTo(provenanceFile.toAbsolutePath());
    Map<String, Object> provenance = JsonFiles.read(provenanceFile);
    assertThat(provenance)
        .containsEntry("rows", 25)
        .containsEntry("seed", 7)
        .containsEntry("seedSource", "synthetic.seed")
        .containsEntry("conditions", List.of("sex=f", "age>=40"))
        .containsEntry("format", "csv")
        .containsEntry("output", "patients.csv")
        .containsKey("versions")
        .containsKey("acceptanceRate");
    Map<?, ?> modelBlock = (Map<?, ?>) provenance.get("model");
    assertThat(modelBlock.get("sha256")).isEqualTo(modelSha);
    assertThat(modelBlock.get("id")).isEqualTo("pbc");
    assertThat(modelBlock.get("generator")).isEqualTo("copula");
    assertThat(modelBlock.get("trainingDataSha256"))
        .isEqualTo(ModelFile.sha256(Files.readAllBytes(TestData.path("pbc.csv"))));

    try (Stream<Path> files = Files.list(output.getParent())) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .as("no temporary files are left behind")
          .containsExactlyInAnyOrder("patients.csv", "patients.csv.provenance.json");
    }
  }

  @Test
  void writesJsonLines() throws IOException {
    Path output = dir.resolve("jsonl/patients.jsonl");
    Generation.generate(
        new GenerateRequest(model.toString(), 10, 3, null, output, OutputFormat.JSONL, null));
    List<String> lines = Files.readAllLines(output);
    assertThat(lines).hasSize(10).allSatisfy(l -> assertThat(l).startsWith("{\"id\":"));
    assertThat(
            JsonFiles.read(lines.get(0).getBytes(java.nio.charset.StandardCharsets.UTF_8), "line"))
        .containsKeys("age", "sex", "status");
    Map<String, Object> provenance =
        JsonFiles.read(dir.resolve("jsonl/patients.jsonl.provenance.json"));
    assertThat(provenance)
        .containsEntry("format", "jsonl")
        .containsEntry("seedSource", "explicit")
        .containsEntry("acceptanceRate", 1.0);
  }

  @Test
  void theSameRequestTwiceGivesByteIdenticalFiles() throws IOException {
    for (OutputFormat format : OutputFormat.values()) {
      Path a = dir.resolve("a/out." + format.extension());
      Path b = dir.resolve("b/out." + format.extension());
      List<String> conditions = List.of("age>=50", "status=2");
      Generation.generate(
          new GenerateRequest(model.toString(), 40, 99, "s", a, format, conditions));
      Generation.generate(
          new GenerateRequest(model.toString(), 40, 99, "s", b, format, conditions));
      assertThat(Files.readAllBytes(b)).as(format.name()).isEqualTo(Files.readAllBytes(a));
      assertThat(
              Files.readAllBytes(b.resolveSibling(b.getFileName() + Generation.PROVENANCE_SUFFIX)))
          .isEqualTo(
              Files.readAllBytes(a.resolveSibling(a.getFileName() + Generation.PROVENANCE_SUFFIX)));
      // a rerun over an existing file replaces it with the same bytes
      byte[] before = Files.readAllBytes(a);
      Generation.generate(
          new GenerateRequest(model.toString(), 40, 99, "s", a, format, conditions));
      assertThat(Files.readAllBytes(a)).isEqualTo(before);
    }
  }

  @Test
  void zeroRowsWithConditionsWriteValidJson() throws IOException {
    Path output = dir.resolve("zero/out.csv");
    Generation.generate(
        new GenerateRequest(
            model.toString(), 0, 1, null, output, OutputFormat.CSV, List.of("age>=60")));
    assertThat(Files.readAllLines(output)).hasSize(1);
    assertThat(JsonFiles.read(dir.resolve("zero/out.csv.provenance.json")))
        .containsEntry("rows", 0);
  }

  @Test
  void aFailedGenerationLeavesNoOutput() throws IOException {
    Path output = dir.resolve("failed/out.csv");
    assertThatThrownBy(
            () ->
                Generation.generate(
                    new GenerateRequest(
                        model.toString(), 5, 1, null, output, OutputFormat.CSV, List.of("sex=x"))))
        .isInstanceOf(InvalidInputException.class);
    assertThat(output).doesNotExist();
    assertThatThrownBy(
            () ->
                Generation.generate(
                    new GenerateRequest(
                        dir.resolve("nope.synth").toString(),
                        5,
                        1,
                        null,
                        output,
                        OutputFormat.CSV,
                        null)))
        .isInstanceOf(UnknownModelException.class);
    assertThat(output).doesNotExist();
  }

  @Test
  void refusesNegativeRowsAndThreadsBeforeWriting() {
    Path output = dir.resolve("refused/out.csv");
    // Any count streams (GenerationThreadsTest in model-zoo; its heap: GenerationBenchmark's heap
    // mode); a negative one is refused before a file is opened.
    assertThatThrownBy(
            () ->
                Generation.generate(
                    new GenerateRequest(
                        model.toString(), -1, 1, null, output, OutputFormat.CSV, null)))
        .isInstanceOfSatisfying(
            InvalidInputException.class, e -> assertThat(e.parameter()).isEqualTo("rows"))
        .hasMessageContaining("rows must be 0 or more, was -1");
    assertThatThrownBy(
            () ->
                new GenerateRequest(
                    model.toString(), 10, 1, null, output, OutputFormat.CSV, null, 0))
        .isInstanceOfSatisfying(
            InvalidInputException.class, e -> assertThat(e.parameter()).isEqualTo("threads"))
        .hasMessageContaining("threads must be 1 or more, was 0; leave it unset for one per");
    assertThat(output.getParent()).doesNotExist();
  }
}
