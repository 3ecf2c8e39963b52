package io.github.syntheticpatients.runtime.data;

import io.github.syntheticpatients.runtime.InvalidInputException;
import io.github.syntheticpatients.runtime.schema.ColumnSchema;
import io.github.syntheticpatients.runtime.schema.TableSchema;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Last observation carried forward, an explicit option and never a default: in the named
 * time-varying columns a missing value takes the value of the same patient's previous visit (after
 * filling that one), so a lab measured once stays in effect until it is measured again. A patient's
 * first visit, and the visits before a column's first measurement, stay missing: nothing is
 * invented from other patients.
 */
public final class ForwardFill {
  /** The parameter name used in error messages. */
  public static final String PARAMETER = "forwardFill";

  private ForwardFill() {}

  /**
   * New timelines with the columns filled forward; the input is left as it is.
   *
   * @param timelines the real visits
   * @param columns time-varying column names; empty returns the timelines unchanged
   * @throws InvalidInputException naming {@value #PARAMETER} when a name is not a time-varying
   *     column of the schema
   */
  public static Timelines apply(Timelines timelines, Collection<String> columns) {
    TableSchema schema = timelines.schema();
    List<String> timeVarying =
        schema.timeVaryingColumns().stream().map(ColumnSchema::name).toList();
    Set<String> names = new LinkedHashSet<>(columns);
    for (String name : names) {
      if (!timeVarying.contains(name)) {
        String why =
            schema.indexOf(name) < 0
                ? "is not a column of the data"
                : name.equals(schema.time())
                    ? "is the time column"
                    : name.equals(schema.entityId())
                        ? "is the patient id column"
                        : schema.column(name).orElseThrow().staticAttribute()
                            ? "is a static attribute (one value per patient)"
                            : "is not learned (dropped or an identifier)";
        throw InvalidInputException.inParameter(
            PARAMETER,
            "cannot forward-fill '"
                + name
                + "': it "
                + why
                + "; list only time-varying columns: "
                + timeVarying);
      }
    }
    if (names.isEmpty()) {
      return timelines;
    }
    Table visits = timelines.visits();
    double[][] arrays = new double[visits.columnCount()][];
    for (int c = 0; c < arrays.length; c++) {
      arrays[c] = visits.column(c); // unchanged columns are shared: tables are read-only
    }
    for (String name : names) {
      int c = schema.indexOf(name);
      double[] filled = visits.column(c).clone();
      for (int p = 0; p < timelines.patientCount(); p++) {
        int first = timelines.firstRow(p);
        int end = first + timelines.visitCount(p);
        for (int row = first + 1; row < end; row++) {
          if (Double.isNaN(filled[row])) {
            filled[row] = filled[row - 1];
          }
        }
      }
      arrays[c] = filled;
    }
    int[] starts = new int[timelines.patientCount() + 1];
    List<String> ids = new ArrayList<>(timelines.patientCount());
    for (int p = 0; p < timelines.patientCount(); p++) {
      starts[p] = timelines.firstRow(p);
      ids.add(timelines.id(p));
    }
    starts[timelines.patientCount()] = visits.rowCount();
    return new Timelines(new Table(schema, arrays), starts, ids);
  }
}
