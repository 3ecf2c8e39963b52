package io.github.syntheticpatients.runtime.train;

import io.github.syntheticpatients.runtime.GateCheck;
import io.github.syntheticpatients.runtime.GateResult;
import io.github.syntheticpatients.runtime.TrainRequest;
import io.github.syntheticpatients.runtime.TrainResult;
import io.github.syntheticpatients.runtime.TrainSettings;
import io.github.syntheticpatients.runtime.TrainingListener;
import io.github.syntheticpatients.runtime.model.ModelFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The one skeleton of every training job, tabular or longitudinal: read the input, split its units
 * (rows, or whole patients) into training, validation and privacy holdout with the size-dependent
 * holdout share, fit the candidates in order of preference, judge them with the privacy gate on the
 * holdout, keep the first that passes (else the preferred one, which the gate's enforcement then
 * refuses or records), write the model file and, when asked, the split.
 *
 * <p>Selection caveat: each further candidate the gate judges is another look at the same holdout,
 * so a leaky generator gets more chances to pass. At most {@value #MAX_GATED} candidates are
 * judged, and the model card records which one was kept and why.
 *
 * @param <C> a fitted candidate
 */
abstract class TrainingJob<C> {
  /**
   * The preferred candidate and at most this many minus one alternatives are judged by the gate.
   */
  static final int MAX_GATED = 3;

  final TrainRequest request;
  final TrainingListener listener;
  final TrainSettings settings;
  final TrainingOptions options;

  TrainingJob(TrainRequest request, TrainingListener listener) {
    this.request = request;
    this.listener = listener;
    this.settings = request.settings();
    this.options = TrainingOptions.from(settings.options());
    OptionScope.requireApplicable(
        settings.options(),
        settings.generator(),
        this instanceof LongitudinalTrainingJob
            ? OptionScope.Kind.TIMELINES
            : OptionScope.Kind.TABLE);
    DpArgnFitting.requireSupported(settings, this instanceof LongitudinalTrainingJob);
  }

  /**
   * Reads and checks the input; returns the number of units (rows or patients) that the split draws
   * from.
   */
  abstract int read();

  /** What a unit is, plural: "rows" or "patients". */
  abstract String units();

  /** Fits the candidates on the split's training part; the preferred first. Never empty. */
  abstract List<C> fit(DataSplit split);

  /** The privacy gate's verdict on one candidate, against the split's holdout. */
  abstract GateResult gate(C candidate);

  /** The candidate in words, e.g. "Gaussian copula" or "lstm-wgan generator of epoch 40". */
  abstract String describe(C candidate);

  /** Records in the kept candidate's model card that the preferred one failed the gate. */
  abstract void noteFallback(C kept, C refused, GateResult refusedGate);

  /** What the result reports of a written model. */
  record Written(int epochs, int rows) {}

  /** Writes the model file. */
  abstract Written write(
      C chosen, GateResult gate, DataSplit split, double holdoutFraction, Duration duration)
      throws IOException;

  /**
   * Writes the split's real training and holdout parts into {@code directory}, or says how to ask
   * for them.
   */
  abstract void writeSplit(Path directory, DataSplit split);

  final TrainResult run() {
    long started = System.nanoTime();
    int count = read();
    double holdoutFraction =
        TrainingOptions.holdoutFraction(settings.options(), options.holdoutFraction(), count);
    DataSplit split =
        DataSplit.of(count, holdoutFraction, options.validationFraction(), settings.seed());
    listener.onMessage(
        String.format(
            Locale.ROOT,
            "Split %d training, %d validation, %d privacy-holdout %s (seed %d)",
            split.train().length,
            split.validation().length,
            split.holdout().length,
            units(),
            settings.seed()));
    List<C> candidates = fit(split);
    C chosen = candidates.get(0);
    GateResult gate = gate(chosen);
    if (!gate.passed()) {
      List<String> alsoRefused = new ArrayList<>();
      for (int i = 1; i < Math.min(MAX_GATED, candidates.size()); i++) {
        C other = candidates.get(i);
        GateResult otherGate = gate(other);
        if (otherGate.passed()) {
          listener.onMessage(
              "Kept the "
                  + describe(other)
                  + " instead, because the "
                  + describe(chosen)
                  + " failed the privacy"
                  + " gate ("
                  + failures(gate)
                  + ")");
          noteFallback(other, chosen, gate);
          chosen = other;
          gate = otherGate;
          break;
        }
        alsoRefused.add("the " + describe(other) + " (" + failures(otherGate) + ")");
      }
      if (!gate.passed()) {
        options.enforce(
            gate,
            "The refused model is the "
                + describe(chosen)
                + "."
                + (alsoRefused.isEmpty()
                    ? ""
                    : " Also tried and refused: " + String.join("; ", alsoRefused) + "."),
            listener);
      }
    }
    Duration duration = Duration.ofNanos(System.nanoTime() - started);
    try {
      Written written = write(chosen, gate, split, holdoutFraction, duration);
      String sha = ModelFile.sha256(Files.readAllBytes(request.output()));
      // The path is in the final line (TrainCommand) and in the TrainResult; said once.
      listener.onMessage("Wrote the model file (sha256 " + sha + ")");
      String splitDir = settings.options().get(TrainingOptions.SPLIT_DIR);
      writeSplit(splitDir == null ? null : Path.of(splitDir), split);
      return new TrainResult(
          request.output(), false, sha, written.epochs(), written.rows(), duration);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Could not write " + request.output() + ": " + e.getMessage(), e);
    }
  }

  /** The failed FAIL-level checks with their values and rules. */
  static String failures(GateResult gate) {
    List<String> parts = new ArrayList<>();
    for (GateCheck check : gate.failures()) {
      parts.add(
          String.format(
              Locale.ROOT,
              "%s %s = %.4f, rule %s",
              check.id(),
              check.name(),
              check.value(),
              check.rule()));
    }
    return String.join(", ", parts);
  }
}
