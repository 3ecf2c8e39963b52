package io.github.syntheticpatients.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.syntheticpatients.runtime.GenerateRequest;
import io.github.syntheticpatients.runtime.InvalidInputException;
import io.github.syntheticpatients.runtime.OutputFormat;
import io.github.syntheticpatients.runtime.TrainSettings;
import io.github.syntheticpatients.runtime.sampling.Generation;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generate goal's parameters as the runtime gets them, against the bundled default model. */
class GenerateMojoTest {
  @Test
  void balanceReachesTheSamplerAndTheProvenance(@TempDir Path dir) throws Exception {
    Path output = dir.resolve("balanced.csv");
    GenerateRequest request =
        GenerateMojo.request(
            "default", 4096, 5L, output.toFile(), OutputFormat.CSV, List.of("sex=f"), 2, "status");
    assertThat(request.balance()).isEqualTo("status");
    assertThat(request.seedSource()).isEqualTo(PropertyNames.SEED);
    assertThat(request.threads()).isEqualTo(2);

    Generation.generate(request);
    List<String> lines = Files.readAllLines(output, StandardCharsets.UTF_8);
    int status = Arrays.asList(lines.get(0).split(",")).indexOf("status");
    Map<String, Long> counts =
        lines.subList(1, lines.size()).stream()
            .collect(
                Collectors.groupingBy(
                    line -> line.split(",", -1)[status], TreeMap::new, Collectors.counting()));
    // One full block of 4,096 records: 1365.33 each, the row left over to the first category.
    assertThat(counts).isEqualTo(Map.of("0", 1366L, "1", 1365L, "2", 1365L));
    assertThat(Files.readString(dir.resolve("balanced.csv.provenance.json")))
        .containsPattern("\"balance\"\\s*:\\s*\"status\"");
  }

  @Test
  void unsetParametersMeanNoBalanceAndTheDefaultSeed(@TempDir Path dir) {
    GenerateRequest request =
        GenerateMojo.request(
            "default", 10, null, dir.resolve("x.csv").toFile(), OutputFormat.CSV, null, null, null);
    assertThat(request.balance()).isEmpty();
    assertThat(request.conditions()).isEmpty();
    assertThat(request.seed()).isEqualTo(TrainSettings.DEFAULT_SEED);
    assertThat(request.seedSource()).isEqualTo(GenerateMojo.DEFAULT_SEED_SOURCE);
    assertThat(request.threads()).isEqualTo(GenerateRequest.defaultThreads());
  }

  @Test
  void aBadBalanceNamesThePropertyAndThePomElement(@TempDir Path dir) {
    GenerateRequest request =
        GenerateMojo.request(
            "default", 10, 1L, dir.resolve("x.csv").toFile(), OutputFormat.CSV, null, 1, "age");
    InvalidInputException e =
        catchThrowableOfType(InvalidInputException.class, () -> Generation.generate(request));
    assertThat(Failures.map(e, Map.of()))
        .hasMessage(
            "Invalid -Dsynthetic.balance (<balance> in the POM): balance 'age' cannot be used: 'age'"
                + " is numeric; only a categorical or binary column can be balanced (for a numeric"
                + " outcome use a range condition such as age>=10)");
    assertThat(Files.exists(dir.resolve("x.csv"))).isFalse();
  }
}
