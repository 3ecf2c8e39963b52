package io.github.syntheticpatients.spark;

import io.github.syntheticpatients.runtime.InvalidInputException;
import io.github.syntheticpatients.runtime.SyntheticModel;
import io.github.syntheticpatients.runtime.sampling.Blocks;
import java.util.Arrays;
import java.util.Set;
import org.apache.spark.sql.connector.catalog.Column;
import org.apache.spark.sql.connector.catalog.SupportsRead;
import org.apache.spark.sql.connector.catalog.TableCapability;
import org.apache.spark.sql.connector.read.ScanBuilder;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;

/**
 * One sample of a model as a readable table: the model, loaded on the driver, and the checked
 * options. Everything the user can get wrong is found when the table is made, before any task.
 */
final class SyntheticTable implements SupportsRead {
  private final SourceOptions options;
  private final DriverModel driverModel;
  private final StructType sparkSchema;

  private SyntheticTable(SourceOptions options, DriverModel driverModel, StructType sparkSchema) {
    this.options = options;
    this.driverModel = driverModel;
    this.sparkSchema = sparkSchema;
  }

  /**
   * Loads the model and checks the options against it.
   *
   * @throws IllegalArgumentException naming the option at fault
   */
  static SyntheticTable of(SourceOptions options) {
    DriverModel driverModel = DriverModel.load(options.model());
    SyntheticModel model = driverModel.model();
    StructType sparkSchema = RowShape.of(model.schema(), options.layout()).sparkSchema();
    if (!options.conditions().isEmpty() || !options.balance().isEmpty()) {
      try {
        // An empty sample checks the conditions and the balance against the model without
        // sampling anything.
        Blocks.sample(model, options.blockRequest(0), 0);
      } catch (InvalidInputException e) {
        String option =
            SourceOptions.BALANCE.equals(e.parameter())
                ? SourceOptions.BALANCE
                : SourceOptions.CONDITIONS;
        throw new IllegalArgumentException("Option '" + option + "': " + e.getMessage(), e);
      }
    }
    return new SyntheticTable(options, driverModel, sparkSchema);
  }

  SourceOptions options() {
    return options;
  }

  SyntheticModel model() {
    return driverModel.model();
  }

  byte[] modelFile() {
    return driverModel.bytes();
  }

  StructType sparkSchema() {
    return sparkSchema;
  }

  @Override
  public String name() {
    return "synthetic-patients:" + driverModel.model().id();
  }

  @Override
  public Column[] columns() {
    return Arrays.stream(sparkSchema.fields())
        .map(field -> Column.create(field.name(), field.dataType(), field.nullable()))
        .toArray(Column[]::new);
  }

  @Override
  public Set<TableCapability> capabilities() {
    return Set.of(TableCapability.BATCH_READ);
  }

  @Override
  public ScanBuilder newScanBuilder(CaseInsensitiveStringMap scanOptions) {
    return new SyntheticScanBuilder(this);
  }
}
