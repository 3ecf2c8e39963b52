package io.github.syntheticpatients.runtime.gan;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.syntheticpatients.runtime.Versions;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DjlEngineTest {

  /**
   * The provenance block names the engine torch really runs with, not just the requested settings.
   */
  @Test
  void numericsRecordTheEngineAndTheThreadsTorchUses() {
    Map<String, Object> numerics = DjlEngine.numerics();

    assertThat(numerics)
        .containsOnlyKeys(
            "engine", "intraOpThreads", "interOpThreads", "onednnMaxCpuIsa", "atenCpuCapability");
    assertThat(numerics.get("engine")).isEqualTo("PyTorch " + Versions.get("pytorch.version"));
    // The build's argLine sets one intra-op thread; DjlEngine sets one inter-op thread when nobody
    // else did.
    assertThat(System.getProperty(DjlEngine.THREADS_PROPERTY)).isEqualTo("1");
    assertThat(numerics.get("intraOpThreads")).isEqualTo(1);
    assertThat(numerics.get("interOpThreads")).isEqualTo(1);
    // .ci/run reruns this test with ONEDNN_MAX_CPU_ISA set.
    String cap = System.getenv("ONEDNN_MAX_CPU_ISA");
    if (cap != null) {
      assertThat(numerics.get("onednnMaxCpuIsa")).isEqualTo("ONEDNN_MAX_CPU_ISA=" + cap);
    } else if (System.getenv("DNNL_MAX_CPU_ISA") == null) {
      assertThat(numerics.get("onednnMaxCpuIsa")).isEqualTo("unset");
    }
  }
}
