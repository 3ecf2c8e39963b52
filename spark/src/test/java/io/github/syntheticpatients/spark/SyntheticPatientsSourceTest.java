package io.github.syntheticpatients.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.syntheticpatients.runtime.PatientRecord;
import io.github.syntheticpatients.runtime.PatientTimeline;
import io.github.syntheticpatients.runtime.SampleRequest;
import io.github.syntheticpatients.runtime.SyntheticModel;
import io.github.syntheticpatients.runtime.sampling.ModelLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.datasources.v2.DataSourceV2ScanRelation;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The data source on a local Spark session with two cores, one session for the whole class. */
class SyntheticPatientsSourceTest {
  private static SparkSession spark;

  @BeforeAll
  static void startSpark() {
    spark =
        SparkSession.builder()
            .master("local[2]")
            .appName("SyntheticPatientsSourceTest")
            .config("spark.ui.enabled", "false")
            .config("spark.driver.host", "localhost")
            .config("spark.driver.bindAddress", "127.0.0.1")
            // Dates come back as java.time values, as PatientRecord holds them.
            .config("spark.sql.datetime.java8API.enabled", "true")
            .getOrCreate();
  }

  @AfterAll
  static void stopSpark() {
    spark.stop();
  }

  private static DataFrameReader read(String model, long rows) {
    return spark
        .read()
        .format("synthetic-patients")
        .option("model", model)
        .option("rows", rows)
        .option("seed", 42);
  }

  private static List<Object> values(Row row) {
    List<Object> values = new ArrayList<>();
    for (int i = 0; i < row.size(); i++) {
      values.add(row.get(i));
    }
    return values;
  }

  private static List<List<Object>> values(List<Row> rows) {
    return rows.stream().map(SyntheticPatientsSourceTest::values).toList();
  }

  @Test
  void sameSeedGivesTheSampleOfOneJvmWhateverThePartitioning() {
    // Seven blocks, the last one short, so that seven partitions hold one block each.
    int rows = 6 * 4096 + 1000;
    List<List<Object>> expected =
        ModelLoader.load("default").sample(SampleRequest.of(rows, 42)).records().stream()
            .map(record -> new ArrayList<Object>(record.asMap().values()))
            .<List<Object>>map(list -> list)
            .toList();

    for (int partitions : new int[] {1, 3, 7}) {
      Dataset<Row> df = read("default", rows).option("partitions", partitions).load();
      assertThat(df.rdd().getNumPartitions()).isEqualTo(partitions);
      assertThat(values(df.collectAsList())).as("%d partitions", partitions).isEqualTo(expected);
    }
  }

  @Test
  void balanceGivesTheApisBalancedRecordsWhateverThePartitioning() {
    // Two whole blocks and a partial one.
    int rows = 2 * 4096 + 700;
    List<List<Object>> expected =
        ModelLoader.load("default")
            .sample(SampleRequest.of(rows, 42).withBalance("stage:4=0.5"))
            .records()
            .stream()
            .map(record -> new ArrayList<Object>(record.asMap().values()))
            .<List<Object>>map(list -> list)
            .toList();

    for (int partitions : new int[] {1, 3}) {
      Dataset<Row> df =
          read("default", rows)
              .option("partitions", partitions)
              .option("balance", "stage:4=0.5")
              .load();
      assertThat(values(df.collectAsList())).as("%d partitions", partitions).isEqualTo(expected);
    }
    // Whole blocks get the planned counts: 2,048 of each sex in each block of 4,096.
    Dataset<Row> bySex =
        read("default", 2 * 4096).option("balance", "sex").load().groupBy("sex").count();
    assertThat(bySex.collectAsList())
        .extracting(row -> row.getLong(1))
        .containsExactly(4096L, 4096L);
  }

  @Test
  void mapsTheModelSchemaToSparkTypes() {
    Dataset<Row> df = read("default", 10).load();

    assertThat(df.schema().apply("id"))
        .isEqualTo(DataTypes.createStructField("id", DataTypes.StringType, false));
    assertThat(df.schema().apply("age"))
        .isEqualTo(DataTypes.createStructField("age", DataTypes.DoubleType, false));
    assertThat(df.schema().apply("chol"))
        .isEqualTo(DataTypes.createStructField("chol", DataTypes.LongType, true));
    assertThat(df.schema().apply("stage"))
        .isEqualTo(DataTypes.createStructField("stage", DataTypes.StringType, true));
    assertThat(df.count()).isEqualTo(10);
  }

