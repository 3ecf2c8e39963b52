package io.github.syntheticpatients.runtime.train;

import io.github.syntheticpatients.runtime.ColumnKind;
import io.github.syntheticpatients.runtime.GateResult;
import io.github.syntheticpatients.runtime.InvalidInputException;
import io.github.syntheticpatients.runtime.SampleRequest;
import io.github.syntheticpatients.runtime.SyntheticModel;
import io.github.syntheticpatients.runtime.TrainRequest;
import io.github.syntheticpatients.runtime.TrainResult;
import io.github.syntheticpatients.runtime.TrainSettings;
import io.github.syntheticpatients.runtime.TrainingListener;
import io.github.syntheticpatients.runtime.Versions;
import io.github.syntheticpatients.runtime.copula.GaussianCopula;
import io.github.syntheticpatients.runtime.data.Table;
import io.github.syntheticpatients.runtime.dp.DpSettings;
import io.github.syntheticpatients.runtime.encode.EncoderSettings;
import io.github.syntheticpatients.runtime.encode.TableEncoder;
import io.github.syntheticpatients.runtime.eval.fidelity.QualityReport;
import io.github.syntheticpatients.runtime.eval.privacy.PrivacyGate;
import io.github.syntheticpatients.runtime.fit.copula.GaussianCopulaFitter;
import io.github.syntheticpatients.runtime.fit.encode.TableEncoderFitter;
import io.github.syntheticpatients.runtime.io.csv.CsvOptions;
import io.github.syntheticpatients.runtime.io.csv.CsvTableReader;
import io.github.syntheticpatients.runtime.io.json.SchemaJson;
import io.github.syntheticpatients.runtime.model.ModelContents;
import io.github.syntheticpatients.runtime.model.ModelFile;
import io.github.syntheticpatients.runtime.sampling.Schemas;
import io.github.syntheticpatients.runtime.schema.ColumnSchema;
import io.github.syntheticpatients.runtime.schema.ProtectedValues;
import io.github.syntheticpatients.runtime.schema.TableSchema;
import io.github.syntheticpatients.runtime.schema.ValueProtection;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Trains a tabular model end to end: schema, CSV, a seeded split (privacy holdout, validation,
 * training), encoder, generator with snapshot selection on the validation part, the privacy gate on
 * the holdout, and the model file. Every step is seeded from the request's seed.
 */
public final class TabularTrainingJob extends TrainingJob<Candidate> {
  /** Fewer rows than this cannot train anything meaningful. */
  static final int MIN_ROWS = 20;

  /**
   * Paired bootstrap resamples of the validation rows that estimate the noise of {@code auto}'s
   * comparison.
   */
  static final int BOOTSTRAP_RESAMPLES = 20;

  /**
   * How many standard errors the CTGAN must lead the copula by (and argn the one kept) to be kept.
   */
  static final double NOISE_Z = 2;

  private TableSchema schema;
  private Table table;
  private Table train;
  private Table holdout;

  private TabularTrainingJob(TrainRequest request, TrainingListener listener) {
    super(request, listener);
  }

  /**
   * Trains and writes the model; see {@link
   * io.github.syntheticpatients.runtime.training.Training#train}.
   */
  public static TrainResult run(TrainRequest request, TrainingListener listener) {
    return new TabularTrainingJob(request, listener).run();
  }

  @Override
  int read() {
    requireInput(request.input());
    schema =
        request.schemaFile() == null
            ? TableSchema.of(Schemas.infer(request.input(), options.valueProtectionK(), List.of()))
            : TableSchema.of(Schemas.read(request.schemaFile()));
    ModelFile.requireColumnsFit(
        schema, request.schemaFile() == null ? request.input() : request.schemaFile());
    table = CsvTableReader.read(request.input(), schema, CsvOptions.defaults());
    if (table.rowCount() < MIN_ROWS) {
      throw InvalidInputException.inFile(
          request.input(),
          -1,
          null,
          "has " + table.rowCount() + " data rows; training needs at least " + MIN_ROWS);
    }
    listener.onMessage(
        (request.schemaFile() == null
                ? "Schema inferred from " + request.input().getFileName()
                : "Schema read from " + request.schemaFile().getFileName())
            + ": "
            + kinds(schema)
            + (request.schemaFile() == null
                ? " (review or edit it: synthetic:schema, then -Dsynthetic.schema)"
                : ""));
    listener.onMessage(
        String.format(
            Locale.ROOT,
            "Read %d rows x %d columns (%d learned) from %s",
            table.rowCount(),
            schema.columns().size(),
            schema.learnedColumns().size(),
            request.input()));
    return table.rowCount();
  }

