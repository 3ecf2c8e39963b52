package io.github.syntheticpatients.runtime.gan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.syntheticpatients.runtime.InvalidInputException;
import org.junit.jupiter.api.Test;

class TimelineGanSettingsTest {

  @Test
  void defaultsAreTheDocumentedOnes() {
    assertThat(TimelineGanSettings.defaults().toString())
        .isEqualTo(
            "TimelineGanSettings[epochs=300, batchSize=32,"
                + " latentDim=16, lstmHidden=64, mlpHidden=64, criticHidden=64, criticSteps=5, generatorLearningRate=0.001,"
                + " criticLearningRate=0.001, beta1=0.5, beta2=0.9, penaltyWeight=10.0, finiteDifferenceStep=0.01,"
                + " correlationWeight=1.0, curriculum=true, momentWeight=1.0, staticNoise=0.0]");
  }

  @Test
  void toBuilderKeepsEveryOtherField() {
    TimelineGanSettings custom =
        TimelineGanSettings.builder()
            .optEpochs(3)
            .optBatchSize(4)
            .optLatentDim(5)
            .optLstmHidden(6)
            .optMlpHidden(7)
            .optCriticHidden(8)
            .optCriticSteps(2)
            .optGeneratorLearningRate(0.1)
            .optCriticLearningRate(0.2)
            .optBeta1(0.3)
            .optBeta2(0.4)
            .optPenaltyWeight(5)
            .optFiniteDifferenceStep(0.02)
            .optCorrelationWeight(0.5)
            .optCurriculum(false)
            .optMomentWeight(2)
            .optStaticNoise(0.1)
            .build();
    TimelineGanSettings changed = custom.toBuilder().optStaticNoise(0.3).build();
    assertThat(custom.toBuilder().build()).isEqualTo(custom).hasSameHashCodeAs(custom);
    assertThat(changed).isNotEqualTo(custom);
    assertThat(changed.toString())
        .isEqualTo(
            "TimelineGanSettings[epochs=3, batchSize=4, latentDim=5, lstmHidden=6,"
                + " mlpHidden=7, criticHidden=8, criticSteps=2, generatorLearningRate=0.1, criticLearningRate=0.2, beta1=0.3,"
                + " beta2=0.4, penaltyWeight=5.0, finiteDifferenceStep=0.02, correlationWeight=0.5, curriculum=false,"
                + " momentWeight=2.0, staticNoise=0.3]");
  }

  @Test
  void forDataAimsForAThousandGeneratorSteps() {
    TimelineGanSettings s = TimelineGanSettings.forData(312, 16);
    // batch 32, 9 steps an epoch: ceil(1,000 / 9) = 112 epochs.
    assertThat(s.batchSize()).isEqualTo(32);
    assertThat(s.epochs()).isEqualTo(112);
  }

  @Test
  void buildNamesTheParameterAndTheFix() {
    assertThatThrownBy(() -> TimelineGanSettings.builder().optBeta2(1).build())
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining(
            "beta2 must be in [0, 1), was 1.0; set a value from 0 up to but not 1")
        .satisfies(e -> assertThat(((InvalidInputException) e).parameter()).isEqualTo("beta2"));
    assertThatThrownBy(() -> TimelineGanSettings.builder().optPenaltyWeight(-1).build())
        .hasMessageContaining("penaltyWeight must be 0 or more, was -1.0; use 0 to turn it off");
  }
}
