package io.github.syntheticpatients.runtime.train;

import io.github.syntheticpatients.runtime.InvalidInputException;
import io.github.syntheticpatients.runtime.encode.EncoderSettings;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Where each generator-specific training option is read: one rule that refuses an option the run
 * would silently ignore (say {@code argnCalibrate} on timelines, or {@code maxVisits} on a flat
 * table), before any work. Options not listed here are read by every run ({@code holdoutFraction},
 * {@code valueProtectionK}, {@code gate.*}, …), or are checked by their own owner ({@code dp.*}:
 * {@link DpArgnFitting#requireSupported}).
 *
 * <p>{@code auto} counts as every generator it may train, since which one it keeps is decided on
 * the data: argn's options apply to it on any table, even one too small for {@code auto} to train
 * argn.
 */
final class OptionScope {
  /** The two kinds of training data. */
  enum Kind {
    TABLE,
    TIMELINES
  }

  /**
   * Options read only by some generators on some kind of data.
   *
   * @param keys the option names
   * @param tableGenerators the generators that read them on a flat table (empty: none)
   * @param timelineGenerators the generators that read them on timelines (empty: none)
   * @param where the same in words, for the refusal
   */
  record Group(
      Set<String> keys, Set<String> tableGenerators, Set<String> timelineGenerators, String where) {
    boolean applies(Kind kind, String generator) {
      return (kind == Kind.TABLE ? tableGenerators : timelineGenerators).contains(generator);
    }
  }

  /** Generator names each kind of data knows; any other name is refused by the job itself. */
  private static final Set<String> TABLE_GENERATORS =
      Set.of("auto", "copula", "argn", "ctgan", "basic", "dp-vaegan");

  private static final Set<String> TIMELINE_GENERATORS =
      Set.of("auto", "argn", LongitudinalTrainingJob.GENERATOR, DpSeriesVaeGanFitting.GENERATOR);

  private static final Set<String> ARGN = Set.of("auto", "argn");
  private static final Set<String> GAN = Set.of("ctgan", "basic");
  private static final Set<String> TIMELINE_GAN = Set.of(LongitudinalTrainingJob.GENERATOR);

  static final List<Group> GROUPS =
      List.of(
          new Group(
              Set.of(ArgnFitting.CALIBRATE, CopulaPrior.SCALE, CopulaPrior.FRESH),
              ARGN,
              Set.of(),
              "flat tables with generator argn or auto (timelines have no marginal calibration or"
                  + " copula prior)"),
          new Group(
              Set.of(
                  ArgnFitting.ORDER,
                  ArgnFitting.BINS,
                  ArgnFitting.SUB_BINS,
                  ArgnFitting.HIDDEN,
                  ArgnFitting.LEARNING_RATE,
                  ArgnFitting.WEIGHT_DECAY,
                  ArgnFitting.AVERAGE),
              ARGN,
              ARGN,
              "generator argn or auto"),
          new Group(
              LongitudinalArgnFitting.OPTIONS,
              Set.of(),
              ARGN,
              "timelines with generator argn or auto"),
          new Group(
              Set.of(GanFitting.GAN_PRESET),
              GAN,
              Set.of(),
              "flat tables with generator ctgan or basic"),
          new Group(
              Set.of(GanFitting.INFORMATION_LOSS, GanFitting.CLASSIFIER_LOSS),
              Set.of("ctgan"),
              Set.of(),
              "flat tables with generator ctgan (without DP)"),
          new Group(
              Set.of(GanFitting.SNAPSHOT_EVERY),
              GAN,
              TIMELINE_GAN,
              "generator ctgan or basic on flat tables, lstm-wgan on timelines"),
          new Group(
              EncoderSettings.OPTIONS,
              GAN,
              TIMELINE_GAN,
              "the GANs' encoder: generator ctgan or basic on flat tables, lstm-wgan on timelines"),
          new Group(
              Set.of(LongitudinalTrainingJob.MOMENT_WEIGHT, LongitudinalTrainingJob.STATIC_NOISE),
              Set.of(),
              TIMELINE_GAN,
              "timelines with generator lstm-wgan"),
          new Group(
              DpSeriesVaeGanFitting.OPTIONS,
              Set.of(),
              Set.of(DpSeriesVaeGanFitting.GENERATOR),
              "timelines with generator dp-vaegan (fixed-length series)"),
          new Group(
              Set.of(TrainingOptions.MAX_VISITS, TrainingOptions.FORWARD_FILL),
              Set.of(),
              TIMELINE_GENERATORS,
              "timelines (a run with -Dsynthetic.entityId and -Dsynthetic.time)"));

  private OptionScope() {}

  /**
   * Refuses the first option in {@code options} that {@code generator} does not read on this kind
   * of data.
   *
   * @throws InvalidInputException naming the option, where it applies and the fix
   */
  static void requireApplicable(Map<String, String> options, String generator, Kind kind) {
    String name = generator.trim().toLowerCase(Locale.ROOT);
    if (!(kind == Kind.TABLE ? TABLE_GENERATORS : TIMELINE_GENERATORS).contains(name)) {
      return;
    }
    for (String key : options.keySet().stream().sorted().toList()) {
      for (Group group : GROUPS) {
        if (group.keys().contains(key) && !group.applies(kind, name)) {
          throw InvalidInputException.inParameter(
              key,
              String.format(
                  Locale.ROOT,
                  "option %s does nothing here (generator %s on %s): it applies only to %s."
                      + " Remove it from synthetic.options, or choose a generator that reads it",
                  key,
                  name,
                  kind == Kind.TABLE ? "a flat table" : "timelines",
                  group.where()));
        }
      }
    }
  }
}