  /** The column count of each kind, e.g. "7 numeric, 1 identifier". */
  static String kinds(TableSchema schema) {
    Map<ColumnKind, Integer> counts = new EnumMap<>(ColumnKind.class);
    for (ColumnSchema column : schema.columns()) {
      counts.merge(column.kind(), 1, Integer::sum);
    }
    List<String> parts = new ArrayList<>();
    counts.forEach((kind, count) -> parts.add(count + " " + kind.name().toLowerCase(Locale.ROOT)));
    return String.join(", ", parts);
  }

  @Override
  String units() {
    return "rows";
  }

  @Override
  List<Candidate> fit(DataSplit split) {
    train = table.selectRows(split.train());
    Table validation = table.selectRows(split.validation());
    holdout = table.selectRows(split.holdout());
    reportWithheld(train, schema.learnedColumns(), options.valueProtectionK(), listener);
    return fit(settings, options, train, validation);
  }

  @Override
  GateResult gate(Candidate candidate) {
    return DpArgnFitting.withAccounting(
        privacyGate(candidate, train, holdout, settings.seed()), candidate);
  }

  @Override
  String describe(Candidate candidate) {
    return label(candidate);
  }

  @Override
  void noteFallback(Candidate kept, Candidate refused, GateResult refusedGate) {
    kept.note("autoFallback", label(refused) + " failed the privacy gate");
  }

  @Override
  Written write(
      Candidate chosen, GateResult gate, DataSplit split, double holdoutFraction, Duration duration)
      throws IOException {
    ModelContents contents =
        chosen.contents(
            summary(schema, chosen.generator(), split.train().length, table.rowCount())
                + DpArgnFitting.summaryNote(chosen),
            settingsBlock(settings, options, holdoutFraction),
            provenance(settings, options, split, table, chosen, schema),
            evaluation(chosen, gate, options),
            Map.of("trainingSeconds", Math.round(duration.toMillis() / 100.0) / 10.0));
    ModelFile.write(contents, request.output());
    return new Written(chosen.epochs(), table.rowCount());
  }

  @Override
  void writeSplit(Path directory, DataSplit split) {
    SplitFiles.write(
        request.input(), request.output(), directory, table.rowCount(), split, listener);
  }

  /**
   * The candidates in order of preference: one, or for {@code auto} the chosen one and the other.
   */
  private List<Candidate> fit(
      TrainSettings settings, TrainingOptions options, Table train, Table validation) {
    String generator = settings.generator().toLowerCase(Locale.ROOT);
    DpSettings dp = DpSettings.fromOptions(settings.options());
    if (dp != null && (generator.equals("copula") || generator.equals("auto"))) {
      if (generator.equals("auto")) {
        listener.onMessage(
            "auto under DP: fits the DP Gaussian copula only (comparing candidates on the records"
                + " would spend the budget again)");
      }
      return List.of(DpCopulaFitting.fit(settings, dp, train, listener));
    }
    return switch (generator) {
      case "copula" ->
          List.of(fitCopula(train, validation, settings.seed(), options.valueProtectionK()));
      case "ctgan", "basic" -> List.of(fitGan(generator, settings, train, validation));
      case "argn" -> List.of(fitArgn(settings, options, train, validation));
      case "dp-vaegan" ->
          List.of(
              DpVaeGanFitting.fit(
                  settings, DpSettings.fromOptions(settings.options()), train, listener));
      case "auto" -> fitBest(settings, options, train, validation);
      default ->
          throw InvalidInputException.inParameter(
              "generator",
              "Unknown generator '"
                  + settings.generator()
                  + "'; use auto, argn, ctgan, basic, copula or dp-vaegan");
    };
  }

