package io.github.syntheticpatients.zoo;

import io.github.syntheticpatients.runtime.ModelInfo;
import io.github.syntheticpatients.runtime.SchemaView;
import io.github.syntheticpatients.runtime.SyntheticModel;
import io.github.syntheticpatients.runtime.schema.CodeColumn;
import io.github.syntheticpatients.runtime.schema.ColumnSchema;
import io.github.syntheticpatients.runtime.schema.TableSchema;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A zoo model's card: the entries RebuildZoo writes into the model's {@code evaluation} ({@code
 * card}: what it is for, the data; {@code heldBack}: its scores on the held-back part), and the
 * Markdown page rendered from what the model file then holds.
 */
final class ModelCard {
  private ModelCard() {}

  /** A score on the card: its key in the evaluation's scores, its label, whether it counts. */
  private record Metric(String key, String label, boolean count) {
    Metric(String key, String label) {
      this(key, label, false);
    }
  }

  private static final List<Metric> FIDELITY =
      List.of(
          new Metric("overall", "quality, overall (1 best)"),
          new Metric("columnShapes", "column shapes"),
          new Metric("columnPairTrends", "column pair trends"),
          new Metric("treeDetectionAuc", "tree-based detection AUC (0.5 best)"));

  private static final List<Metric> TIMELINE_FIDELITY =
      List.of(
          new Metric("timelineOverall", "timeline quality, overall (1 best)"),
          new Metric("timelineDynamics", "timeline dynamics (1 best)"),
          new Metric("timelineRuleViolations", "rule violations (0 best)", true));

  private static final List<Metric> UTILITY =
      List.of(new Metric("tstrRatio", "TSTR ratio: train on synthetic / on real (1 best)"));

  private static final List<Metric> PRIVACY =
      List.of(
          new Metric("copiedTrainingRows", "copied training rows (0 best)", true),
          new Metric("dcrShare", "DCR share: closer to training than to held-back (0.5 best)"),
          new Metric("miaAuc", "membership attack AUC (0.5 best)"));

  private static final List<Metric> TIMELINE_PRIVACY =
      List.of(
          new Metric("copiedTimelines", "copied timelines (0 best)", true),
          new Metric("patientDcrShare", "patient DCR share (0.5 best)"),
          new Metric("patientMiaAuc", "patient membership attack AUC (0.5 best)"));

  /** The one-line summary for listings: the domain, the data and what the model file says. */
  static String summary(Recipe recipe, SyntheticModel model, int heldBack) {
    String unit = model.schema().isLongitudinal() ? "patients" : "rows";
    return capitalised(recipe.domain())
        + ". "
        + recipe.dataset()
        + "; "
        + recipe.license()
        + ": "
        + model.info().summary()
        + "; scored on "
        + heldBack
        + " more "
        + unit
        + " held back";
  }

  /** The entries the model file's {@code evaluation} gets: {@code card} and {@code heldBack}. */
  static Map<String, Object> entries(
      Recipe recipe,
      HeldBackEvaluation scores,
      int used,
      int heldBack,
      int inData,
      boolean roundedWeights) {
    Map<String, Object> card = new LinkedHashMap<>();
    card.put("domain", recipe.domain());
    card.put("dataset", recipe.dataset());
    card.put("license", recipe.license());
    card.put("population", recipe.population());
    card.put("intendedUse", recipe.intendedUse());
    card.put("misuse", Recipe.MISUSE);
    card.put("generatorChoice", recipe.generatorReason());
    card.put("limitations", recipe.limitations());
    if (roundedWeights) {
      card.put(
          "storedWeights",
          "float32, rounded after training to "
              + ZooWeights.MANTISSA_BITS
              + " of 23 mantissa bits (float16's precision; each weight moves by at most 2^-11 of"
              + " itself) so that the zoo's jar compresses them; every score on this card is the"
              + " rounded model's");
    }

    Map<String, Object> held = new LinkedHashMap<>();
    held.put("seed", RebuildZoo.SEED);
    held.put("patientsInData", inData);
    held.put("patientsUsed", used);
    held.put("heldBackPatients", heldBack);
    held.put("syntheticPatients", scores.synthetic());
    held.put("model", finite(scores.model()));
    held.put("freshReal", finite(scores.freshReal()));
    held.put("independent", finite(scores.independent()));
    held.put("gatePassed", scores.gate().passed());
    held.put(
        "gateFailures",
        scores.gate().failures().stream().map(c -> c.id() + " " + c.name()).toList());
    held.put("detectable", scores.detectable());
    return Map.of("card", card, "heldBack", held);
  }

