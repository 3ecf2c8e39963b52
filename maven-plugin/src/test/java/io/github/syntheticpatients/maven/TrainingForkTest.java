package io.github.syntheticpatients.maven;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.syntheticpatients.runtime.TrainRequest;
import io.github.syntheticpatients.runtime.training.TrainProtocol;
import java.io.File;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingForkTest {
  /**
   * Stands in for TrainCommand in a real child JVM: echoes its arguments, then exits as for a user
   * error.
   */
  public static final class FakeTrainCommand {
    public static void main(String[] args) {
      System.out.println("epoch 1/2 elapsed 0.1 s remaining 0.1 s");
      System.err.println("SLF4J(W): No SLF4J providers were found.");
      System.err.println("data.csv, line 3: expected 20 fields, found 19. Fix the row.");
      System.out.println("args " + String.join(" ", args));
      System.exit(TrainProtocol.EXIT_USER_ERROR);
    }
  }

  /**
   * Stands in for TrainCommand: reads the request file through {@link TrainProtocol}, as the real
   * one does, writes "model" to its output, then exits with the status in its seed.
   */
  public static final class WritingTrainCommand {
    public static void main(String[] args) throws java.io.IOException {
      List<String> list = List.of(args);
      TrainRequest request =
          TrainProtocol.read(
              java.nio.file.Path.of(list.get(list.indexOf(TrainProtocol.REQUEST) + 1)));
      java.nio.file.Path output = request.output();
      java.nio.file.Files.writeString(output, "model from " + output.getFileName());
      System.out.println("Wrote model " + output);
      System.exit((int) request.settings().seed());
    }
  }

  @Test
  void onlyThisSideMovesTheChildsModelIntoPlace(@TempDir File dir) throws Exception {
    java.nio.file.Path model = dir.toPath().resolve("models/m.synth");
    List<String> out = new ArrayList<>();

    TrainingFork.Outcome done = train(WritingTrainCommand.class, model, 0, out);

    assertThat(done.exitCode()).isZero();
    assertThat(model).content().startsWith("model from m.synth.").endsWith(".training");
    assertThat(out).containsExactly("Wrote model " + model);
    assertThat(model.getParent().toFile().list()).containsExactly("m.synth");
    String trained = java.nio.file.Files.readString(model);

    // A failed child wrote its staging file too; the model stays as it was and the staging file
    // goes.
    TrainingFork.Outcome failed = train(WritingTrainCommand.class, model, 2, out);

    assertThat(failed.exitCode()).isEqualTo(2);
    assertThat(model).content().isEqualTo(trained);
    assertThat(model.getParent().toFile().list()).containsExactly("m.synth");
  }

  private static TrainingFork.Outcome train(
      Class<?> main, java.nio.file.Path model, int exit, List<String> out) throws Exception {
    TrainRequest request =
        new TrainRequest(
            model.resolveSibling("data.csv"),
            null,
            model,
            io.github.syntheticpatients.runtime.TrainSettings.defaults().withSeed(exit),
            false);
    return TrainingFork.train(
        new File(System.getProperty("java.home")),
        List.of("-Xmx64m"),
        testClasspath(),
        main.getName(),
        request,
        model.getParent().getParent().toFile(),
        out::add,
        line -> {});
  }

  /**
   * This JVM's classpath: the stand-ins read the request with the runtime's {@link TrainProtocol}.
   */
  private static List<File> testClasspath() {
    List<File> classpath = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      classpath.add(new File(entry));
    }
    return classpath;
  }

  @Test
  void streamsTheChildsLinesAndReportsItsExitStatus(@TempDir File dir) throws Exception {
    List<String> command =
        TrainingFork.command(
            new File(System.getProperty("java.home")),
            List.of("-Xmx64m"),
            List.of(
                new File(
                    FakeTrainCommand.class
                        .getProtectionDomain()
                        .getCodeSource()
                        .getLocation()
                        .toURI())),
            dir.toPath().resolve("request.json"));
    command.set(command.indexOf(TrainProtocol.MAIN_CLASS), FakeTrainCommand.class.getName());
    List<String> out = new ArrayList<>();
    List<String> err = new ArrayList<>();

    TrainingFork.Outcome outcome = TrainingFork.run(command, dir, out::add, err::add, () -> {});

    assertThat(outcome.exitCode()).isEqualTo(TrainProtocol.EXIT_USER_ERROR);
    assertThat(out)
        .containsExactly(
            "epoch 1/2 elapsed 0.1 s remaining 0.1 s",
            "args --request "
                + dir.toPath().resolve("request.json").toAbsolutePath()
                + " --parent-pid "
                + ProcessHandle.current().pid());
    assertThat(err).hasSize(2);
    assertThat(outcome.message())
        .isEqualTo("data.csv, line 3: expected 20 fields, found 19. Fix the row.");
    assertThat(command).contains("-Dai.djl.offline=true", "-Xmx64m");
  }

  @Test
  void theGpuProbesWarningAndSlf4jsNoticeAreNoiseAndTheChildsMessageIsNot() {
    TrainingFork.Outcome outcome =
        new TrainingFork.Outcome(
            TrainProtocol.EXIT_OK,
            List.of(
                "SLF4J(W): No SLF4J providers were found.",
                "[main] WARN ai.djl.util.cuda.CudaUtils - Failed to detect GPU count: CUDA driver"
                    + " version is insufficient for CUDA runtime version (35)",
                "",
                "  Column 'copper' has only 3 training values  "));

    assertThat(outcome.meaningful()).containsExactly("Column 'copper' has only 3 training values");
    assertThat(outcome.message()).isEqualTo("Column 'copper' has only 3 training values");
  }
}
