package io.github.syntheticpatients.runtime.model;

import io.github.syntheticpatients.runtime.ColumnKind;
import io.github.syntheticpatients.runtime.InvalidInputException;
import io.github.syntheticpatients.runtime.ModelInfo;
import io.github.syntheticpatients.runtime.PatientRecord;
import io.github.syntheticpatients.runtime.SampleRequest;
import io.github.syntheticpatients.runtime.SampleResult;
import io.github.syntheticpatients.runtime.copula.GaussianCopula;
import io.github.syntheticpatients.runtime.data.Table;
import io.github.syntheticpatients.runtime.data.TimelineRecords;
import io.github.syntheticpatients.runtime.data.Timelines;
import io.github.syntheticpatients.runtime.data.ValueFormat;
import io.github.syntheticpatients.runtime.encode.EncodedLayout;
import io.github.syntheticpatients.runtime.encode.TimelineEncoder;
import io.github.syntheticpatients.runtime.random.RandomStream;
import io.github.syntheticpatients.runtime.schema.ColumnSchema;
import io.github.syntheticpatients.runtime.schema.IdentifierShape;
import io.github.syntheticpatients.runtime.schema.TableSchema;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * A loaded longitudinal model. Patients are generated in two stages, as the model was trained:
 * first each patient's static attributes, number of visits and first visit time (a Gaussian copula;
 * conditions and a balance on static attributes are met here: a category by the copula's exact
 * conditioning, ranges by rejection within the time budget), then the visits, by the sequence
 * generator conditioned on that patient row. A timeline {@code argn} model ({@link
 * ArgnTimelineSampler}) takes the same two stages: its static chain generates the patient rows
 * (conditions on categories fix them first), its visit chain the visits. A fixed-length {@code
 * dp-vaegan} model ({@link VaeGanTimelineSampler}) generates both at once from one latent point;
 * its patients pass through the same block machinery as patient rows (its static target fixed
 * through the labeler, other static categories through the decoder, ranges by rejection), and a
 * balance may name only the target its labeler draws. Plain Java, thread-safe. Patients are sampled
 * in blocks of {@link #BLOCK_PATIENTS}, each from its own stream ({@link RandomStream#forBlock}),
 * and a timeline is never cut: patient {@code i} of a seed is the same whatever the request size,
 * range or thread count.
 */
public final class TimelineModel implements BlockModel {
  /**
   * Patients per block: a constant of the format (changing it changes every sampled patient).
   * Smaller than a tabular block because a patient costs a network pass per visit.
   */
  public static final int BLOCK_PATIENTS = 256;

  private final String id;
  private final String sha256;
  private final String streamKey;
  private final TableSchema schema;
  private final ModelInfo info;
  private final TimelineEncoder encoder;
  private final TabularModel patientModel;
  private final TimelineGenerator generator;
  private final ArgnTimelineSampler argn;
  private final VaeGanTimelineSampler vaegan;

  TimelineModel(
      String id,
      String sha256,
      String streamKey,
      ModelInfo info,
      TimelineEncoder encoder,
      GaussianCopula patientCopula,
      TimelineGenerator generator) {
    this.id = id;
    this.sha256 = sha256;
    this.streamKey = streamKey;
    this.schema = encoder.schema();
    this.info = info;
    this.encoder = encoder;
    this.patientModel =
        new TabularModel(
            id,
            sha256,
            streamKey,
            encoder.patientSchema(),
            info,
            new CopulaRowSampler(patientCopula));
    this.generator = generator;
    this.argn = null;
    this.vaegan = null;
    EncodedLayout layout = encoder.stepLayout();
    if (generator.stepWidth() != layout.width()
        || generator.staticWidth() != encoder.staticWidth()) {
      throw new IllegalArgumentException(
          "The sequence generator has step width "
              + generator.stepWidth()
              + " and condition width "
              + generator.staticWidth()
              + " but the encoding has "
              + layout.width()
              + " and "
              + encoder.staticWidth());
    }
  }

  /** A model of the timeline {@code argn}: its static chain generates the patient rows. */
  TimelineModel(
      String id, String sha256, String streamKey, ModelInfo info, ArgnTimelineSampler argn) {
    this.id = id;
    this.sha256 = sha256;
    this.streamKey = streamKey;
    this.schema = argn.schema();
    this.info = info;
    this.encoder = null;
    this.generator = null;
    this.argn = argn;
    this.vaegan = null;
    this.patientModel =
        new TabularModel(id, sha256, streamKey, argn.staticSchema(), info, argn.staticSampler());
  }

  /**
   * A fixed-length {@code dp-vaegan} model: statics and visits come together from one latent point,
   * so its patient model's rows carry each patient's steps too ({@link
   * VaeGanTimelineSampler#rowSchema()}).
   */
  TimelineModel(
      String id, String sha256, String streamKey, ModelInfo info, VaeGanTimelineSampler vaegan) {
    this.id = id;
    this.sha256 = sha256;
    this.streamKey = streamKey;
    this.schema = vaegan.encoder().schema();
    this.info = info;
    this.encoder = vaegan.encoder();
    this.generator = null;
    this.argn = null;
    this.vaegan = vaegan;
    this.patientModel = new TabularModel(id, sha256, streamKey, vaegan.rowSchema(), info, vaegan);
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public String sha256() {
    return sha256;
  }

  @Override
  public TableSchema schema() {
    return schema;
  }

  @Override
  public ModelInfo info() {
    return info;
  }

  /** The longest timeline this model generates. */
  public int maxVisits() {
    if (vaegan != null) {
      return vaegan.steps();
    }
    return argn != null ? argn.maxVisits() : encoder.maxVisits();
  }

  @Override
  public int blockSize() {
    return BLOCK_PATIENTS;
  }

  /**
   * Samples {@code request.rows()} patients with their visits, patients {@code [first, first +
   * rows)} of the seed's sequence. Conditions may fix static attributes only (e.g. {@code sex=f},
   * {@code age>=60}), and a balance may name a static attribute only.
   */
  @Override
  public SampleResult sample(SampleRequest request, long first) {
    Sampled sampled = sampleData(request, first);
    Timelines timelines = sampled.timelines();
    return new SampleResult(
        timelines.visits(),
        visitRecords(timelines, request.seed(), first),
        sampled.acceptanceRate(),
        new LazyList<>(
            timelines.patientCount(), p -> TimelineRecords.patient(timelines, p, timelines.id(p))));
  }

  /**
   * Samples patients as {@link Timelines} (the columnar form evaluation works on); the same request
   * gives the same patients as {@link #sample}.
   */
  public Timelines sampleTimelines(SampleRequest request) {
    return sampleData(request, 0).timelines();
  }

  private record Sampled(Timelines timelines, double acceptanceRate) {}

  private record BlockTimelines(Timelines timelines, long generated) {}

  private Sampled sampleData(SampleRequest request, long first) {
    BlockModel.requireRange(request, first, true);
    requireStaticConditions(request.conditions());
    requireStaticBalance(request.balance());
    if (vaegan != null) {
      requireLabeledBalance(request.balance());
    }
    BlockSource patientRows = patientModel.blockSource(request);
    long end = first + request.rows();
    long firstBlock = first / BLOCK_PATIENTS;
    int blocks = request.rows() == 0 ? 0 : (int) ((end - 1) / BLOCK_PATIENTS - firstBlock + 1);
    BlockTimelines[] parts = new BlockTimelines[blocks];
    IntStream.range(0, blocks)
        .parallel()
        .forEach(
            i -> {
              long block = firstBlock + i;
              long blockStart = block * BLOCK_PATIENTS;
              int from = (int) (Math.max(first, blockStart) - blockStart);
              int to = (int) (Math.min(end, blockStart + BLOCK_PATIENTS) - blockStart);
              parts[i] = sampleBlock(request, patientRows, block, from, to);
            });
    List<Timelines> timelines = new ArrayList<>(blocks);
    long kept = 0;
    long generated = 0;
    for (BlockTimelines part : parts) {
      timelines.add(part.timelines());
      kept += part.timelines().patientCount();
      generated += part.generated();
    }
    return new Sampled(
        concatenate(timelines), generated == 0 ? 1.0 : Math.min(1.0, (double) kept / generated));
  }

  /**
   * Patients {@code [from, to)} of one block. The block's stream gives two streams, split in this
   * order before anything is drawn: the patients' (their static attributes, visit count and first
   * time, by {@link BlockRows} or {@link BalancedSampling} from the patient copula) and the visits'
   * (each patient's noise and output draws in turn), so the first patients of a block do not depend
   * on how many follow.
   */
  private BlockTimelines sampleBlock(
      SampleRequest request, BlockSource patientRows, long block, int from, int to) {
    RandomStream random = RandomStream.forBlock(request.seed(), streamKey, block);
    RandomStream patientStream = random.split();
    RandomStream visitStream = random.split();
    BlockRows.Part part =
        patientRows.first(to, BLOCK_PATIENTS, patientStream, request.timeBudget());
    if (vaegan != null) {
      return kept(vaegan.timelines(part.table()), block, from, to, part.generated());
    }
    Table patients = part.table();
    Timelines all;
    if (argn != null) {
      all = argn.sample(patients, visitStream);
    } else {
      int[] lengths = lengths(patients);
      all = encoder.decode(patients, lengths, sampleSteps(patients, lengths, visitStream));
    }
    return kept(all, block, from, to, part.generated());
  }

  /** Patients {@code [from, to)} of a block's sampled patients, numbered in the whole sequence. */
  private static BlockTimelines kept(Timelines all, long block, int from, int to, long generated) {
    int[] kept = IntStream.range(from, to).toArray();
    Timelines selected = all.selectPatients(kept);
    List<String> ids = new ArrayList<>(kept.length);
    int[] starts = new int[kept.length + 1];
    for (int p = 0; p < kept.length; p++) {
      // Ids number the whole sequence: patient i of the seed is "i + 1" in every cut.
      ids.add(Long.toString(block * BLOCK_PATIENTS + kept[p] + 1));
      starts[p + 1] = starts[p] + selected.visitCount(p);
    }
    return new BlockTimelines(new Timelines(selected.visits(), starts, ids), generated);
  }

  /**
   * A balance of a {@code dp-vaegan} model sets the class ratio of the static target its labeler
   * draws, and only that.
   */
  private void requireLabeledBalance(String balance) {
    if (balance.isEmpty()) {
      return;
    }
    String column = ClassBalance.parse(balance, schema).column();
    String labeled = vaegan.labeledColumn();
    if (labeled == null) {
      throw InvalidInputException.inParameter(
          "balance",
          "this dp-vaegan timeline model has no labeler (it was trained without a discrete static"
              + " target), so it cannot set the class ratio of '"
              + column
              + "': retrain it with \"target\": \""
              + column
              + "\" in the schema (stage C then draws it), or fix one class with the condition "
              + column
              + "=<category> instead of a balance");
    }
    if (!labeled.equals(column)) {
      throw InvalidInputException.inParameter(
          "balance",
          "this dp-vaegan timeline model balances only the target its labeler draws, '"
              + labeled
              + "', not '"
              + column
              + "': balance "
              + labeled
              + ", or fix one class of "
              + column
              + " with the condition "
              + column
              + "=<category>");
    }
  }

  private Timelines concatenate(List<Timelines> parts) {
    if (parts.size() == 1) {
      return parts.get(0);
    }
    List<Table> tables = new ArrayList<>(parts.size());
    List<String> ids = new ArrayList<>();
    int patients = 0;
    for (Timelines part : parts) {
      tables.add(part.visits());
      patients += part.patientCount();
    }
    int[] starts = new int[patients + 1];
    int p = 0;
    for (Timelines part : parts) {
      for (int q = 0; q < part.patientCount(); q++, p++) {
        ids.add(part.id(q));
        starts[p + 1] = starts[p] + part.visitCount(q);
      }
    }
    Table visits =
        tables.isEmpty()
            ? new Table(schema, new double[schema.columns().size()][0])
            : BlockRows.concatenate(schema, tables);
    return new Timelines(visits, starts, ids);
  }

  private void requireStaticConditions(List<String> expressions) {
    Conditions conditions = Conditions.parse(expressions, schema);
    List<String> staticNames = schema.staticColumns().stream().map(ColumnSchema::name).toList();
    List<String> named = new ArrayList<>(conditions.categories().keySet());
    named.addAll(conditions.ranges().keySet());
    for (String column : named) {
      if (!staticNames.contains(column)) {
        throw InvalidInputException.inParameter(
            "conditions",
            "'"
                + column
                + "' changes from visit to visit; conditions on a longitudinal model fix static attributes"
                + " only: "
                + (staticNames.isEmpty() ? "this model has none" : String.join(", ", staticNames)));
      }
    }
  }

  private void requireStaticBalance(String balance) {
    if (balance.isEmpty()) {
      return;
    }
    String column = ClassBalance.parse(balance, schema).column();
    List<String> staticNames = schema.staticColumns().stream().map(ColumnSchema::name).toList();
    if (!staticNames.contains(column)) {
      throw InvalidInputException.inParameter(
          "balance",
          "'"
              + column
              + "' changes from visit to visit; a longitudinal model balances a static attribute"
              + " only: "
              + (staticNames.isEmpty() ? "this model has none" : String.join(", ", staticNames)));
    }
  }

  private int[] lengths(Table patients) {
    double[] visits = patients.column(encoder.visitsColumn());
    int[] lengths = new int[visits.length];
    for (int p = 0; p < lengths.length; p++) {
      long rounded = Double.isNaN(visits[p]) ? 1 : Math.round(visits[p]);
      lengths[p] = (int) Math.max(1, Math.min(encoder.maxVisits(), rounded));
    }
    return lengths;
  }

  /** Every patient's visits in turn, from one stream: noise, the network, then the output draws. */
  private float[] sampleSteps(Table patients, int[] lengths, RandomStream random) {
    int width = encoder.stepLayout().width();
    int staticWidth = encoder.staticWidth();
    float[] statics = encoder.encodeStatics(patients);
    int steps = 0;
    for (int length : lengths) {
      steps += length;
    }
    float[] activated = new float[Math.multiplyExact(steps, width)];
    EncodedLayout layout = encoder.stepLayout();
    int latent = generator.latentDim();
    int step = 0;
    for (int p = 0; p < lengths.length; p++) {
      int length = lengths[p];
      float[] noise = new float[length * latent];
      for (int i = 0; i < noise.length; i++) {
        noise[i] = (float) random.nextGaussian();
      }
      float[] condition = Arrays.copyOfRange(statics, p * staticWidth, (p + 1) * staticWidth);
      float[] raw = generator.forwardRaw(noise, condition, length);
      for (int t = 0; t < length; t++) {
        OutputSampling.activateRow(raw, t * width, layout, activated, (step + t) * width, random);
      }
      step += length;
    }
    return activated;
  }

  /**
   * The visit rows in long format: the patient's id in the id column, static values repeated on
   * each visit, and any other identifier generated per patient by its shape (the same on each of
   * the patient's visits).
   */
  private List<PatientRecord> visitRecords(Timelines timelines, long seed, long firstPatient) {
    int[] patientOfRow = new int[timelines.visits().rowCount()];
    for (int p = 0; p < timelines.patientCount(); p++) {
      int first = timelines.firstRow(p);
      Arrays.fill(patientOfRow, first, first + timelines.visitCount(p), p);
    }
    List<ColumnSchema> columns = schema.columns();
    return new LazyList<>(
        patientOfRow.length,
        row -> {
          Map<String, Object> values = new LinkedHashMap<>();
          for (int c = 0; c < columns.size(); c++) {
            ColumnSchema column = columns.get(c);
            if (column.dropped()) {
              continue;
            }
            int patient = patientOfRow[row];
            long index = firstPatient + patient;
            if (column.name().equals(schema.entityId())) {
              values.put(column.name(), timelines.id(patient));
            } else if (column.kind() == ColumnKind.IDENTIFIER) {
              values.put(
                  column.name(),
                  IdentifierShape.generate(
                      column.identifierShape(), index, IdentifierShape.randomFor(seed, c, index)));
            } else {
              values.put(
                  column.name(), ValueFormat.toValue(column, timelines.visits().value(row, c)));
            }
          }
          return new PatientRecord(values);
        });
  }
}
