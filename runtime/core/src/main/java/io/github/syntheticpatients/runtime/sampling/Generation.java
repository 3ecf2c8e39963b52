package io.github.syntheticpatients.runtime.sampling;

import io.github.syntheticpatients.runtime.ColumnView;
import io.github.syntheticpatients.runtime.GenerateRequest;
import io.github.syntheticpatients.runtime.GenerateResult;
import io.github.syntheticpatients.runtime.InvalidInputException;
import io.github.syntheticpatients.runtime.SampleLimits;
import io.github.syntheticpatients.runtime.SampleRequest;
import io.github.syntheticpatients.runtime.SampleResult;
import io.github.syntheticpatients.runtime.SyntheticModel;
import io.github.syntheticpatients.runtime.Versions;
import io.github.syntheticpatients.runtime.io.csv.CsvRecordWriter;
import io.github.syntheticpatients.runtime.io.json.JsonFiles;
import io.github.syntheticpatients.runtime.io.json.JsonlRecordWriter;
import io.github.syntheticpatients.runtime.io.json.TimelineJsonlWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Samples a model to a CSV or JSON-lines file with a provenance file beside it. */
public final class Generation {
  /** Suffix of the provenance file written next to each output. */
  public static final String PROVENANCE_SUFFIX = ".provenance.json";

  private Generation() {}

  /**
   * Writes {@code request.rows()} records; for a longitudinal model, that many patients: CSV in
   * long format (one line per visit), JSON lines one patient per line with a {@code visits} array.
   * The same model, seed, rows and conditions give byte-identical files. Writes to a temporary file
   * and moves it into place, so a failure never leaves partial output. Refuses more than {@link
   * SampleLimits} allows before sampling anything.
   */
  public static GenerateResult generate(GenerateRequest request) {
    SyntheticModel model = ModelLoader.load(request.model());
    boolean longitudinal = model.schema().isLongitudinal();
    SampleLimits.problem(request.rows(), longitudinal)
        .ifPresent(
            problem -> {
              throw InvalidInputException.inParameter(
                  "rows",
                  problem
                      + ". Ask for at most "
                      + SampleLimits.max(longitudinal)
                      + ", or write several files with different seeds.");
            });
    SampleResult sample =
        model.sample(
            new SampleRequest(
                request.rows(),
                request.seed(),
                request.conditions(),
                SampleRequest.DEFAULT_TIME_BUDGET));
    List<String> columns = model.schema().outputColumns().stream().map(ColumnView::name).toList();
    Path output = request.output().toAbsolutePath();
    Path provenanceFile = output.resolveSibling(output.getFileName() + PROVENANCE_SUFFIX);
    switch (request.format()) {
      case CSV -> CsvRecordWriter.write(output, columns, sample.records());
      case JSONL -> {
        if (model.schema().isLongitudinal()) {
          // One patient per line, with the visits nested: a long-format line per visit would split
          // patients.
          TimelineJsonlWriter.write(output, sample.timelines());
        } else {
          JsonlRecordWriter.write(output, columns, sample.records());
        }
      }
    }
    JsonFiles.write(provenanceFile, provenance(request, model, sample));
    return new GenerateResult(
        output,
        provenanceFile,
        sample.records().size(),
        request.seed(),
        model.id(),
        model.sha256(),
        sample.acceptanceRate(),
        sample.timelines().size());
  }

  private static Map<String, Object> provenance(
      GenerateRequest request, SyntheticModel model, SampleResult sample) {
    Map<String, Object> modelBlock = new LinkedHashMap<>();
    modelBlock.put("id", model.id());
    modelBlock.put("reference", request.model());
    modelBlock.put("sha256", model.sha256());
    modelBlock.put("generator", model.info().generator());
    modelBlock.put("trainingDataSha256", model.info().provenance().get("inputSha256"));
    Map<String, Object> provenance = new LinkedHashMap<>();
    provenance.put("model", modelBlock);
    provenance.put("rows", sample.records().size());
    if (model.schema().isLongitudinal()) {
      provenance.put("patients", sample.timelines().size());
    }
    provenance.put("seed", request.seed());
    provenance.put("seedSource", request.seedSource());
    provenance.put("conditions", request.conditions());
    provenance.put("acceptanceRate", sample.acceptanceRate());
    provenance.put("format", request.format().extension());
    provenance.put("output", request.output().getFileName().toString());
    provenance.put("versions", Versions.describe());
    return provenance;
  }
}
