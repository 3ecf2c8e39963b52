package io.github.syntheticpatients.spark;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.connector.catalog.Table;
import org.apache.spark.sql.connector.catalog.TableProvider;
import org.apache.spark.sql.connector.expressions.Transform;
import org.apache.spark.sql.sources.DataSourceRegister;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;

/**
 * The Spark SQL data source {@value #SHORT_NAME}: synthetic patients sampled from a model.
 *
 * <pre>{@code
 * Dataset<Row> patients = spark.read().format("synthetic-patients")
 *     .option("model", "default").option("rows", 1_000_000_000L).option("seed", 42).load();
 * }</pre>
 *
 * Options: {@code model} (a zoo id, {@code classpath:} resource or file; default {@code default}),
 * {@code rows} (required; patients for a longitudinal model), {@code seed}, {@code partitions},
 * {@code layout} ({@code visits} or {@code nested}) and {@code conditions} (docs/spark.md). Bad
 * options fail in {@code load()}, naming the option, before any task starts.
 */
public final class SyntheticPatientsSource implements TableProvider, DataSourceRegister {
  /** The name {@code format(...)} takes. */
  public static final String SHORT_NAME = "synthetic-patients";

  /** Spark asks for the schema, then for the table, on the same instance: load the model once. */
  private SyntheticTable table;

  /** Spark's constructor for a data source found by its short name. */
  public SyntheticPatientsSource() {}

  @Override
  public String shortName() {
    return SHORT_NAME;
  }

  @Override
  public StructType inferSchema(CaseInsensitiveStringMap options) {
    return tableFor(options).sparkSchema();
  }

  @Override
  public Table getTable(
      StructType schema, Transform[] partitioning, Map<String, String> properties) {
    return tableFor(properties);
  }

  private synchronized SyntheticTable tableFor(Map<String, String> given) {
    Map<String, String> lowerCase = new HashMap<>();
    given.forEach((key, value) -> lowerCase.put(key.toLowerCase(Locale.ROOT), value));
    SourceOptions options = SourceOptions.parse(lowerCase);
    if (table == null || !table.options().equals(options)) {
      table = SyntheticTable.of(options);
    }
    return table;
  }
}