  @Test
  void readsOnlyTheColumnsTheQuerySelects() {
    List<PatientRecord> records =
        ModelLoader.load("default").sample(SampleRequest.of(10, 42)).records();

    Dataset<Row> pruned = read("default", 10).load().select("sex", "age");

    var scan =
        (DataSourceV2ScanRelation) pruned.queryExecution().optimizedPlan().collectLeaves().head();
    assertThat(scan.scan().readSchema().fieldNames()).containsExactly("age", "sex");
    assertThat(values(pruned.collectAsList()))
        .isEqualTo(
            records.stream().map(record -> List.of(record.get("sex"), record.get("age"))).toList());
  }

  @Test
  void writesParquetThatReadsBackAsTheSameRows(@TempDir Path dir) {
    Dataset<Row> df = read("default", 5000).option("partitions", 2).load();
    String out = dir.resolve("patients.parquet").toString();

    df.write().parquet(out);

    Dataset<Row> back = spark.read().parquet(out);
    // Spark reads every Parquet column back as nullable; names and types stay.
    assertThat(back.schema().asNullable()).isEqualTo(df.schema().asNullable());
    assertThat(values(back.collectAsList()))
        .containsExactlyInAnyOrderElementsOf(values(df.collectAsList()));
  }

  @Test
  void longitudinalModelGivesOneRowPerVisitOrOnePerPatient() {
    int patients = 300;
    SyntheticModel model = ModelLoader.load("pbcseq");
    var sample = model.sample(SampleRequest.of(patients, 42));

    Dataset<Row> visits = read("pbcseq", patients).option("partitions", 2).load();
    assertThat(values(visits.collectAsList()))
        .isEqualTo(
            sample.records().stream()
                .map(record -> new ArrayList<Object>(record.asMap().values()))
                .toList());

    Dataset<Row> nested =
        read("pbcseq", patients).option("partitions", 2).option("layout", "nested").load();
    StructField visitsColumn = nested.schema().apply("visits");
    assertThat(visitsColumn.nullable()).isFalse();
    assertThat(nested.schema().fieldNames())
        .containsExactly("id", "futime", "status", "trt", "age", "sex", "visits");
    assertThat(nested.select("id").count()).isEqualTo(patients);
    List<Row> rows = nested.collectAsList();
    assertThat(rows).hasSize(patients);
    PatientTimeline last = sample.timelines().get(patients - 1);
    Row lastRow = rows.get(patients - 1);
    assertThat(lastRow.getString(0)).isEqualTo(last.id());
    assertThat(lastRow.getDouble(4)).isEqualTo(last.attributes().get("age"));
    List<Row> lastVisits = lastRow.getList(6);
    assertThat(values(lastVisits))
        .isEqualTo(
            last.visits().stream()
                .map(PatientRecord::asMap)
                .map(Map::values)
                .map(ArrayList<Object>::new)
                .toList());
  }

  @Test
  void badOptionsFailInLoadNamingTheOption(@TempDir Path dir) throws Exception {
    assertThatThrownBy(() -> read("no-such-model", 10).load())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Option 'model'")
        .hasMessageContaining("default");
    assertThatThrownBy(() -> read("default", 0).load())
        .hasMessageContaining("Option 'rows' must be 1 or more, was 0");
    assertThatThrownBy(() -> read("default", 10).option("rows", "many").load())
        .hasMessageContaining("Option 'rows' must be a whole number, was 'many'");
    assertThatThrownBy(() -> read("default", 10).option("seed", "4x2").load())
        .hasMessageContaining("Option 'seed' must be a whole number, was '4x2'");
    assertThatThrownBy(() -> read("default", 10).option("row", 5).load())
        .hasMessageContaining("Unknown option 'row'")
        .hasMessageContaining("[balance, conditions, layout, model, partitions, rows, seed]");
    assertThatThrownBy(() -> read("default", 10).option("layout", "nested").load())
        .hasMessageContaining("Option 'layout' nested is for longitudinal models");
    assertThatThrownBy(() -> read("default", 10).option("conditions", "sex=x").load())
        .hasMessageContaining("Option 'conditions'");
    assertThatThrownBy(() -> read("default", 10).option("balance", "age").load())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Option 'balance'")
        .hasMessageContaining("'age' is numeric");
    assertThatThrownBy(
            () -> read("default", 10).option("conditions", "sex=f").option("balance", "sex").load())
        .hasMessageContaining("Option 'balance'");

    Path damaged = dir.resolve("damaged.synth");
    Files.write(damaged, new byte[] {'P', 'K', 3, 4, 0, 0, 1});
    assertThatThrownBy(() -> read(damaged.toString(), 10).load())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Option 'model'")
        .hasMessageContaining("damaged.synth");
  }
}
