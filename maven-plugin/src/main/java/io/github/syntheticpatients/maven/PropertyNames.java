package io.github.syntheticpatients.maven;

/**
 * Every {@code -D} property the plugin reads, declared once. Names are {@code
 * synthetic.<parameter>}; per-goal skips are {@code synthetic.<goal>.skip}. The README's reference
 * table is checked against the plugin descriptor, which is built from these constants.
 */
public final class PropertyNames {
  /** Skips every goal. */
  public static final String SKIP = "synthetic.skip";

  public static final String GENERATE_SKIP = "synthetic.generate.skip";
  public static final String TRAIN_SKIP = "synthetic.train.skip";
  public static final String SCHEMA_SKIP = "synthetic.schema.skip";
  public static final String EVALUATE_SKIP = "synthetic.evaluate.skip";
  public static final String MODELS_SKIP = "synthetic.models.skip";
  public static final String DP_BUDGET_SKIP = "synthetic.dp-budget.skip";

  public static final String MODEL = "synthetic.model";
  public static final String ROWS = "synthetic.rows";
  public static final String SEED = "synthetic.seed";
  public static final String OUTPUT = "synthetic.output";
  public static final String FORMAT = "synthetic.format";
  public static final String CONDITIONS = "synthetic.conditions";
  public static final String THREADS = "synthetic.threads";
  public static final String BALANCE = "synthetic.balance";

  public static final String INPUT = "synthetic.input";
  public static final String SCHEMA = "synthetic.schema";
  public static final String GENERATOR = "synthetic.generator";
  public static final String EPOCHS = "synthetic.epochs";
  public static final String BATCH_SIZE = "synthetic.batchSize";
  public static final String OPTIONS = "synthetic.options";
  public static final String FORCE = "synthetic.force";
  public static final String JVM_ARGS = "synthetic.jvmArgs";
  public static final String ENTITY_ID = "synthetic.entityId";
  public static final String TIME = "synthetic.time";
  public static final String MISSING_VALUES = "synthetic.missingValues";
  public static final String DECIMAL_SEPARATOR = "synthetic.decimalSeparator";

  public static final String REAL = "synthetic.real";
  public static final String HOLDOUT = "synthetic.holdout";
  public static final String REPORT = "synthetic.report";
  public static final String TARGET = "synthetic.target";
  public static final String SENSITIVE_COLUMN = "synthetic.sensitiveColumn";
  public static final String FAIL_ON_GATE = "synthetic.failOnGate";

  public static final String MODEL_DIRECTORIES = "synthetic.modelDirectories";
  public static final String ZOO = "synthetic.zoo";

  public static final String VALUE_PROTECTION_K = "synthetic.valueProtectionK";

  public static final String DP_SAMPLING_RATE = "synthetic.dp.samplingRate";
  public static final String DP_DATASET_SIZE = "synthetic.dp.datasetSize";
  public static final String DP_NOISE_MULTIPLIER = "synthetic.dp.noiseMultiplier";
  public static final String DP_EPSILON = "synthetic.dp.epsilon";
  public static final String DP_STEPS = "synthetic.dp.steps";
  public static final String DP_DELTA = "synthetic.dp.delta";
  public static final String DP_MAX_GRAD_NORM = "synthetic.dp.maxGradNorm";

  private PropertyNames() {}
}
