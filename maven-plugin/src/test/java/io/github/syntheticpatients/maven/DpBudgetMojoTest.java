package io.github.syntheticpatients.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.syntheticpatients.runtime.training.DpBudgetRequest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Field;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.SystemStreamLog;
import org.junit.jupiter.api.Test;

/**
 * synthetic:dp-budget maps its properties onto one planner request, prints the answer with a
 * machine-readable last line, and names the property to change when the request is refused.
 */
class DpBudgetMojoTest {
  private static final Pattern EPSILON_LINE = Pattern.compile("epsilon=(\\S+) order=(\\S+)");

  @Test
  void printsEpsilonAndTheOrderOfTensorFlowPrivacysStatement() throws Exception {
    // TF Privacy's test_dp_sgd_privacy_statement: 10,000 patients, batch 64, 5 epochs, σ = 1, δ =
    // 1e-6 → ε = 1.6163940713 at α = 9.3 (docs/privacy-dp.md, R11).
    Run run =
        run(
            "datasetSize", 10_000L,
            "batchSize", 64,
            "epochs", 5.0,
            "noiseMultiplier", 1.0,
            "delta", 1e-6);
    Matcher last = EPSILON_LINE.matcher(run.lastLine);
    assertThat(last.matches()).as(run.lastLine).isTrue();
    assertThat(Double.parseDouble(last.group(1))).isCloseTo(1.6163940713, within(1e-9));
    assertThat(last.group(2)).isEqualTo("9.3");
    assertThat(run.info)
        .contains("  sampling rate q = 0.0064", "  steps T = 782", "  delta = 1.0E-6")
        .anySatisfy(line -> assertThat(line).startsWith("epsilon = 1.61639407"));
  }

  @Test
  void printsTheNoiseMultiplierForATargetEpsilon() throws Exception {
    // Opacus' get_noise_multiplier test: q = 0.04, 90 epochs, δ = 1e-5, ε ≤ 8 → σ = 1.416015625.
    // The standard accountant's wider grid and conservative series land on the same bisection
    // point here.
    Run run = run("samplingRate", 0.04, "epochs", 90.0, "delta", 1e-5, "epsilon", 8.0);
    assertThat(run.lastLine).isEqualTo("noiseMultiplier=1.416015625");
    assertThat(run.info)
        .anySatisfy(
            line ->
                assertThat(line)
                    .startsWith("The noise multiplier 1.416015625 gives epsilon = 7.99"));
  }

  @Test
  void deltaDefaultsFromTheDatasetSize() throws Exception {
    Run run =
        run("datasetSize", 100_000L, "batchSize", 1000, "steps", 100L, "noiseMultiplier", 2.0);
    // min(1e-5, 100,000^-1.1) = 10^-5.5
    assertThat(run.info)
        .anySatisfy(
            line ->
                assertThat(line)
                    .startsWith("  delta = 3.16227766016")
                    .endsWith("(default: min(1e-5, datasetSize^-1.1))"));
    assertThat(run.lastLine).matches(EPSILON_LINE);
  }

