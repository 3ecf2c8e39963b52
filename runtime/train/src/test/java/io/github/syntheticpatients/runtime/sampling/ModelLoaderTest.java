package io.github.syntheticpatients.runtime.sampling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.syntheticpatients.runtime.ModelFormatException;
import io.github.syntheticpatients.runtime.ModelListing;
import io.github.syntheticpatients.runtime.SampleRequest;
import io.github.syntheticpatients.runtime.SyntheticModel;
import io.github.syntheticpatients.runtime.TrainedCopula;
import io.github.syntheticpatients.runtime.UnknownModelException;
import io.github.syntheticpatients.runtime.model.ModelFile;
import io.github.syntheticpatients.runtime.spi.ModelZooProvider;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelLoaderTest {
  @TempDir static Path dir;
  private static Path model;
  private static Path classpathRoot;

  @BeforeAll
  static void train() throws IOException {
    model = TrainedCopula.train(dir.resolve("trained")).output();
    classpathRoot = dir.resolve("classpath");
    Files.createDirectories(classpathRoot.resolve("models"));
    Files.copy(model, classpathRoot.resolve("models/pbc-copula.synth"));
    Path services = classpathRoot.resolve("META-INF/services");
    Files.createDirectories(services);
    Files.writeString(
        services.resolve(ModelZooProvider.class.getName()), FakeZooProvider.class.getName() + "\n");
  }

  @Test
  void loadsAFileByPathWithItsNameAsId() throws IOException {
    SyntheticModel loaded = ModelLoader.load(model.toString());
    assertThat(loaded.id()).isEqualTo("pbc");
    assertThat(loaded.sha256()).isEqualTo(ModelFile.sha256(Files.readAllBytes(model)));
    assertThat(ModelLoader.load("  " + model + " ").id()).isEqualTo("pbc");
  }

  @Test
  void loadsAClasspathResource() throws Exception {
    SyntheticModel loaded =
        withClasspath(() -> ModelLoader.load("classpath:models/pbc-copula.synth"));
    assertThat(loaded.id()).isEqualTo("pbc-copula");
    assertThat(loaded.sample(SampleRequest.of(5, 1)).records()).hasSize(5);
    assertThat(withClasspath(() -> ModelLoader.load("classpath:/models/pbc-copula.synth")).id())
        .isEqualTo("pbc-copula");
    // without the prefix a reference that is no file is still tried on the classpath
    assertThat(withClasspath(() -> ModelLoader.load("models/pbc-copula.synth")).id())
        .isEqualTo("pbc-copula");
    assertThatThrownBy(() -> withClasspath(() -> ModelLoader.load("classpath:models/absent.synth")))
        .isInstanceOf(UnknownModelException.class)
        .hasMessageContaining("Unknown model 'classpath:models/absent.synth'");
  }

  @Test
  void loadsZooModelsByIdAndListsThem() throws Exception {
    FakeZooProvider.model = Files.readAllBytes(model);
    SyntheticModel loaded = withClasspath(() -> ModelLoader.load("tiny"));
    assertThat(loaded.id()).isEqualTo("tiny");
    assertThat(withClasspath(ModelLoader::zooModels))
        .extracting(ModelListing::id)
        .containsExactly("alpha", "tiny");
    assertThatThrownBy(() -> withClasspath(() -> ModelLoader.load("nope")))
        .isInstanceOfSatisfying(
            UnknownModelException.class,
            e -> {
              assertThat(e.reference()).isEqualTo("nope");
              assertThat(e.knownIds()).containsExactly("alpha", "tiny");
            })
        .hasMessageContaining("Known model ids: alpha, tiny");

    FakeZooProvider.model = "broken".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    assertThatThrownBy(() -> withClasspath(() -> ModelLoader.load("tiny")))
        .isInstanceOf(ModelFormatException.class)
        .hasMessageStartingWith("model-zoo:tiny is not a usable Synthetic Patients model");
  }

  @Test
  void anUnknownModelNamesTheReferenceAndTheMissingZoo() {
    assertThat(ModelLoader.zooModels()).isEmpty();
    assertThatThrownBy(() -> ModelLoader.load(dir.resolve("absent.synth").toString()))
        .isInstanceOf(UnknownModelException.class)
        .hasMessageContainingAll(
            "absent.synth",
            "not a model-zoo id, a classpath resource or an existing file",
            "(none; add synthetic-patients-model-zoo)");
    assertThatThrownBy(() -> ModelLoader.load(null))
        .isInstanceOfSatisfying(
            UnknownModelException.class, e -> assertThat(e.reference()).isEqualTo("default"));
    assertThatThrownBy(() -> ModelLoader.load(" "))
        .isInstanceOfSatisfying(
            UnknownModelException.class, e -> assertThat(e.reference()).isEqualTo("default"));
  }

  @Test
  void aDamagedFileIsAFormatErrorNamingIt() throws IOException {
    Path damaged = dir.resolve("damaged.synth");
    Files.writeString(damaged, "id,age\n1,2\n");
    assertThatThrownBy(() -> ModelLoader.load(damaged.toString()))
        .isInstanceOfSatisfying(
            ModelFormatException.class, e -> assertThat(e.source()).isEqualTo(damaged.toString()))
        .hasMessageContaining(damaged.toString());
  }

  @Test
  void idOfStripsTheExtensionOnly() {
    assertThat(ModelLoader.idOf("pbc.synth")).isEqualTo("pbc");
    assertThat(ModelLoader.idOf("pbc.v2.synth")).isEqualTo("pbc.v2");
    assertThat(ModelLoader.idOf("pbc.zip")).isEqualTo("pbc.zip");
    assertThat(ModelLoader.idOf("synth")).isEqualTo("synth");
    assertThat(ModelLoader.idOf(".synth")).isEmpty();
  }

  /**
   * Runs with a context class loader that adds the temporary classpath root (model resource and
   * fake zoo).
   */
  private static <T> T withClasspath(Callable<T> call) throws Exception {
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    try (URLClassLoader loader =
        new URLClassLoader(
            new URL[] {classpathRoot.toUri().toURL()}, ModelLoaderTest.class.getClassLoader())) {
      thread.setContextClassLoader(loader);
      return call.call();
    } finally {
      thread.setContextClassLoader(previous);
    }
  }
}
