package io.github.syntheticpatients.zoo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.syntheticpatients.runtime.ModelFormatException;
import io.github.syntheticpatients.runtime.ModelListing;
import io.github.syntheticpatients.runtime.PatientRecord;
import io.github.syntheticpatients.runtime.SampleRequest;
import io.github.syntheticpatients.runtime.SampleResult;
import io.github.syntheticpatients.runtime.SyntheticModel;
import io.github.syntheticpatients.runtime.UnknownModelException;
import io.github.syntheticpatients.runtime.model.ModelFile;
import io.github.syntheticpatients.runtime.sampling.ModelLoader;
import io.github.syntheticpatients.runtime.spi.ModelZooProvider;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ZooModelProviderTest {
  private static final List<String> PBC_COLUMNS =
      List.of(
          "id",
          "time",
          "status",
          "trt",
          "age",
          "sex",
          "ascites",
          "hepato",
          "spiders",
          "edema",
          "bili",
          "chol",
          "albumin",
          "copper",
          "alk.phos",
          "ast",
          "trig",
          "platelet",
          "protime",
          "stage");

  @Test
  void listsTheBundledModelsFromThreeDomainsWithTheirSummaries() {
    List<ModelZooProvider.Entry> models = new ZooModelProvider().models();
    assertThat(models)
        .extracting(ModelZooProvider.Entry::id)
        .containsExactly("default", "nafld1", "pbcseq", "pima", "rotterdam");
    Map<String, String> summaries =
        models.stream()
            .collect(Collectors.toMap(ModelZooProvider.Entry::id, ModelZooProvider.Entry::summary));
    assertThat(summaries.get("default"))
        .startsWith("Hepatology. Mayo Clinic primary biliary cholangitis trial")
        .contains("copula generator, 20 columns", "more rows held back");
    assertThat(summaries.get("pbcseq"))
        .startsWith("Hepatology. ")
        .contains("argn longitudinal generator", "up to 15 visits", "more patients held back");
    assertThat(summaries.get("rotterdam")).startsWith("Oncology. ").contains("argn generator");
    assertThat(summaries.get("pima")).startsWith("Endocrinology ").contains("copula generator");
    assertThat(summaries.get("nafld1")).startsWith("Metabolic ").contains("argn generator");

    assertThat(ModelLoader.zooModels())
        .containsExactlyElementsOf(
            models.stream()
                .map(m -> new ModelListing(m.id(), m.summary(), ZooModelProvider.class.getName()))
                .toList());
    assertThat(new ZooModelProvider().open("no-such-model")).isEmpty();
  }

  @Test
  void theDefaultModelLoadsAndSamplesPbcRecords() throws IOException {
    SyntheticModel model = ModelLoader.load("default");
    assertThat(model.id()).isEqualTo("default");
    assertThat(model.sha256()).isEqualTo(index().getProperty("default.sha256"));
    assertThat(model.info().generator()).isEqualTo("copula");
    assertThat(ModelLoader.load(null).sha256()).isEqualTo(model.sha256());

    List<PatientRecord> records = model.sample(SampleRequest.of(100, 1)).records();
    assertThat(records).hasSize(100);
    assertThat(records)
        .allSatisfy(r -> assertThat(r.columns()).containsExactlyElementsOf(PBC_COLUMNS));
    assertThat(records).extracting(r -> r.get("sex")).containsOnly("f", "m");
    assertThat(records.get(99).getString("id")).isEqualTo("100");
    assertThat(model.sample(SampleRequest.of(100, 1)).records()).isEqualTo(records);
  }

  @Test
  void thePbcseqModelSamplesWholePatientsInPlainJava() {
    SyntheticModel model = ModelLoader.load("pbcseq");
    assertThat(model.schema().isLongitudinal()).isTrue();
    assertThat(model.info().generator()).isEqualTo("argn");
    SampleResult sample = model.sample(new SampleRequest(50, 1, List.of("sex=f"), null));
    assertThat(sample.timelines())
        .hasSize(50)
        .allSatisfy(
            patient -> {
              assertThat(patient.attributes().get("sex")).isEqualTo("f");
              assertThat(patient.visits()).hasSizeBetween(1, 15);
              assertThat(patient.visits()).extracting(v -> v.getLong("day")).isSorted();
            });
    assertThat(model.sample(new SampleRequest(50, 1, List.of("sex=f"), null)).timelines())
        .isEqualTo(sample.timelines());
  }

  @Test
  void theIndexRecordsTheSha256OfTheBundledFile() throws IOException {
    Properties index = index();
    assertThat(index.getProperty("default.file")).isEqualTo("default.synth");
    try (InputStream in =
        ZooModelProvider.class.getResourceAsStream(ZooModelProvider.BASE + "default.synth")) {
      assertThat(in).isNotNull();
      assertThat(ModelFile.sha256(in.readAllBytes()))
          .isEqualTo(index.getProperty("default.sha256"));
    }
  }

  @Test
  void everyBundledModelCarriesItsCardAndItsPageNamesItsSha256() throws IOException {
    Properties index = index();
    for (ModelZooProvider.Entry entry : new ZooModelProvider().models()) {
      SyntheticModel model = ModelLoader.load(entry.id());
      assertThat(model.info().summary()).as(entry.id()).isEqualTo(entry.summary());
      assertThat(model.info().evaluation().keySet()).as(entry.id()).contains("card", "heldBack");
      // The page is rendered from the model by the rebuild; a stale page names another sha256.
      assertThat(Files.readString(Path.of("../docs/model-cards", entry.id() + ".md")))
          .as(entry.id())
          .contains("| model sha256 | `" + index.getProperty(entry.id() + ".sha256") + "` |");
    }
  }

  @Test
  void unknownIdsListTheZoo() {
    assertThatThrownBy(() -> ModelLoader.load("defualt"))
        .isInstanceOf(UnknownModelException.class)
        .hasMessageContaining("Known model ids: default, nafld1, pbcseq, pima, rotterdam");
  }

  @Test
  void aTamperedModelFileIsRefused(@TempDir Path dir) throws Exception {
    // A copy of the zoo (provider class, index) whose default.synth has one byte changed.
    Path resources = dir.resolve("io/github/syntheticpatients/zoo");
    Files.createDirectories(resources);
    byte[] bytes;
    try (InputStream in =
        ZooModelProvider.class.getResourceAsStream(ZooModelProvider.BASE + "default.synth")) {
      bytes = in.readAllBytes();
    }
    bytes[bytes.length / 2] ^= 1;
    Files.write(resources.resolve("default.synth"), bytes);
    URL zooClasses = ZooModelProvider.class.getProtectionDomain().getCodeSource().getLocation();
    try (ZooCopyLoader loader = new ZooCopyLoader(new URL[] {dir.toUri().toURL(), zooClasses})) {
      ModelZooProvider tampered =
          (ModelZooProvider)
              loader
                  .loadClass(ZooModelProvider.class.getName())
                  .getDeclaredConstructor()
                  .newInstance();
      assertThat(tampered.getClass()).isNotSameAs(ZooModelProvider.class);
      assertThat(tampered.models()).extracting(ModelZooProvider.Entry::id).contains("default");
      assertThatThrownBy(() -> tampered.open("default"))
          .isInstanceOfSatisfying(
              ModelFormatException.class,
              e -> assertThat(e.source()).isEqualTo("model-zoo:default"))
          .hasMessageContainingAll(
              "its sha256 is " + ModelFile.sha256(bytes),
              "the zoo index records " + index().getProperty("default.sha256"),
              "the synthetic-patients-model-zoo jar is damaged",
              "so that Maven downloads it again",
              "mvn -pl model-zoo -am -Prebuild-zoo verify");
    }
  }

  private static Properties index() throws IOException {
    Properties index = new Properties();
    try (InputStream in = ZooModelProvider.class.getResourceAsStream(ZooModelProvider.INDEX)) {
      index.load(in);
    }
    return index;
  }

  /**
   * Loads the zoo's classes and resources from its own URLs (first match wins), everything else
   * from the tests.
   */
  private static final class ZooCopyLoader extends URLClassLoader {
    private static final String ZOO = "io.github.syntheticpatients.zoo.";

    ZooCopyLoader(URL[] urls) {
      super(urls, ZooModelProviderTest.class.getClassLoader());
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      if (!name.startsWith(ZOO)) {
        return super.loadClass(name, resolve);
      }
      synchronized (getClassLoadingLock(name)) {
        Class<?> loaded = findLoadedClass(name);
        return loaded != null ? loaded : findClass(name);
      }
    }

    @Override
    public URL getResource(String name) {
      return name.startsWith(ZOO.replace('.', '/')) ? findResource(name) : super.getResource(name);
    }
  }
}