  @Test
  void refusalsNameThePropertyAndTheFix() {
    assertRefused(
        "-Dsynthetic.dp.samplingRate (<samplingRate> in the POM): give samplingRate, or batchSize"
            + " with datasetSize, not both",
        "samplingRate",
        0.01,
        "batchSize",
        64,
        "datasetSize",
        6400L,
        "steps",
        10L,
        "noiseMultiplier",
        1.0,
        "delta",
        1e-5);
    assertRefused(
        "-Dsynthetic.dp.datasetSize (<datasetSize> in the POM): batchSize needs datasetSize",
        "batchSize",
        64,
        "steps",
        10L,
        "noiseMultiplier",
        1.0,
        "delta",
        1e-5);
    assertRefused(
        "-Dsynthetic.dp.noiseMultiplier (<noiseMultiplier> in the POM): give noiseMultiplier (to"
            + " compute ε) or epsilon",
        "samplingRate",
        0.01,
        "steps",
        10L,
        "noiseMultiplier",
        1.0,
        "epsilon",
        3.0,
        "delta",
        1e-5);
    assertRefused(
        "-Dsynthetic.dp.noiseMultiplier (<noiseMultiplier> in the POM): give noiseMultiplier to"
            + " compute ε, or epsilon",
        "samplingRate",
        0.01,
        "steps",
        10L,
        "delta",
        1e-5);
    assertRefused(
        "-Dsynthetic.epochs (<epochs> in the POM): the length of training is missing: give epochs or"
            + " steps.",
        "samplingRate",
        0.01,
        "noiseMultiplier",
        1.0,
        "delta",
        1e-5);
    assertRefused(
        "-Dsynthetic.dp.steps (<steps> in the POM): give epochs or steps, not both",
        "samplingRate",
        0.01,
        "epochs",
        1.0,
        "steps",
        10L,
        "noiseMultiplier",
        1.0,
        "delta",
        1e-5);
    assertRefused(
        "-Dsynthetic.dp.delta (<delta> in the POM): delta=0.001 is not below 1/datasetSize = 1/1000",
        "datasetSize",
        1000L,
        "batchSize",
        10,
        "steps",
        10L,
        "noiseMultiplier",
        1.0,
        "delta",
        1e-3);
    assertRefused(
        "-Dsynthetic.dp.delta (<delta> in the POM): delta is missing and cannot default without"
            + " datasetSize",
        "samplingRate",
        0.01,
        "steps",
        10L,
        "noiseMultiplier",
        1.0);
    assertRefused(
        "-Dsynthetic.batchSize (<batchSize> in the POM): batchSize must be between 1 and"
            + " datasetSize = 100; got 500",
        "datasetSize",
        100L,
        "batchSize",
        500,
        "steps",
        10L,
        "noiseMultiplier",
        1.0);
  }

  @Test
  void everyRequestParameterMapsToAPropertyOfTheGoal() throws Exception {
    List<String> components =
        Arrays.stream(DpBudgetRequest.class.getRecordComponents())
            .map(RecordComponent::getName)
            .toList();
    assertThat(DpBudgetMojo.PROPERTY_BY_PARAMETER).containsOnlyKeys(components);
    PluginReference.Goal goal =
        PluginReference.read(
                Path.of(
                    System.getProperty(
                        "synthetic.pluginDescriptor", "target/classes/META-INF/maven/plugin.xml")))
            .stream()
            .filter(g -> g.name().equals(DpBudgetMojo.GOAL_NAME))
            .findFirst()
            .orElseThrow();
    assertThat(goal.requiresProject()).isFalse();
    for (String parameter : components) {
      assertThat(goal.parameters())
          .as("the goal's <%s>", parameter)
          .anySatisfy(
              p -> {
                assertThat(p.name()).isEqualTo(parameter);
                assertThat(p.property())
                    .isEqualTo(DpBudgetMojo.PROPERTY_BY_PARAMETER.get(parameter));
              });
    }
  }

  private static void assertRefused(String message, Object... nameThenValue) {
    assertThatThrownBy(() -> run(nameThenValue))
        .isInstanceOf(MojoFailureException.class)
        .hasMessageStartingWith(message);
  }

  /** The goal's log and standard output after a run with the given parameters. */
  private record Run(List<String> info, String lastLine) {}

  private static Run run(Object... nameThenValue) throws Exception {
    DpBudgetMojo mojo = new DpBudgetMojo();
    for (int i = 0; i < nameThenValue.length; i += 2) {
      // As Maven injects a parameter: straight into the private field.
      Field field = DpBudgetMojo.class.getDeclaredField((String) nameThenValue[i]);
      field.setAccessible(true);
      field.set(mojo, nameThenValue[i + 1]);
    }
    List<String> info = new ArrayList<>();
    mojo.setLog(
        new SystemStreamLog() {
          @Override
          public void info(CharSequence content) {
            info.add(content.toString());
          }
        });
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    mojo.printTo(new PrintStream(out, true, StandardCharsets.UTF_8));
    mojo.execute();
    List<String> printed = out.toString(StandardCharsets.UTF_8).lines().toList();
    assertThat(printed).as("one machine-readable line on standard output").hasSize(1);
    return new Run(info, printed.get(0));
  }
}
