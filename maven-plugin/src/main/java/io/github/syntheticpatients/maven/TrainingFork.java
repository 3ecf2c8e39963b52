package io.github.syntheticpatients.maven;

import io.github.syntheticpatients.runtime.TrainRequest;
import io.github.syntheticpatients.runtime.training.TrainProtocol;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs training in a child JVM, as Surefire forks tests: DJL's JNI library loads once per JVM and
 * classloader, so training in the Maven JVM would break on a second {@code synthetic:train} in the
 * same build, a second module, or another DJL-using plugin. The child's output lines are passed on
 * as they come.
 */
final class TrainingFork {
  /** What the child did. */
  record Outcome(int exitCode, List<String> stderr) {
    /** The stderr lines that carry the child's message, without logging-framework noise. */
    String message() {
      return String.join(System.lineSeparator(), meaningful());
    }

    /** The stderr lines that are neither blank nor {@link #isNoise noise}, stripped. */
    List<String> meaningful() {
      List<String> lines = new ArrayList<>();
      for (String line : stderr) {
        if (!line.isBlank() && !isNoise(line)) {
          lines.add(line.strip());
        }
      }
      return lines;
    }
  }

  /**
   * Known lines that say nothing to the user: slf4j's "no providers" notice, and DJL's GPU probe,
   * which on a machine without a GPU (or without its driver) warns "Failed to detect GPU count"
   * although training is CPU-only by design.
   */
  static boolean isNoise(String line) {
    return line.startsWith("SLF4J")
        || line.contains("ai.djl.util.cuda.CudaUtils")
        || line.contains("Failed to detect GPU count");
  }

  private static final long STOP_GRACE_SECONDS = 5;

  private TrainingFork() {}

  /**
   * The full command line: {@code java [jvmArgs] -Dai.djl.offline=true -cp <classpath> TrainCommand
   * --request <requestFile> --parent-pid <this JVM>}; the child stops when this JVM is gone.
   */
  static List<String> command(
      File javaHome, List<String> jvmArgs, List<File> classpath, Path requestFile) {
    return command(javaHome, jvmArgs, classpath, requestFile, false);
  }

  /**
   * {@link #command(File, List, List, Path)}; {@code everyEpoch} has the child print a line for
   * each epoch instead of its progress display.
   */
  static List<String> command(
      File javaHome,
      List<String> jvmArgs,
      List<File> classpath,
      Path requestFile,
      boolean everyEpoch) {
    List<String> command = new ArrayList<>();
    command.add(new File(new File(javaHome, "bin"), isWindows() ? "java.exe" : "java").getPath());
    command.addAll(jvmArgs);
    // PyTorch comes from the pytorch-native-cpu jar on the classpath; DJL must never try to
    // download it.
    command.add("-Dai.djl.offline=true");
    command.add("-cp");
    List<String> paths = new ArrayList<>();
    for (File file : classpath) {
      paths.add(file.getPath());
    }
    command.add(String.join(File.pathSeparator, paths));
    command.add(TrainProtocol.MAIN_CLASS);
    command.addAll(TrainProtocol.arguments(requestFile, ProcessHandle.current().pid(), everyEpoch));
    return command;
  }

  /**
   * Trains {@code request} in a child JVM and moves the model into place. The child writes to a
   * staging file beside the model and only this side, after the child succeeded, replaces the
   * model: a child that outlived a cancelled build can never overwrite a newer model from a rerun.
   * The child's lines mention the model's own path, not the staging file's; {@code err} gets the
   * command line first, then the child's stderr.
   */
  static Outcome train(
      File javaHome,
      List<String> jvmArgs,
      List<File> classpath,
      TrainRequest request,
      File workingDirectory,
      Consumer<String> out,
      Consumer<String> err)
      throws IOException, InterruptedException {
    return train(
        javaHome,
        jvmArgs,
        classpath,
        TrainProtocol.MAIN_CLASS,
        request,
        workingDirectory,
        false,
        out,
        err);
  }

  /** {@link #train}; {@code everyEpoch} prints every epoch's line (the build's {@code -X}). */
  static Outcome train(
      File javaHome,
      List<String> jvmArgs,
      List<File> classpath,
      TrainRequest request,
      File workingDirectory,
      boolean everyEpoch,
      Consumer<String> out,
      Consumer<String> err)
      throws IOException, InterruptedException {
    return train(
        javaHome,
        jvmArgs,
        classpath,
        TrainProtocol.MAIN_CLASS,
        request,
        workingDirectory,
        everyEpoch,
        out,
        err);
  }

