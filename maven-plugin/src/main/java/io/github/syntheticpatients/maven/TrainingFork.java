package io.github.syntheticpatients.maven;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;

/**
 * Runs training in a child JVM, as Surefire forks tests: DJL's JNI library loads once per JVM and classloader, so
 * training in the Maven JVM would break on a second {@code synthetic:train} in the same build, a second module, or
 * another DJL-using plugin. The child's output lines are passed on as they come.
 */
final class TrainingFork {
  /** The command-line entry point in the runtime. */
  static final String MAIN_CLASS = "io.github.syntheticpatients.runtime.cli.TrainCommand";

  /** Exit status of the child for a problem the user fixes; its message is on stderr. */
  static final int EXIT_USER_ERROR = 2;

  /** What the child did. */
  record Outcome(int exitCode, List<String> stderr) {
    /** The stderr lines that carry the child's message, without logging-framework noise. */
    String message() {
      List<String> lines = new ArrayList<>();
      for (String line : stderr) {
        if (!line.isBlank() && !line.startsWith("SLF4J")) {
          lines.add(line.strip());
        }
      }
      return String.join(System.lineSeparator(), lines);
    }
  }

  private TrainingFork() {}

  /** The full command line: {@code java [jvmArgs] -Dai.djl.offline=true -cp <classpath> TrainCommand <args>}. */
  static List<String> command(File javaHome, List<String> jvmArgs, List<File> classpath, List<String> args) {
    List<String> command = new ArrayList<>();
    command.add(new File(new File(javaHome, "bin"), isWindows() ? "java.exe" : "java").getPath());
    command.addAll(jvmArgs);
    // PyTorch comes from the pytorch-native-cpu jar on the classpath; DJL must never try to download it.
    command.add("-Dai.djl.offline=true");
    command.add("-cp");
    List<String> paths = new ArrayList<>();
    for (File file : classpath) {
      paths.add(file.getPath());
    }
    command.add(String.join(File.pathSeparator, paths));
    command.add(MAIN_CLASS);
    command.addAll(args);
    return command;
  }

  /**
   * Starts the command in {@code workingDirectory} and waits for it, handing each stdout line to {@code out} and
   * each stderr line to {@code err} as they arrive.
   */
  static Outcome run(List<String> command, File workingDirectory, Consumer<String> out, Consumer<String> err)
      throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).directory(workingDirectory).start();
    process.getOutputStream().close();
    List<String> stderr = Collections.synchronizedList(new ArrayList<>());
    Thread errPump =
        new Thread(
            () ->
                pump(
                    process.getErrorStream(),
                    line -> {
                      stderr.add(line);
                      err.accept(line);
                    }),
            "synthetic-train-stderr");
    errPump.setDaemon(true);
    errPump.start();
    try {
      pump(process.getInputStream(), out);
      int exit = process.waitFor();
      errPump.join();
      return new Outcome(exit, List.copyOf(stderr));
    } catch (InterruptedException e) {
      process.destroyForcibly();
      throw e;
    }
  }

  private static void pump(InputStream stream, Consumer<String> sink) {
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        sink.accept(line);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean isWindows() {
    return System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).startsWith("windows");
  }
}