  /** The scores a card shows, without NaN (JSON has none): a score not computed is left out. */
  private static Map<String, Object> finite(Map<String, Double> scores) {
    Map<String, Object> kept = new LinkedHashMap<>();
    for (List<Metric> group :
        List.of(FIDELITY, TIMELINE_FIDELITY, UTILITY, PRIVACY, TIMELINE_PRIVACY)) {
      for (Metric m : group) {
        Double value = scores.get(m.key());
        if (value != null && Double.isFinite(value)) {
          kept.put(m.key(), value);
        }
      }
    }
    return kept;
  }

  /**
   * A line per clinical code column saying what value protection did to its codes, by count (never
   * a code); empty when the schema has no code column.
   */
  static String codeColumns(SchemaView view) {
    StringBuilder section = new StringBuilder();
    for (ColumnSchema column : TableSchema.of(view).columns()) {
      if (column.isCodeColumn() && !column.dropped()) {
        section.append("- ").append(CodeColumn.summary(column)).append('\n');
      }
    }
    if (section.length() == 0) {
      return "";
    }
    return "\n## Code columns\n\nCodes held by fewer than k training records are stored only as"
        + " an ancestor code or as _RARE_, never as themselves:\n\n"
        + section;
  }

  /** The card's Markdown page, from what the model file holds. */
  static String render(Recipe recipe, SyntheticModel model, long fileBytes) {
    ModelInfo info = model.info();
    Map<?, ?> card = (Map<?, ?>) info.evaluation().get("card");
    Map<?, ?> held = (Map<?, ?>) info.evaluation().get("heldBack");
    Map<String, Object> provenance = info.provenance();
    boolean longitudinal = model.schema().isLongitudinal();
    String unit = longitudinal ? "patients" : "rows";
    StringBuilder page = new StringBuilder();
    page.append("# Model card: `").append(recipe.id()).append("`\n\n");
    page.append(info.summary()).append("\n\n");
    page.append("| | |\n|---|---|\n");
    row(page, "domain", card.get("domain"));
    row(page, "data", card.get("dataset"));
    row(page, "licence of the data", card.get("license"));
    row(
        page,
        "training data",
        "`model-zoo/src/data/"
            + recipe.data()
            + "` ("
            + held.get("patientsInData")
            + " "
            + unit
            + "), schema `model-zoo/src/data/"
            + recipe.schema()
            + "`");
    row(
        page,
        unit + ": held back for this card / given to training",
        held.get("heldBackPatients")
            + " / "
            + (((Number) held.get("patientsUsed")).intValue()
                - ((Number) held.get("heldBackPatients")).intValue())
            + " (seeded split, seed "
            + held.get("seed")
            + "); the bundled model is the one trained on the training part");
    String trainUnit = longitudinal ? "Patients" : "Rows";
    row(
        page,
        unit + " inside training: fitted / validation / privacy holdout",
        provenance.get("train" + trainUnit)
            + " / "
            + provenance.get("validation" + trainUnit)
            + " / "
            + provenance.get("holdout" + trainUnit));
    if (longitudinal) {
      row(
          page,
          "patient id / time",
          "`" + model.schema().entityId() + "` / `" + model.schema().time() + "`");
    }
    row(page, "generator", "`" + info.generator() + "`: " + card.get("generatorChoice"));
    row(page, "training settings", sorted(info.settings()));
    if (card.containsKey("storedWeights")) {
      row(page, "stored weights", card.get("storedWeights"));
    }
    row(page, "training seed", provenance.get("seed"));
    row(page, "epochs", epochs(provenance));
    row(
        page,
        "value protection",
        "k = "
            + provenance.getOrDefault("valueProtectionK", 1)
            + " (no stored value is held by fewer than k training records)");
    row(
        page,
        "differential privacy",
        info.privacyGuarantee().orElse("none: trained without DP, so no ε"));
    row(page, "model sha256", "`" + model.sha256() + "`");
    row(page, "model file", String.format(Locale.ROOT, "%,d bytes", fileBytes));
    row(page, "versions", provenance.get("versions"));
    row(page, "rebuild", "`mvn -pl model-zoo -am -Prebuild-zoo verify`");

    page.append("\n## Intended use\n\n").append(card.get("intendedUse")).append("\n\n");
    page.append("## Misuse\n\n").append(card.get("misuse")).append("\n\n");
    page.append("## Data\n\n")
        .append(card.get("population"))
        .append(". Source: ")
        .append(card.get("dataset"))
        .append("; licence ")
        .append(card.get("license"))
        .append(". Provenance and licence of the copy: `model-zoo/src/data/README.md`.\n\n");
    page.append("## Columns\n\n| column | kind | nullable | categories |\n|---|---|---|---|\n");
    model
        .schema()
        .columns()
        .forEach(
            c ->
                page.append("| ")
                    .append(c.name())
                    .append(" | ")
                    .append(c.kind().name().toLowerCase(Locale.ROOT))
                    .append(c.dropped() ? " (dropped)" : "")
                    .append(c.staticAttribute() ? " (static)" : "")
                    .append(" | ")
                    .append(c.nullable())
                    .append(" | ")
                    .append(String.join(", ", c.categories()))
                    .append(" |\n"));
    page.append(codeColumns(model.schema()));

    page.append("\n## Scores on the held-back part\n\n");
    page.append(
            "Synthetic data: as many "
                + unit
                + " as the training part ("
                + held.get("syntheticPatients")
                + "), sampled at seed "
                + held.get("seed")
                + ". Fidelity compares them with the training part, utility trains a classifier on"
                + " them and tests it on the held-back part (target `")
        .append(recipe.target())
        .append(
            "`), privacy compares their distances to the training part with the held-back"
                + " part's. Beside the model: **fresh real**, half the held-back "
                + unit
                + " scored as if synthetic with the other half as holdout (what a perfect"
                + " generator scores at this size), and **independent**, each column drawn on its"
                + " own from the training part ("
                + (longitudinal
                    ? "real static attributes and visit times, every visit value drawn alone"
                    : "every relationship between columns broken")
                + "), the floor a generator must beat. Fresh real has half the held-back "
                + unit
                + ", so its quality scores carry more sampling noise than the model's: read it as"
                + " the ceiling for detection, utility and privacy, and a rough one for quality."
                + " Definitions: [docs/evaluation.md](../evaluation.md).\n\n");
    page.append("| | model | fresh real | independent |\n|---|---|---|---|\n");
    section(page, "fidelity", FIDELITY, held);
    if (longitudinal) {
      section(page, "timelines", TIMELINE_FIDELITY, held);
    }
    section(page, "utility", UTILITY, held);
    section(page, "privacy", PRIVACY, held);
    if (longitudinal) {
      section(page, "patients", TIMELINE_PRIVACY, held);
    }
    if (longitudinal) {
      page.append(
          "\nFor timelines the first rows (quality to detection) score visit rows; the timeline"
              + " rows score whole patients.\n");
    }

    page.append("\n## Privacy gate\n\n");
    page.append("On the held-back part: **")
        .append(Boolean.TRUE.equals(held.get("gatePassed")) ? "passed" : "refused")
        .append("**");
    List<?> failures = (List<?>) held.get("gateFailures");
    page.append(failures.isEmpty() ? "" : " (failed: " + String.join(", ", strings(failures)) + ")")
        .append(". ")
        .append(held.get("detectable"))
        .append("\n\n");
    page.append(
        "What the gate is: calibrated tests of whether the synthetic "
            + unit
            + " sit closer to the training data than unseen real ones do. Measured error rates of"
            + " the default gate (GateBenchmark, 40 splits of six tables;"
            + " [docs/guide/08-privacy.md](../guide/08-privacy.md)): it refused fresh real rows in"
            + " 5 of 240 trials (2.1 %) and fresh real patients in 1 of 80, and refused copies,"
            + " near-copies (±0.2 % of each range) and a memoriser (5 % noise) in 240 of 240,"
            + " copied timelines in 80 of 80. What it cannot detect: a leak smaller than the"
            + " sentence above says, at this size; what common combinations of values reveal"
            + " about a person (attribute inference); it is an empirical test, not a proof.\n\n");
    page.append("At training, against the training job's own privacy holdout (")
        .append(
            Boolean.TRUE.equals(info.evaluation().get("privacyGateEnforced"))
                ? "enforced: a refused model is not written"
                : "recorded only")
        .append("):\n\n| check | metric | level | value | threshold | passed |\n")
        .append("|---|---|---|---|---|---|\n");
    if (info.evaluation().get("privacyGate") instanceof Map<?, ?> gate
        && gate.get("checks") instanceof List<?> checks) {
      for (Object item : checks) {
        Map<?, ?> check = (Map<?, ?>) item;
        page.append("| ")
            .append(check.get("id"))
            .append(" | ")
            .append(check.get("name"))
            .append(" | ")
            .append(check.get("level"))
            .append(" | ")
            .append(format(check.get("value")))
            .append(" | ")
            .append(format(check.get("threshold")))
            .append(" | ")
            .append(check.get("passed"))
            .append(" |\n");
      }
    }
    page.append("\nValidation quality at training (")
        .append(longitudinal ? "timeline overall score" : "overall score")
        .append(" against the validation ")
        .append(unit)
        .append("): ")
        .append(format(info.evaluation().get("validationQuality")))
        .append(".\n\n");
    page.append("## Known limitations\n\n")
        .append(card.get("limitations"))
        .append(
            " The records are synthetic: no row is a real patient, and no value held by fewer"
                + " than k real records is stored.\n");
    return page.toString();
  }

