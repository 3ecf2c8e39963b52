package io.github.syntheticpatients.runtime.gan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.syntheticpatients.runtime.InvalidInputException;
import java.util.List;
import org.junit.jupiter.api.Test;

class GanSettingsTest {

  @Test
  void ctganDefaultsAreThePublishedOnes() {
    GanSettings s = GanSettings.ctganDefaults();
    assertThat(s.kind()).isEqualTo(GanSettings.Kind.CTGAN);
    assertThat(
            List.of(
                s.epochs(),
                s.batchSize(),
                s.latentDim(),
                s.pac(),
                s.discriminatorSteps(),
                s.snapshotEvery()))
        .containsExactly(300, 500, 128, 10, 1, 0);
    assertThat(s.generatorDims()).containsExactly(256, 256);
    assertThat(s.discriminatorDims()).containsExactly(256, 256);
    assertThat(
            List.of(
                s.generatorLearningRate(),
                s.discriminatorLearningRate(),
                s.beta1(),
                s.beta2(),
                s.generatorWeightDecay(),
                s.discriminatorWeightDecay(),
                s.gradientPenalty(),
                s.dropout(),
                s.gumbelTau()))
        .containsExactly(2e-4, 2e-4, 0.5, 0.9, 1e-6, 1e-6, 10.0, 0.5, 0.2);
    assertThat(s.criticLayerNorm()).isFalse();
  }

  @Test
  void basicDefaultsHaveNoPacPenaltyOrDropout() {
    GanSettings s = GanSettings.basicDefaults();
    assertThat(s.kind()).isEqualTo(GanSettings.Kind.BASIC);
    assertThat(List.of(s.latentDim(), s.pac())).containsExactly(64, 1);
    assertThat(s.generatorDims()).containsExactly(128, 128);
    assertThat(List.of(s.beta2(), s.generatorWeightDecay(), s.gradientPenalty(), s.dropout()))
        .containsExactly(0.999, 0.0, 0.0, 0.0);
  }

  @Test
  void toBuilderKeepsEveryOtherField() {
    GanSettings custom =
        GanSettings.builder(GanSettings.Kind.CTGAN)
            .optEpochs(7)
            .optBatchSize(12)
            .optLatentDim(3)
            .optGeneratorDims(List.of(5))
            .optDiscriminatorDims(List.of(6))
            .optPac(2)
            .optGeneratorLearningRate(0.1)
            .optDiscriminatorLearningRate(0.2)
            .optBeta1(0.3)
            .optBeta2(0.4)
            .optGeneratorWeightDecay(0.01)
            .optDiscriminatorWeightDecay(0.02)
            .optGradientPenalty(4)
            .optDiscriminatorSteps(3)
            .optDropout(0.25)
            .optCriticLayerNorm(true)
            .optGumbelTau(0.7)
            .optSnapshotEvery(2)
            .optInformationLoss(0.5)
            .optClassifierLoss(2, "death")
            .build();
    GanSettings changed = custom.toBuilder().optEpochs(9).build();
    assertThat(custom.toBuilder().build()).isEqualTo(custom).hasSameHashCodeAs(custom);
    assertThat(changed).isNotEqualTo(custom);
    assertThat(custom.toBuilder().optCriticLayerNorm(false).build()).isNotEqualTo(custom);
    assertThat(changed.toString()).isEqualTo(custom.toString().replace("epochs=7", "epochs=9"));
    assertThat(changed.toString())
        .isEqualTo(
            "GanSettings[kind=CTGAN, epochs=9, batchSize=12, latentDim=3,"
                + " generatorDims=[5], discriminatorDims=[6], pac=2, generatorLearningRate=0.1, discriminatorLearningRate=0.2,"
                + " beta1=0.3, beta2=0.4, generatorWeightDecay=0.01, discriminatorWeightDecay=0.02, gradientPenalty=4.0,"
                + " discriminatorSteps=3, dropout=0.25, criticLayerNorm=true, gumbelTau=0.7,"
                + " snapshotEvery=2, informationLoss=0.5, classifierLoss=2.0, classifierTarget=death]");
  }

  @Test
  void smallTablesGetNarrowerNetworksAndMoreEpochs() {
    GanSettings s = GanSettings.forData(GanSettings.Kind.CTGAN, 400);
    // batch: a quarter of 400 rows, rounded up to pac 10 = 100; 4 steps an epoch; 3,000 steps = 750
    // epochs.
    assertThat(List.of(s.batchSize(), s.epochs())).containsExactly(100, 750);
    assertThat(s.generatorDims()).containsExactly(128, 128);
    assertThat(s.latentDim()).isEqualTo(128);
  }

  @Test
  void buildNamesTheParameterAndTheFix() {
    assertThatThrownBy(() -> GanSettings.builder().optDropout(1).build())
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining(
            "dropout must be in [0, 1), was 1.0; set a value from 0 up to but not 1")
        .satisfies(e -> assertThat(((InvalidInputException) e).parameter()).isEqualTo("dropout"));
    assertThatThrownBy(() -> GanSettings.builder().optDiscriminatorDims(List.of()).build())
        .hasMessageContaining("give discriminatorDims at least one width");
    assertThatThrownBy(() -> GanSettings.builder().optEpochs(0).build())
        .satisfies(e -> assertThat(((InvalidInputException) e).parameter()).isEqualTo("epochs"));
  }
}