  /**
   * {@link #train} with another main class that takes {@link TrainProtocol}'s arguments (a stand-in
   * in tests).
   */
  static Outcome train(
      File javaHome,
      List<String> jvmArgs,
      List<File> classpath,
      String mainClass,
      TrainRequest request,
      File workingDirectory,
      Consumer<String> out,
      Consumer<String> err)
      throws IOException, InterruptedException {
    return train(
        javaHome, jvmArgs, classpath, mainClass, request, workingDirectory, false, out, err);
  }

  private static Outcome train(
      File javaHome,
      List<String> jvmArgs,
      List<File> classpath,
      String mainClass,
      TrainRequest request,
      File workingDirectory,
      boolean everyEpoch,
      Consumer<String> out,
      Consumer<String> err)
      throws IOException, InterruptedException {
    Path model = request.output().toAbsolutePath();
    Files.createDirectories(model.getParent());
    // Not created here: a child stopped before it wrote its model leaves nothing behind.
    String stem = model.getFileName() + "." + UUID.randomUUID();
    Path staging = model.resolveSibling(stem + ".training");
    Path requestFile = model.resolveSibling(stem + ".request.json");
    try {
      // force: this side has already found the model out of date.
      TrainProtocol.write(
          new TrainRequest(request.input(), request.schemaFile(), staging, request.settings(), true)
              .withLongitudinal(request.entityId(), request.time()),
          requestFile);
      String stagingName = staging.toString();
      Consumer<String> renamed = line -> out.accept(line.replace(stagingName, model.toString()));
      List<String> command = command(javaHome, jvmArgs, classpath, requestFile, everyEpoch);
      command.set(command.indexOf(TrainProtocol.MAIN_CLASS), mainClass);
      err.accept("Forking training JVM: " + String.join(" ", command));
      // A build stopped mid-training (Ctrl-C, SIGTERM) never reaches the finally below: the hook
      // that stops the child also removes these two files, so no stale staging file is left.
      Outcome outcome =
          run(command, workingDirectory, renamed, err, () -> deleteQuietly(staging, requestFile));
      if (outcome.exitCode() == TrainProtocol.EXIT_OK) {
        moveIntoPlace(staging, model);
      }
      return outcome;
    } finally {
      Files.deleteIfExists(staging);
      Files.deleteIfExists(requestFile);
    }
  }

  private static void deleteQuietly(Path... files) {
    for (Path file : files) {
      try {
        Files.deleteIfExists(file);
      } catch (IOException e) {
        // The JVM is stopping; a file that cannot be removed now is only a leftover.
      }
    }
  }

  private static void moveIntoPlace(Path staging, Path model) throws IOException {
    try {
      Files.move(
          staging, model, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(staging, model, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /**
   * Starts the command in {@code workingDirectory} and waits for it, handing each stdout line to
   * {@code out} and each stderr line to {@code err} as they arrive. The child's stdin stays open
   * until it ends, and a shutdown hook stops the child when this JVM is stopped (SIGTERM, Ctrl-C),
   * so no training outlives its build, then runs {@code afterStop}.
   */
  static Outcome run(
      List<String> command,
      File workingDirectory,
      Consumer<String> out,
      Consumer<String> err,
      Runnable afterStop)
      throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).directory(workingDirectory).start();
    Thread stopChild =
        new Thread(
            () -> {
              stop(process);
              afterStop.run();
            },
            "synthetic-train-stop");
    Runtime.getRuntime().addShutdownHook(stopChild);
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
      stop(process);
      throw e;
    } finally {
      process.getOutputStream().close();
      try {
        Runtime.getRuntime().removeShutdownHook(stopChild);
      } catch (IllegalStateException e) {
        // This JVM is shutting down; the hook is running or has run.
      }
    }
  }

  /** Asks the child to stop, then kills it if it has not within a few seconds. */
  private static void stop(Process process) {
    process.destroy();
    try {
      if (!process.waitFor(STOP_GRACE_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  private static void pump(InputStream stream, Consumer<String> sink) {
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        sink.accept(line);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean isWindows() {
    return System.getProperty("os.name", "")
        .toLowerCase(java.util.Locale.ROOT)
        .startsWith("windows");
  }
}
