package io.github.syntheticpatients.runtime.training;

import io.github.syntheticpatients.runtime.EngineUnavailableException;
import io.github.syntheticpatients.runtime.InvalidInputException;
import io.github.syntheticpatients.runtime.ModelFormatException;
import io.github.syntheticpatients.runtime.OptionStrings;
import io.github.syntheticpatients.runtime.PrivacyGateException;
import io.github.syntheticpatients.runtime.TrainRequest;
import io.github.syntheticpatients.runtime.TrainResult;
import io.github.syntheticpatients.runtime.TrainSettings;
import io.github.syntheticpatients.runtime.schema.LongitudinalRoles;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Trains a model in its own JVM. {@code synthetic:train} forks this so the PyTorch native library
 * loads in a fresh process each time (a JNI library loads once per JVM and classloader). The plugin
 * passes the request as a file; {@link TrainProtocol} owns that file, the arguments and the exit
 * codes:
 *
 * <pre>
 * java -cp … io.github.syntheticpatients.runtime.training.TrainCommand --request request.json [--parent-pid pid] [--verbose]
 * </pre>
 *
 * For people and build scripts the request can also be given as options:
 *
 * <pre>
 * java -cp … io.github.syntheticpatients.runtime.training.TrainCommand --input data.csv --output model.synth
 *     [--schema schema.json] [--generator ctgan|basic|copula] [--epochs N] [--batch-size N] [--seed N]
 *     [--option key=value]… [--entity-id column --time column] [--force] [--verbose]
 * </pre>
 *
 * {@code --entity-id} and {@code --time} name the patient id and time columns, which makes the
 * input longitudinal without a schema file (they override the schema's); {@code --input} may then
 * also be a directory of per-patient {@code .psv} / {@code .csv} files.
 *
 * <p>Progress goes to stdout, a dozen epoch lines per training ({@link ProgressLines}); {@code
 * --verbose} prints every epoch. Exit codes: {@link TrainProtocol#EXIT_OK}, {@link
 * TrainProtocol#EXIT_USER_ERROR} for input the user must fix (the message is on stderr), {@link
 * TrainProtocol#EXIT_PARENT_GONE} when the parent JVM is gone, {@link TrainProtocol#EXIT_ERROR} for
 * anything else.
 *
 * <p>{@code --parent-pid <pid>}, which {@code synthetic:train} always passes, makes the command end
 * (exit 3, before writing anything) as soon as that process has exited or standard input reaches
 * end of file: a cancelled build leaves no training behind. The plugin also has the child write to
 * a staging file and moves it into place itself, so even a child that outlives its build cannot
 * replace a newer model.
 */
public final class TrainCommand {
  private TrainCommand() {}

  public static void main(String[] args) {
    List<String> rest = new ArrayList<>(List.of(args));
    int at = rest.indexOf(TrainProtocol.PARENT_PID);
    if (at >= 0 && at + 1 < rest.size()) {
      long parent = longValue(TrainProtocol.PARENT_PID, rest.get(at + 1));
      rest.subList(at, at + 2).clear();
      ParentWatch.start(
          parent,
          System.in,
          () -> {
            System.err.println(
                "The build that started this training (process " + parent + ") is gone; stopping.");
            // halt, not exit: training threads must not get to write a model after the build was
            // cancelled.
            Runtime.getRuntime().halt(TrainProtocol.EXIT_PARENT_GONE);
          });
    }
    System.exit(run(rest.toArray(String[]::new), System.out, System.err));
  }

  /** Runs the command and returns its exit code. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    try {
      List<String> rest = new ArrayList<>(List.of(args));
      boolean everyEpoch = rest.remove(TrainProtocol.VERBOSE);
      TrainRequest request = request(rest);
      ProgressLines progress = new ProgressLines(out, everyEpoch);
      TrainResult result = Training.train(request, progress);
      if (result.upToDate()) {
        out.println(
            "Model "
                + result.output()
                + " is up to date (same input, schema, settings, seed and version)");
      } else {
        out.println(finalLine(result, progress.epochsRun()));
      }
      return TrainProtocol.EXIT_OK;
    } catch (InvalidInputException | ModelFormatException | PrivacyGateException e) {
      err.println(e.getMessage());
      return TrainProtocol.EXIT_USER_ERROR;
    } catch (EngineUnavailableException e) {
      err.println(e.getMessage());
      return TrainProtocol.EXIT_ERROR;
    } catch (RuntimeException e) {
      err.println("Training failed: " + e);
      e.printStackTrace(err);
      return TrainProtocol.EXIT_ERROR;
    }
  }

  /**
   * The last line: the model, the time, and the epochs that actually ran over every candidate
   * (under {@code auto} the kept copula has none of its own, yet a CTGAN may have trained for it).
   */
  static String finalLine(TrainResult result, int epochsRun) {
    return String.format(
        Locale.ROOT,
        "Trained %s in %.1f s: %d rows, %d epochs run%s",
        result.output(),
        result.duration().toMillis() / 1000.0,
        result.rows(),
        epochsRun,
        result.epochs() > 0 && result.epochs() != epochsRun
            ? " (the model is the snapshot of epoch " + result.epochs() + ")"
            : "");
  }

  /** The request from {@code --request <file>} alone, or else from the options. */
  static TrainRequest request(List<String> args) {
    if (!args.isEmpty() && args.get(0).equals(TrainProtocol.REQUEST)) {
      if (args.size() != 2) {
        throw InvalidInputException.inParameter(
            TrainProtocol.REQUEST,
            TrainProtocol.REQUEST + " <file> takes one file and no other options");
      }
      return TrainProtocol.take(Path.of(args.get(1)));
    }
    return parse(args);
  }

  static TrainRequest parse(List<String> args) {
    Path input = null;
    Path output = null;
    Path schema = null;
    boolean force = false;
    String entityId = null;
    String time = null;
    TrainSettings settings = TrainSettings.defaults();
    List<String> options = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      if (arg.equals("--force")) {
        force = true;
        continue;
      }
      if (i + 1 >= args.size()) {
        throw InvalidInputException.inParameter(arg, "Option " + arg + " needs a value");
      }
      String value = args.get(++i);
      switch (arg) {
        case "--input" -> input = Path.of(value);
        case "--output" -> output = Path.of(value);
        case "--schema" -> schema = Path.of(value);
        case "--entity-id" -> entityId = value;
        case "--time" -> time = value;
        case "--generator" -> settings = settings.withGenerator(value);
        case "--epochs" -> settings = settings.withEpochs(integer(arg, value));
        case "--batch-size" -> settings = settings.withBatchSize(integer(arg, value));
        case "--seed" -> settings = settings.withSeed(longValue(arg, value));
        case "--option" -> options.add(value);
        default -> throw InvalidInputException.inParameter(arg, "Unknown option " + arg);
      }
    }
    settings =
        new TrainSettings(
            settings.generator(),
            settings.epochs(),
            settings.batchSize(),
            settings.seed(),
            OptionStrings.parse(options, "--option"));
    if (input == null) {
      throw InvalidInputException.inParameter("input", "--input <csv> is required");
    }
    if (output == null) {
      throw InvalidInputException.inParameter("output", "--output <model file> is required");
    }
    LongitudinalRoles.bothOrNeither(entityId, time, LongitudinalRoles.Names.OPTIONS);
    return new TrainRequest(input, schema, output, settings, force)
        .withLongitudinal(entityId, time);
  }

  private static int integer(String option, String value) {
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw InvalidInputException.inParameter(
          option, option + " takes a whole number, got '" + value + "'");
    }
  }

  private static long longValue(String option, String value) {
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      throw InvalidInputException.inParameter(
          option, option + " takes a whole number, got '" + value + "'");
    }
  }
}
