package io.github.syntheticpatients.runtime.dp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The published reference values of docs/privacy-dp.md (R1–R11, from the Opacus, dp_accounting and
 * TensorFlow Privacy test suites), each to the precision its source states.
 */
class ReferenceVectorsTest {
  private static final double[] ORDERS_2_TO_32 =
      IntStream.rangeClosed(2, 32).asDoubleStream().toArray();

  @Test
  void r1OpacusAccountantTest() {
    // opacus accountants_test.py::test_rdp_accountant: 90 epochs at q = 0.04 → (int)(90/0.04).
    PrivacySpent spent =
        RdpAccountant.opacusCompatible().epsilon(0.04, 1.5, (long) (90 / 0.04), 1e-5);
    assertThat(spent.epsilon()).isCloseTo(7.32911117143, within(1e-9));
    assertThat(spent.order()).isEqualTo(3.9);
  }

  @Test
  void r4OpacusDocstringComposesTwoStages() {
    RdpAccountant accountant = RdpAccountant.opacusCompatible().withOrders(ORDERS_2_TO_32);
    PrivacyLedger ledger = new PrivacyLedger(accountant);
    ledger.record(1e-5, 1.0, 10);
    ledger.record(1e-4, 3.0, 4);
    PrivacySpent spent = ledger.spent(1e-5);
    assertThat(spent.epsilon()).isCloseTo(0.3363440634, within(1e-9));
    assertThat(spent.order()).isEqualTo(23);
    assertThat(ledger.entries())
        .containsExactly(
            new PrivacyLedger.Entry(1e-5, 1.0, 10), new PrivacyLedger.Entry(1e-4, 3.0, 4));
  }

  @Test
  void r6TensorFlowPrivacyTest0() {
    // n = 60000, batch 150, 15 epochs: q = 150/60000, T = ceil(15·60000/150) = 6000.
    PrivacySpent spent =
        RdpAccountant.standard()
            .withOrders(RdpOrders.tensorFlowLegacy())
            .epsilon(150 / 60000.0, 1.3, 6000, 1e-5);
    assertThat(spent.epsilon()).isCloseTo(0.7242234026109595, within(1e-12));
    assertThat(spent.order()).isEqualTo(19);
  }

  @Test
  void r7TensorFlowPrivacyTest1() {
    PrivacySpent spent =
        RdpAccountant.standard()
            .withOrders(RdpOrders.tensorFlowLegacy())
            .epsilon(100 / 1e5, 1.0, 30000, 1e-7);
    assertThat(spent.epsilon()).isCloseTo(1.4154988495444842, within(1e-12));
    assertThat(spent.order()).isEqualTo(13);
  }

  @Test
  void r9ConstantRdpConvertsBothWays() {
    // dp_accounting test_compute_epsilon_delta_pure_dp: ε_RDP = 1.1 at every order 2..32.
    RdpAccountant accountant = RdpAccountant.standard().withOrders(ORDERS_2_TO_32);
    double[] rdp = new double[ORDERS_2_TO_32.length];
    java.util.Arrays.fill(rdp, 1.1);
    PrivacySpent spent = accountant.epsilon(rdp, 1e-5);
    assertThat(spent.epsilon()).isCloseTo(1.32783806176, within(1e-10));
    assertThat(spent.order()).isEqualTo(32);
    assertThat(spent.orderAtEdge()).as("32 is the grid's largest order").isTrue();
    assertThat(accountant.delta(rdp, spent.epsilon()).delta()).isCloseTo(1e-5, within(1e-15));
  }

  @Test
  void r11TensorFlowPrivacyStatementConservativeSeries() {
    // q = 64/10000, σ = 1.0, T = ceil(5/q) = 782, δ = 1e-6, dp_accounting's orders.
    PrivacySpent spent = RdpAccountant.standard().epsilon(64 / 10000.0, 1.0, 782, 1e-6);
    assertThat(spent.epsilon()).isCloseTo(1.6163940713, within(1e-9));
    assertThat(spent.order()).isEqualTo(9.3);
    // Opacus' signed series differs only in the 8th digit.
    PrivacySpent signed =
        RdpAccountant.opacusCompatible()
            .withOrders(RdpOrders.dpAccounting())
            .epsilon(64 / 10000.0, 1.0, 782, 1e-6);
    assertThat(signed.epsilon()).isCloseTo(1.6163940713, within(1e-6));
  }

  @Test
  void noiseSearchMatchesOpacusGetNoiseMultiplier() {
    RdpAccountant opacus = RdpAccountant.opacusCompatible();
    NoiseSearch.Result byEpochs =
        NoiseSearch.noiseMultiplier(opacus, 0.04, (long) (90 / 0.04), 1e-5, 8);
    assertThat(byEpochs.noiseMultiplier()).isEqualTo(1.416015625);
    assertThat(byEpochs.spent().epsilon()).isBetween(8 - NoiseSearch.TOLERANCE, 8.0);
    NoiseSearch.Result bySteps = NoiseSearch.noiseMultiplier(opacus, 0.04, 2000, 1e-5, 8);
    assertThat(bySteps.noiseMultiplier()).isEqualTo(1.356201171875);
  }
}