  /**
   * A map with its keys, and those of the maps inside it, in sorted order: a loaded model's maps
   * need not keep the file's order, and a page must not change between renders of the same model.
   */
  static Object sorted(Object value) {
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> sorted = new TreeMap<>();
      map.forEach((key, inner) -> sorted.put(String.valueOf(key), sorted(inner)));
      return sorted;
    }
    return value;
  }

  /** The epochs kept and trained, as the generator recorded them; a copula has none. */
  private static String epochs(Map<String, Object> provenance) {
    if (provenance.containsKey("visitEpochs")) {
      return "static chain: epoch "
          + provenance.get("staticSelectedEpoch")
          + " kept of "
          + provenance.get("staticEpochs")
          + "; visit chain: epoch "
          + provenance.get("visitSelectedEpoch")
          + " kept of "
          + provenance.get("visitEpochs")
          + " (early stopping on the validation loss)";
    }
    if (provenance.containsKey("epochsTrained")) {
      return "epoch "
          + provenance.get("selectedEpoch")
          + " kept of "
          + provenance.get("epochsTrained")
          + " (early stopping on the validation loss)";
    }
    return "none: fitted in one pass";
  }

  private static void section(
      StringBuilder page, String name, List<Metric> metrics, Map<?, ?> held) {
    for (Metric m : metrics) {
      page.append("| ")
          .append(name)
          .append(": ")
          .append(m.label())
          .append(" | ")
          .append(format(((Map<?, ?>) held.get("model")).get(m.key()), m.count()))
          .append(" | ")
          .append(format(((Map<?, ?>) held.get("freshReal")).get(m.key()), m.count()))
          .append(" | ")
          .append(format(((Map<?, ?>) held.get("independent")).get(m.key()), m.count()))
          .append(" |\n");
    }
  }

  private static void row(StringBuilder page, String name, Object value) {
    page.append("| ").append(name).append(" | ").append(value).append(" |\n");
  }

  /** Three decimals, "–" for a score not computed. */
  static String format(Object value) {
    return format(value, false);
  }

  /** A count as a whole number, any other score with three decimals, "–" when not computed. */
  static String format(Object value, boolean count) {
    if (!(value instanceof Number n)) {
      return value == null ? "–" : value.toString();
    }
    return String.format(Locale.ROOT, count ? "%.0f" : "%.3f", n.doubleValue());
  }

  private static List<String> strings(List<?> values) {
    return values.stream().map(String::valueOf).toList();
  }

  private static String capitalised(String text) {
    return text.substring(0, 1).toUpperCase(Locale.ROOT) + text.substring(1);
  }
}
