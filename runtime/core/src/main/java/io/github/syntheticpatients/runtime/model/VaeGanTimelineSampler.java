package io.github.syntheticpatients.runtime.model;

import io.github.syntheticpatients.runtime.ColumnKind;
import io.github.syntheticpatients.runtime.data.Table;
import io.github.syntheticpatients.runtime.data.Timelines;
import io.github.syntheticpatients.runtime.data.ValueRange;
import io.github.syntheticpatients.runtime.encode.EncodedLayout;
import io.github.syntheticpatients.runtime.encode.LabeledLayout;
import io.github.syntheticpatients.runtime.encode.OutputBlock;
import io.github.syntheticpatients.runtime.encode.TimelineEncoder;
import io.github.syntheticpatients.runtime.random.RandomStream;
import io.github.syntheticpatients.runtime.schema.ColumnSchema;
import io.github.syntheticpatients.runtime.schema.TableSchema;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Samples fixed-length timelines of a longitudinal {@code dp-vaegan} model in plain Java: each
 * patient's noise through {@link SeriesDecoder} gives its raw patient row and its {@code steps} raw
 * step rows at once (statics and visits come from one latent point, not in two stages), the output
 * heads activate them (tanh on scalars, a category drawn from each softmax), the labeler of stage C
 * (when the model has one) draws the static target from its softmax over the activated steps and
 * patient row, and the {@link TimelineEncoder} decodes them: static attributes copied to every
 * visit, the first time from the patient row, each later time the previous plus a decoded gap.
 *
 * <p>To the block machinery ({@link BlockRows}, {@link BalancedSampling}) it is a {@link
 * RowSampler} of <em>patients</em>: a row is the patient row (static attributes, visit count, first
 * time) followed by the patient's activated step values in hidden columns ({@link #rowSchema()}),
 * so conditions, range rejection and class balancing work on patients as on table rows, and {@link
 * #timelines} turns kept rows into timelines. Categories are fixed without rejection, by importance
 * resampling over {@value #CANDIDATES} candidates per patient: the static target with the labeler's
 * probability of the asked class as each candidate's weight, another static category with the
 * decoder's own softmax probability of it (the category is then set). That draws from the model's
 * own distribution given the categories as the candidates grow; a class the model finds unlikely
 * everywhere is still drawn, from the candidates nearest to it.
 *
 * <p>Each patient reads two streams split from the batch's before anything is drawn, one for the
 * noise and one for the output draws, patient after patient: the first patients of a batch do not
 * depend on how many follow.
 */
final class VaeGanTimelineSampler implements RowSampler {
  /** Candidates per patient when categories are fixed: a constant of the sampled output. */
  static final int CANDIDATES = 16;

  private final TimelineEncoder encoder;
  private final SeriesDecoder decoder;
  private final GanGenerator.Labeler labeler;
  private final LabeledLayout split;
  private final EncodedLayout generated;
  private final TableSchema rowSchema;
  private final int patientColumns;

  /**
   * @param encoder the timeline encoder
   * @param decoder the generator and decoder
   * @param labeler the labeler of the static target, or null when the decoder generates every
   *     static column
   */
  VaeGanTimelineSampler(
      TimelineEncoder encoder, SeriesDecoder decoder, GanGenerator.Labeler labeler) {
    this.split =
        labeler == null ? null : LabeledLayout.of(encoder.staticLayout(), labeler.column());
    this.generated = split == null ? encoder.staticLayout() : split.features();
    int stepWidth = encoder.stepLayout().width();
    if (decoder.stepWidth() != stepWidth
        || decoder.staticWidth() != generated.width()
        || decoder.steps() != encoder.maxVisits()) {
      throw new IllegalArgumentException(
          "The series decoder gives "
              + decoder.steps()
              + " steps of width "
              + decoder.stepWidth()
              + " and patient rows of width "
              + decoder.staticWidth()
              + " but the encoding has "
              + encoder.maxVisits()
              + ", "
              + stepWidth
              + " and "
              + generated.width());
    }
    if (labeler != null
        && (labeler.network().inputWidth() != decoder.steps() * stepWidth + generated.width()
            || labeler.network().outputWidth() != split.target().width())) {
      throw new IllegalArgumentException(
          "The labeler maps "
              + labeler.network().inputWidth()
              + " to "
              + labeler.network().outputWidth()
              + " values, not "
              + (decoder.steps() * stepWidth + generated.width())
              + " to "
              + split.target().width());
    }
    this.encoder = encoder;
    this.decoder = decoder;
    this.labeler = labeler;
    TableSchema patients = encoder.patientSchema();
    this.patientColumns = patients.columns().size();
    List<ColumnSchema> columns = new ArrayList<>(patients.columns());
    String prefix = "_step";
    while (patients.indexOf(prefix + "0.0") >= 0) {
      prefix = "_" + prefix;
    }
    for (int t = 0; t < decoder.steps(); t++) {
      for (int j = 0; j < stepWidth; j++) {
        columns.add(
            new ColumnSchema(
                prefix + t + "." + j, ColumnKind.NUMERIC, false, 0, List.of(), 0, false));
      }
    }
    this.rowSchema = TableSchema.of(columns);
  }

  TimelineEncoder encoder() {
    return encoder;
  }

  /** The length of every generated timeline. */
  int steps() {
    return decoder.steps();
  }

  /** The static column the labeler draws, or null without a labeler. */
  String labeledColumn() {
    return labeler == null ? null : labeler.column();
  }

  /**
   * The schema of the rows this sampler returns: the patient table's columns, then one hidden
   * column per step and encoded position.
   */
  TableSchema rowSchema() {
    return rowSchema;
  }

  /** The timelines of sampled rows (over {@link #rowSchema()}), every one {@link #steps()} long. */
  Timelines timelines(Table rows) {
    int patients = rows.rowCount();
    double[][] patientCells = new double[patientColumns][];
    for (int c = 0; c < patientColumns; c++) {
      patientCells[c] = rows.column(c);
    }
    int stepValues = rowSchema.columns().size() - patientColumns;
    float[] steps = new float[Math.multiplyExact(patients, stepValues)];
    for (int v = 0; v < stepValues; v++) {
      double[] column = rows.column(patientColumns + v);
      for (int p = 0; p < patients; p++) {
        steps[p * stepValues + v] = (float) column[p];
      }
    }
    int[] lengths = new int[patients];
    Arrays.fill(lengths, decoder.steps());
    return encoder.decode(new Table(encoder.patientSchema(), patientCells), lengths, steps);
  }

  /** The static target through the labeler; other static categories through the decoder. */
  @Override
  public Map<String, Integer> conditionable(Map<String, Integer> requested) {
    Map<String, Integer> fixable = new LinkedHashMap<>();
    requested.forEach(
        (column, category) -> {
          if (column.equals(labeledColumn()) || categoryBlock(column) != null) {
            fixable.put(column, category);
          }
        });
    return fixable;
  }

  @Override
  public Optional<ValueRange> valueRange(String column) {
    return encoder.staticValueRange(column);
  }

  @Override
  public Table sample(int rows, Map<String, Integer> fixed, RandomStream random) {
    return sampleFirst(rows, rows, fixed, random);
  }

  /** Patients are drawn one after another, so only the first {@code rows} are sampled. */
  @Override
  public Table sampleFirst(
      int rows, int blockRows, Map<String, Integer> fixed, RandomStream random) {
    RandomStream noiseStream = random.split();
    RandomStream drawStream = random.split();
    int candidates = fixed.isEmpty() ? 1 : CANDIDATES;
    int noiseDim = decoder.noiseDim();
    int staticWidth = encoder.staticLayout().width();
    int seriesWidth = decoder.steps() * encoder.stepLayout().width();
    float[] statics = new float[Math.multiplyExact(rows, staticWidth)];
    float[] series = new float[Math.multiplyExact(rows, seriesWidth)];
    Integer target = labeler == null ? null : fixed.get(labeler.column());
    for (int p = 0; p < rows; p++) {
      float[] noise = new float[candidates * noiseDim];
      for (int i = 0; i < noise.length; i++) {
        noise[i] = (float) noiseStream.nextGaussian();
      }
      Candidates drawn =
          activate(decoder.forward(noise, candidates), candidates, fixed, drawStream);
      int[] labels = new int[candidates];
      if (labeler != null) {
        float[] logits = labeler.network().forward(drawn.labelerInput(), candidates);
        int classes = split.target().width();
        for (int m = 0; m < candidates; m++) {
          if (target != null) {
            labels[m] = target;
            drawn.weights()[m] *=
                OutputSampling.softmaxProbability(logits, m * classes, classes, target);
          } else {
            labels[m] =
                OutputSampling.drawSoftmax(logits, m * classes, classes, drawStream.nextDouble());
          }
        }
      }
      int chosen = candidates == 1 ? 0 : pick(drawn.weights(), drawStream.nextDouble());
      float[] row =
          Arrays.copyOfRange(
              drawn.features(), chosen * generated.width(), (chosen + 1) * generated.width());
      if (split != null) {
        row = split.join(row, new int[] {labels[chosen]});
      }
      System.arraycopy(row, 0, statics, p * staticWidth, staticWidth);
      System.arraycopy(drawn.steps(), chosen * seriesWidth, series, p * seriesWidth, seriesWidth);
    }
    Table patients = encoder.decodeStatics(statics, rows);
    double[][] cells = new double[rowSchema.columns().size()][];
    for (int c = 0; c < patientColumns; c++) {
      cells[c] = patients.column(c);
    }
    for (int v = 0; v < seriesWidth; v++) {
      double[] column = new double[rows];
      for (int p = 0; p < rows; p++) {
        column[p] = series[p * seriesWidth + v];
      }
      cells[patientColumns + v] = column;
    }
    return new Table(rowSchema, cells);
  }

  /**
   * The candidates' activated patient rows (without the target) and steps, each category asked for
   * set and weighted by the decoder's probability of it.
   */
  private record Candidates(float[] features, float[] steps, double[] weights, int stepsWidth) {
    /** Per candidate: its flattened steps, then its patient row, as the labeler reads them. */
    float[] labelerInput() {
      int featureWidth = features.length / weights.length;
      int width = stepsWidth + featureWidth;
      float[] input = new float[weights.length * width];
      for (int m = 0; m < weights.length; m++) {
        System.arraycopy(steps, m * stepsWidth, input, m * width, stepsWidth);
        System.arraycopy(features, m * featureWidth, input, m * width + stepsWidth, featureWidth);
      }
      return input;
    }
  }

  private Candidates activate(
      SeriesDecoder.Output raw, int count, Map<String, Integer> fixed, RandomStream draws) {
    int featureWidth = generated.width();
    EncodedLayout stepLayout = encoder.stepLayout();
    int stepWidth = stepLayout.width();
    int stepsWidth = decoder.steps() * stepWidth;
    float[] features = new float[count * featureWidth];
    float[] steps = new float[count * stepsWidth];
    double[] weights = new double[count];
    for (int m = 0; m < count; m++) {
      int row = m * featureWidth;
      OutputSampling.activateRow(raw.statics(), row, generated, features, row, draws);
      weights[m] = 1;
      for (Map.Entry<String, Integer> condition : fixed.entrySet()) {
        OutputBlock block = categoryBlock(condition.getKey());
        if (block == null) {
          continue; // the labeler's column
        }
        int start = row + block.offset();
        weights[m] *=
            OutputSampling.softmaxProbability(
                raw.statics(), start, block.width(), condition.getValue());
        Arrays.fill(features, start, start + block.width(), 0f);
        features[start + condition.getValue()] = 1f;
      }
      for (int t = 0; t < decoder.steps(); t++) {
        int at = m * stepsWidth + t * stepWidth;
        OutputSampling.activateRow(raw.steps(), at, stepLayout, steps, at, draws);
      }
    }
    return new Candidates(features, steps, weights, stepsWidth);
  }

  /** The CATEGORY block of a static column in the decoder's patient row, or null. */
  private OutputBlock categoryBlock(String column) {
    return generated.blocksOf(column).stream()
        .filter(b -> b.role() == OutputBlock.Role.CATEGORY)
        .findFirst()
        .orElse(null);
  }

  /** The index whose cumulative weight first passes {@code u} times the total. */
  static int pick(double[] weights, double u) {
    double sum = 0;
    for (double weight : weights) {
      sum += weight;
    }
    double threshold = u * sum;
    double cumulative = 0;
    for (int m = 0; m < weights.length; m++) {
      cumulative += weights[m];
      if (threshold < cumulative) {
        return m;
      }
    }
    return weights.length - 1;
  }
}