  /**
   * {@code auto}: a Gaussian copula, then the autoregressive generator (argn) challenges it and is
   * kept only when {@link AutoChoice} finds it clearly better: harder to tell from real rows by the
   * tree detector beyond that estimate's noise, or else better on validation quality by more than
   * {@value #NOISE_Z} standard errors of a paired bootstrap. Ties go to the simpler copula. The
   * CTGAN is no default candidate: it lost to the copula on every table measured
   * (docs/benchmarks/gan.md) and cost minutes on tables of a few thousand rows; {@code
   * generator=ctgan} still trains one. Without a validation part, without DJL on the classpath, or
   * on a table too small for a network ({@link TrainingOptions#autoSkipsGan}), the copula. Returns
   * the kept candidate first, then the other, in the order the gate should try them.
   */
  private List<Candidate> fitBest(
      TrainSettings settings, TrainingOptions options, Table train, Table validation) {
    Optional<String> networkSkipped = TrainingOptions.autoSkipsGan(table.rowCount());
    listener.onMessage(
        "auto: "
            + networkSkipped
                .map(why -> "fits the Gaussian copula only (no argn: " + why + ")")
                .orElse(
                    "fits the Gaussian copula (seconds), then the autoregressive generator argn,"
                        + " and keeps argn only when it is clearly better on the validation rows"));
    Candidate copula = fitCopula(train, validation, settings.seed(), options.valueProtectionK());
    if (networkSkipped.isPresent()) {
      return List.of(copula);
    }
    if (validation.rowCount() == 0 || !Engines.available()) {
      listener.onMessage(
          "auto: kept the Gaussian copula ("
              + (validation.rowCount() == 0
                  ? "no validation rows to compare on"
                  : "DJL is not on the classpath")
              + ")");
      return List.of(copula);
    }
    Candidate argn = fitArgn(settings, options, train, validation);
    AutoChoice challenge =
        AutoChoice.of(copula, argn, validation, settings.seed(), AutoChoice.Names.of(copula, argn));
    listener.onMessage(challenge.reason());
    Candidate kept = challenge.ganKept() ? argn : copula;
    kept.note("autoSelection", challenge.record());
    return challenge.ganKept() ? List.of(argn, copula) : List.of(copula, argn);
  }

