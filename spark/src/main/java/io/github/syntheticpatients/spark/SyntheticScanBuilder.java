package io.github.syntheticpatients.spark;

import java.util.List;
import org.apache.spark.sql.connector.read.Scan;
import org.apache.spark.sql.connector.read.SupportsPushDownRequiredColumns;
import org.apache.spark.sql.types.StructType;

/**
 * Builds the scan with the columns the query reads: the sampler still draws whole records, but a
 * pruned column is never converted to Spark's form ({@code count()} converts none).
 */
final class SyntheticScanBuilder implements SupportsPushDownRequiredColumns {
  private final SyntheticTable table;
  private List<String> columns;

  SyntheticScanBuilder(SyntheticTable table) {
    this.table = table;
    this.columns = List.of(table.sparkSchema().fieldNames());
  }

  @Override
  public void pruneColumns(StructType requiredSchema) {
    columns = List.of(requiredSchema.fieldNames());
  }

  @Override
  public Scan build() {
    return new SyntheticScan(table, columns);
  }
}
