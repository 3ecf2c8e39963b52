package io.github.syntheticpatients.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingForkTest {
  /** Stands in for TrainCommand in a real child JVM: echoes its arguments, then exits with the status given. */
  public static final class FakeTrainCommand {
    public static void main(String[] args) {
      System.out.println("epoch 1/2 elapsed 0.1 s remaining 0.1 s");
      System.err.println("SLF4J(W): No SLF4J providers were found.");
      System.err.println("data.csv, line 3: expected 20 fields, found 19. Fix the row.");
      System.out.println("args " + String.join(" ", args));
      System.exit(Integer.parseInt(args[0]));
    }
  }

  @Test
  void streamsTheChildsLinesAndReportsItsExitStatus(@TempDir File dir) throws Exception {
    List<String> command =
        TrainingFork.command(
            new File(System.getProperty("java.home")),
            List.of("-Xmx64m"),
            List.of(new File(FakeTrainCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI())),
            List.of("2", "--seed", "7"));
    command.set(command.indexOf(TrainingFork.MAIN_CLASS), FakeTrainCommand.class.getName());
    List<String> out = new ArrayList<>();
    List<String> err = new ArrayList<>();

    TrainingFork.Outcome outcome = TrainingFork.run(command, dir, out::add, err::add);

    assertThat(outcome.exitCode()).isEqualTo(TrainingFork.EXIT_USER_ERROR);
    assertThat(out)
        .containsExactly(
            "epoch 1/2 elapsed 0.1 s remaining 0.1 s",
            "args 2 --seed 7 --parent-pid " + ProcessHandle.current().pid());
    assertThat(err).hasSize(2);
    assertThat(outcome.message()).isEqualTo("data.csv, line 3: expected 20 fields, found 19. Fix the row.");
    assertThat(command).contains("-Dai.djl.offline=true", "-Xmx64m");
  }
}
