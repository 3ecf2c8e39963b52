package io.github.syntheticpatients.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.syntheticpatients.runtime.TrainRequest;
import io.github.syntheticpatients.runtime.TrainSettings;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A build cancelled while training leaves no training behind: a launcher JVM stands in for Maven
 * and trains through {@link TrainingFork#train}, the real launch path, into the real TrainCommand;
 * the test kills the launcher and checks that the training JVM ends and wrote no model. The
 * training is held mid-run by a schema file that is a named pipe: the test holds its write end
 * open, writing nothing more than an opening brace.
 */
class TrainingForkLifetimeTest {
  private static final long CHILD_START_SECONDS = 120;
  private static final long CHILD_EXIT_SECONDS = 30;

  /**
   * Stands in for the Maven JVM: trains {@code args[0]} with schema {@code args[1]} into {@code
   * args[2]}.
   */
  public static final class Launcher {
    public static void main(String[] args) throws Exception {
      List<File> classpath = new ArrayList<>();
      for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
        classpath.add(new File(entry));
      }
      TrainRequest request =
          new TrainRequest(
              Path.of(args[0]),
              Path.of(args[1]),
              Path.of(args[2]),
              TrainSettings.defaults(),
              false);
      Consumer<String> print = System.out::println;
      TrainingFork.Outcome outcome =
          TrainingFork.train(
              new File(System.getProperty("java.home")),
              List.of("-Xmx128m"),
              classpath,
              request,
              new File(args[2]).getParentFile(),
              print,
              print);
      System.exit(outcome.exitCode());
    }
  }

  @TempDir Path dir;

  @Test
  void trainingEndsAndWritesNothingWhenTheBuildIsKilled() throws Exception {
    checkTrainingEndsWhenTheBuildStops(Process::destroyForcibly);
  }

  @Test
  void trainingEndsAndWritesNothingWhenTheBuildIsTerminated() throws Exception {
    checkTrainingEndsWhenTheBuildStops(Process::destroy);
  }

  private void checkTrainingEndsWhenTheBuildStops(Consumer<Process> stopBuild) throws Exception {
    assumeTrue(!System.getProperty("os.name").startsWith("Windows"), "named pipes via mkfifo");
    Path csv = dir.resolve("data.csv");
    Files.writeString(csv, "age,sex\n61,f\n47,m\n", StandardCharsets.UTF_8);
    Path schema = dir.resolve("schema.json");
    assertThat(new ProcessBuilder("mkfifo", schema.toString()).inheritIO().start().waitFor())
        .isZero();
    Path model = dir.resolve("model.synth");

    Process launcher =
        new ProcessBuilder(
                new File(new File(System.getProperty("java.home"), "bin"), "java").getPath(),
                "-Xmx128m",
                "-cp",
                System.getProperty("java.class.path"),
                Launcher.class.getName(),
                csv.toString(),
                schema.toString(),
                model.toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("launcher.log").toFile())
            .start();
    // Opening the pipe for writing returns once the training JVM has opened it to read its schema.
    CompletableFuture<OutputStream> schemaWriter =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return Files.newOutputStream(schema);
              } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
            });
    OutputStream heldOpen = schemaWriter.get(CHILD_START_SECONDS, TimeUnit.SECONDS);
    try {
      heldOpen.write('{');
      heldOpen.flush();
      Optional<ProcessHandle> training = launcher.toHandle().children().findFirst();
      assertThat(training).as("the training JVM, a child of the launcher").isPresent();
      // The command line in /proc is cut short after the classpath; its start is ours.
      assertThat(training.get().info().commandLine().orElse("")).contains("-Dai.djl.offline=true");

      stopBuild.accept(launcher);
      launcher.onExit().get(CHILD_EXIT_SECONDS, TimeUnit.SECONDS);
      training.get().onExit().get(CHILD_EXIT_SECONDS, TimeUnit.SECONDS);

      assertThat(training.get().isAlive()).isFalse();
      assertThat(model).doesNotExist();
      assertThat(dir.toFile().list())
          .containsExactlyInAnyOrder("data.csv", "schema.json", "launcher.log");
    } finally {
      try {
        heldOpen.close();
      } catch (IOException e) {
        // The reader is gone: the pipe is broken, as expected.
      }
    }
  }
}
