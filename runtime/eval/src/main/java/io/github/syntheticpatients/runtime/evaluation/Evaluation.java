package io.github.syntheticpatients.runtime.evaluation;

import io.github.syntheticpatients.runtime.InvalidInputException;
import io.github.syntheticpatients.runtime.data.Table;
import io.github.syntheticpatients.runtime.data.Timelines;
import io.github.syntheticpatients.runtime.eval.privacy.GateSettings;
import io.github.syntheticpatients.runtime.eval.report.EvaluationReport;
import io.github.syntheticpatients.runtime.eval.report.ReportFiles;
import io.github.syntheticpatients.runtime.io.csv.CsvOptions;
import io.github.syntheticpatients.runtime.io.csv.CsvTableReader;
import io.github.syntheticpatients.runtime.io.csv.TimelineReader;
import io.github.syntheticpatients.runtime.sampling.Schemas;
import io.github.syntheticpatients.runtime.schema.ColumnSchema;
import io.github.syntheticpatients.runtime.schema.TableSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Fidelity, utility and privacy of synthetic data against real data, with the privacy gate. The
 * in-memory equivalents, for training code that holds {@code Table}s or {@code Timelines}, are
 * {@link EvaluationReport#compute} and {@link EvaluationReport#computeLongitudinal}.
 */
public final class Evaluation {
  private Evaluation() {}

  /**
   * Evaluates a synthetic CSV against the real data and writes the JSON and HTML reports. All three
   * CSVs are read with one schema: the schema file when given, else the one inferred from the real
   * CSV and the holdout together. The synthetic CSV is read leniently: values outside the real
   * domain (out of range, unseen categories, missing where the schema has none) are counted in the
   * report, not refused; its header must still match. When the schema is longitudinal (its file
   * names {@code entityId} and {@code time}, or the request does), the CSVs are long-format visit
   * rows read as patient timelines, and the report adds the timeline scores and the patient-level
   * privacy checks ({@link EvaluationReport#computeLongitudinal}).
   *
   * @throws InvalidInputException when a file is missing, malformed or does not match the schema,
   *     or a threshold, target or sensitive column is unknown
   */
  public static EvaluationResult evaluate(EvaluateRequest request) {
    requireData(request.real(), "real");
    requireData(request.synthetic(), "synthetic");
    if (request.holdout() != null) {
      requireData(request.holdout(), "holdout");
    }
    GateSettings settings = GateSettings.defaults().with(request.thresholds());
    TableSchema schema;
    if (request.schemaFile() != null) {
      requireFile(request.schemaFile(), "schemaFile");
      schema = TableSchema.of(Schemas.read(request.schemaFile()));
      if (request.entityId() != null) {
        schema =
            TableSchema.of(
                Schemas.withLongitudinal(
                    schema, request.real(), request.entityId(), request.time()));
      }
    } else if (request.entityId() != null) {
      schema =
          RealSchema.inferLongitudinal(
              request.real(), request.holdout(), request.entityId(), request.time());
    } else {
      schema = RealSchema.infer(request.real(), request.holdout());
    }
    String target = request.target();
    if (target != null) {
      requireLearned(schema, target, "target");
      schema = schema.withTarget(target);
    }
    if (request.sensitiveColumn() != null) {
      requireLearned(schema, request.sensitiveColumn(), "sensitiveColumn");
    }
    if (schema.isLongitudinal()) {
      return evaluateTimelines(request, schema, target, settings);
    }
    for (Path input : new Path[] {request.real(), request.synthetic(), request.holdout()}) {
      if (input != null && Files.isDirectory(input)) {
        throw InvalidInputException.inParameter(
            input == request.real()
                ? "real"
                : input == request.synthetic() ? "synthetic" : "holdout",
            input
                + " is a directory; a directory of per-patient files is longitudinal data: name its patient id"
                + " and time columns (synthetic.entityId, synthetic.time)");
      }
    }
    Table real = CsvTableReader.read(request.real(), schema, null);
    Table holdout =
        request.holdout() == null ? null : CsvTableReader.read(request.holdout(), schema, null);
    SyntheticInput.Read<Table> read =
        SyntheticInput.table(
            request.synthetic(), schema, holdout == null ? List.of(real) : List.of(real, holdout));
    Table synthetic = read.data();
    if (real.rowCount() < 2) {
      throw InvalidInputException.inFile(
          request.real(),
          -1,
          null,
          "has " + real.rowCount() + " data rows; evaluation needs at least 2 real rows");
    }
    if (synthetic.rowCount() < 1) {
      throw InvalidInputException.inFile(
          request.synthetic(), -1, null, "has no data rows; generate some first");
    }
    EvaluationReport report =
        EvaluationReport.compute(
                real,
                holdout,
                synthetic,
                target,
                request.sensitiveColumn(),
                settings,
                request.seed())
            .withSyntheticDomain(read.domain());
    Path[] written =
        ReportFiles.write(report, request.reportDirectory(), request.valueProtectionK());
    return new EvaluationResult(
        written[0], written[1], report.scores(), report.gate(), report.gateSensitivity());
  }

  private static EvaluationResult evaluateTimelines(
      EvaluateRequest request, TableSchema schema, String target, GateSettings settings) {
    Timelines real = TimelineReader.read(request.real(), schema, CsvOptions.defaults());
    Timelines holdout =
        request.holdout() == null
            ? null
            : TimelineReader.read(request.holdout(), schema, CsvOptions.defaults());
    SyntheticInput.Read<Timelines> read =
        SyntheticInput.timelines(
            request.synthetic(),
            schema,
            holdout == null ? List.of(real.visits()) : List.of(real.visits(), holdout.visits()));
    Timelines synthetic = read.data();
    if (real.patientCount() < 2) {
      throw InvalidInputException.inFile(
          request.real(),
          -1,
          null,
          "has " + real.patientCount() + " patients; evaluation needs at least 2 real patients");
    }
    if (synthetic.patientCount() < 1) {
      throw InvalidInputException.inFile(
          request.synthetic(), -1, null, "has no patients; generate some first");
    }
    EvaluationReport report =
        EvaluationReport.computeLongitudinal(
                real,
                holdout,
                synthetic,
                target,
                request.sensitiveColumn(),
                settings,
                request.seed(),
                request.valueProtectionK())
            .withSyntheticDomain(read.domain());
    Path[] written =
        ReportFiles.write(report, request.reportDirectory(), request.valueProtectionK());
    return new EvaluationResult(
        written[0], written[1], report.scores(), report.gate(), report.gateSensitivity());
  }

  /**
   * A CSV, or a directory of per-patient files (longitudinal data only, checked once the schema is
   * known).
   */
  private static void requireData(Path file, String parameter) {
    if (!Files.isRegularFile(file) && !Files.isDirectory(file)) {
      throw InvalidInputException.inParameter(
          parameter,
          "File "
              + file
              + " does not exist; pass the path of an"
              + " existing CSV (or, for longitudinal data, a directory of per-patient files)");
    }
  }

  private static void requireFile(Path file, String parameter) {
    if (!Files.isRegularFile(file)) {
      throw InvalidInputException.inParameter(
          parameter,
          "File "
              + file
              + " does not exist; pass the path of an"
              + ("schemaFile".equals(parameter) ? " existing schema JSON" : " existing CSV"));
    }
  }

  private static void requireLearned(TableSchema schema, String column, String parameter) {
    ColumnSchema c = schema.column(column).orElse(null);
    if (c == null || !c.isLearned()) {
      throw InvalidInputException.inParameter(
          parameter,
          "Column '"
              + column
              + "' is not a learned column of the"
              + " schema; name one of "
              + schema.learnedColumns().stream().map(ColumnSchema::name).toList());
    }
  }
}
