package io.github.syntheticpatients.runtime.training;

import io.github.syntheticpatients.runtime.InvalidInputException;
import io.github.syntheticpatients.runtime.TrainRequest;
import io.github.syntheticpatients.runtime.TrainSettings;
import io.github.syntheticpatients.runtime.io.json.JsonFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The one owner of how {@code synthetic:train} talks to its forked training JVM: the main class,
 * the arguments, the exit codes, and the request, which travels as one JSON file that the plugin
 * writes with {@link #write} and {@link TrainCommand} reads (and deletes) with {@link #take}. Both
 * sides use this class, so they cannot drift apart.
 *
 * <pre>
 * java -cp … io.github.syntheticpatients.runtime.training.TrainCommand --request request.json --parent-pid 4242
 * </pre>
 *
 * The file carries {@link #VERSION}; a file of another version, or with a property this version
 * does not know, is refused with a message saying so (plugin and runtime come from one release, so
 * that means a mixed installation).
 */
public final class TrainProtocol {
  /** The training JVM's entry point. */
  public static final String MAIN_CLASS = TrainCommand.class.getName();

  /** Version of the request file; raise it whenever a property is added, renamed or removed. */
  public static final int VERSION = 1;

  /** Exit code: the model was written, or was up to date. */
  public static final int EXIT_OK = 0;

  /** Exit code: an environment fault; the message is on stderr. */
  public static final int EXIT_ERROR = 1;

  /** Exit code: a problem the user must fix; the message is on stderr. */
  public static final int EXIT_USER_ERROR = 2;

  /** Exit code: the JVM named by {@link #PARENT_PID} is gone. */
  public static final int EXIT_PARENT_GONE = 3;

  /** The argument naming the request file. */
  public static final String REQUEST = "--request";

  /** The argument naming the process whose end ends the training JVM. */
  public static final String PARENT_PID = "--parent-pid";

  /** The argument that prints every epoch's line, not a progress display (the build's -X). */
  public static final String VERBOSE = "--verbose";

  private TrainProtocol() {}

  /**
   * The arguments after the main class: the request file, and the process whose end ends the
   * training.
   */
  public static List<String> arguments(Path requestFile, long parentPid) {
    return List.of(
        REQUEST, requestFile.toAbsolutePath().toString(), PARENT_PID, Long.toString(parentPid));
  }

  /** {@link #arguments(Path, long)}, with {@link #VERBOSE} when {@code everyEpoch}. */
  public static List<String> arguments(Path requestFile, long parentPid, boolean everyEpoch) {
    List<String> arguments = new ArrayList<>(arguments(requestFile, parentPid));
    if (everyEpoch) {
      arguments.add(VERBOSE);
    }
    return List.copyOf(arguments);
  }

  /** Writes {@code request} to {@code file} (atomically), its paths made absolute. */
  public static void write(TrainRequest request, Path file) {
    TrainSettings settings = request.settings();
    JsonFiles.write(
        file,
        new RequestFile(
            VERSION,
            absolute(request.input()),
            request.schemaFile() == null ? null : absolute(request.schemaFile()),
            absolute(request.output()),
            request.force(),
            request.entityId(),
            request.time(),
            new SettingsFile(
                settings.generator(),
                settings.epochs(),
                settings.batchSize(),
                settings.seed(),
                settings.options())));
  }

  /**
   * Reads a request that {@link #write} wrote.
   *
   * @throws InvalidInputException naming the file when it is missing, of another {@link #VERSION},
   *     or has a property this version does not know
   */
  public static TrainRequest read(Path file) {
    RequestFile wire = JsonFiles.read(file, RequestFile.class);
    if (wire.version() != VERSION) {
      throw InvalidInputException.inFile(
          file,
          -1,
          null,
          "training request of version "
              + wire.version()
              + ", but this runtime reads version "
              + VERSION
              + ": the plugin and the runtime come from different releases; use one version of"
              + " synthetic-maven-plugin and synthetic-patients-runtime");
    }
    if (wire.input() == null || wire.output() == null || wire.settings() == null) {
      throw InvalidInputException.inFile(
          file, -1, null, "the training request needs \"input\", \"output\" and \"settings\"");
    }
    SettingsFile s = wire.settings();
    TrainSettings settings =
        new TrainSettings(s.generator(), s.epochs(), s.batchSize(), s.seed(), s.options());
    return new TrainRequest(
        Path.of(wire.input()),
        wire.schema() == null ? null : Path.of(wire.schema()),
        Path.of(wire.output()),
        settings,
        wire.force(),
        wire.entityId(),
        wire.time());
  }

  /**
   * {@link #read}s the request and deletes its file: the training JVM owns the file once started,
   * so that a build killed while training (whose cleanup never runs) leaves no request file behind.
   */
  public static TrainRequest take(Path file) {
    TrainRequest request = read(file);
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Could not delete the training request " + file + ": " + e.getMessage(), e);
    }
    return request;
  }

  private static String absolute(Path path) {
    return path.toAbsolutePath().toString();
  }

  /** The file's shape: plain strings and numbers, so that it reads the same on every platform. */
  record RequestFile(
      int version,
      String input,
      String schema,
      String output,
      boolean force,
      String entityId,
      String time,
      SettingsFile settings) {}

  /** {@link TrainSettings} in the file. */
  record SettingsFile(
      String generator, int epochs, int batchSize, long seed, Map<String, String> options) {}
}