  /**
   * Standard deviation of the paired differences a[i] − b[i]: the bootstrap standard error of the
   * difference.
   */
  static double standardDeviationOfDifference(double[] a, double[] b) {
    double mean = 0;
    for (int i = 0; i < a.length; i++) {
      mean += (a[i] - b[i]) / a.length;
    }
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      double d = a[i] - b[i] - mean;
      sum += d * d;
    }
    return a.length < 2 ? 0 : Math.sqrt(sum / (a.length - 1));
  }

  static String label(Candidate candidate) {
    return switch (candidate.generator()) {
      case "copula" -> "Gaussian copula";
      case "argn" -> "autoregressive generator (argn)";
      case "dp-vaegan" -> "DP VAE-GAN (dp-vaegan)";
      default -> "CTGAN";
    };
  }

  private Candidate fitArgn(
      TrainSettings settings, TrainingOptions options, Table train, Table validation) {
    Engines.require();
    return ArgnFitting.fit(settings, options.valueProtectionK(), train, validation, listener);
  }

  private Candidate fitCopula(Table train, Table validation, long seed, int valueProtectionK) {
    GaussianCopula copula = GaussianCopulaFitter.fit(train, valueProtectionK);
    Candidate candidate = Candidate.copula(train.schema(), copula.state());
    candidate.score(validation, seed);
    listener.onMessage(
        String.format(
            Locale.ROOT,
            "Fitted Gaussian copula; validation quality %.4f",
            candidate.validationScore()));
    return candidate;
  }

  private Candidate fitGan(
      String generator, TrainSettings settings, Table train, Table validation) {
    Engines.require();
    DpSettings dp = DpSettings.fromOptions(settings.options());
    if (dp != null) {
      GanFitting.refuseUnderDp(settings);
      return DpGanFitting.fit(settings, dp, train, listener);
    }
    EncoderSettings encoderSettings = EncoderSettings.fromOptions(settings.options());
    TableEncoder encoder = TableEncoderFitter.fit(train, encoderSettings, settings.seed());
    listener.onMessage(
        "Encoded "
            + train.schema().learnedColumns().size()
            + " columns into "
            + encoder.layout().width()
            + " values ("
            + encoderSettings.numericEncoding().name().toLowerCase(Locale.ROOT)
            + ")");
    return GanFitting.fit(generator, settings, encoder, train, validation, listener);
  }

  private GateResult privacyGate(Candidate candidate, Table train, Table holdout, long seed) {
    SyntheticModel model = candidate.model();
    Table synthetic = Table.of(model.sample(SampleRequest.of(train.rowCount(), seed + 1)).table());
    GateResult gate =
        PrivacyGate.evaluate(
            train,
            holdout.rowCount() == 0 ? null : holdout,
            synthetic,
            null,
            TrainingOptions.gateSettings(request.settings().options()),
            seed);
    listener.onMessage("Privacy gate " + gate.summary());
    return gate;
  }

  private static void requireInput(Path input) {
    if (!Files.isRegularFile(input)) {
      throw InvalidInputException.inFile(
          input, -1, null, "file not found; set the training CSV (synthetic.input)");
    }
  }

  private static String summary(TableSchema schema, String generator, int trainRows, int rows) {
    return String.format(
        Locale.ROOT,
        "%s generator, %d columns, fitted on %d of %d rows (the rest held out for validation and the"
            + " privacy gate)",
        generator,
        schema.outputColumns().size(),
        trainRows,
        rows);
  }

  private static Map<String, Object> settingsBlock(
      TrainSettings settings, TrainingOptions options, double holdoutFraction) {
    Map<String, Object> block = new LinkedHashMap<>(TrainingRecord.requestedSettings(settings));
    block.put("holdoutFraction", holdoutFraction);
    block.put("validationFraction", options.validationFraction());
    block.put("privacyGate", options.enforceGate() ? "enforce" : "warn");
    block.put(ValueProtection.OPTION, options.valueProtectionK());
    return block;
  }

  /**
   * Tells the user which nullable continuous columns value protection withholds (too few present
   * values to protect: they are generated as missing). A column that is not nullable fails in the
   * encoder or copula instead.
   */
  static void reportWithheld(
      Table table, List<ColumnSchema> columns, int k, TrainingListener listener) {
    for (ColumnSchema column : columns) {
      if (!column.kind().isContinuous() || !column.nullable()) {
        continue;
      }
      ProtectedValues values = ProtectedValues.of(table.column(column.name()), k);
      long present =
          Arrays.stream(table.column(column.name())).filter(v -> !Double.isNaN(v)).count();
      if (values.withheld() && present > 0) {
        listener.onMessage(
            "Column '"
                + column.name()
                + "' has only "
                + present
                + " training values, too few for "
                + ValueProtection.OPTION
                + "="
                + k
                + " (k records at or beyond each stored bound needs about 2k - 1 values): it is not"
                + " learned and is generated as missing");
      }
    }
  }

  private Map<String, Object> provenance(
      TrainSettings settings,
      TrainingOptions options,
      DataSplit split,
      Table table,
      Candidate chosen,
      TableSchema schema) {
    Map<String, Object> provenance = new LinkedHashMap<>();
    Map<String, Object> recordedRequest = TrainingRecord.describe(request);
    provenance.put("request", recordedRequest);
    provenance.put("inputFile", request.input().getFileName().toString());
    provenance.put("inputSha256", recordedRequest.get("inputSha256"));
    provenance.put("schemaSha256", ModelFile.sha256(SchemaJson.toBytes(schema)));
    provenance.put("rows", table.rowCount());
    provenance.put("trainRows", split.train().length);
    provenance.put("validationRows", split.validation().length);
    provenance.put("holdoutRows", split.holdout().length);
    provenance.put("seed", settings.seed());
    provenance.put(ValueProtection.OPTION, options.valueProtectionK());
    provenance.put("versions", Versions.describe());
    provenance.putAll(chosen.trainingFacts());
    return provenance;
  }

  private static Map<String, Object> evaluation(
      Candidate chosen, GateResult gate, TrainingOptions options) {
    Map<String, Object> evaluation = new LinkedHashMap<>();
    evaluation.put("validationQuality", chosen.validationScore());
    evaluation.put("privacyGate", TrainingRecord.describe(gate));
    evaluation.put("privacyGateEnforced", options.enforceGate());
    return evaluation;
  }

  static double quality(Table real, Table synthetic) {
    return QualityReport.compute(real, synthetic).overall();
  }
}
