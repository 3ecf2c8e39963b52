/**
 * The Spark SQL data source {@code synthetic-patients}: {@code
 * spark.read().format("synthetic-patients").option("model", "default").option("rows",
 * 1_000_000).load()} samples a model on the executors with the plain-Java sampler (docs/spark.md).
 */
package io.github.syntheticpatients.spark;
