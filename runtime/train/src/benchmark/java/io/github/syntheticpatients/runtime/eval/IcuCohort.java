package io.github.syntheticpatients.runtime.eval;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * A made-up ICU-shaped cohort for the longitudinal benchmark's speed check (issue 20: 300 patients
 * × 160 steps × 50 variables): static age, sex and an end of stay; for each patient 120 to 162
 * steps at irregular minutes (15 to 75 apart); 50 variables, each measured at a step with its own
 * rate (5 % to 90 %), as a patient's level plus a slowly drifting deviation, one decimal. Nothing
 * real: it has the shape, not the content, of an ICU extract.
 */
final class IcuCohort {
  static final int PATIENTS = 300;
  static final int VARIABLES = 50;

  private IcuCohort() {}

  /** Writes the cohort as a long CSV ({@code id, age, sex, end, minute, v1 … v50}). */
  static void write(Path csv, long seed) throws IOException {
    SplittableRandom random = new SplittableRandom(seed);
    double[] rate = new double[VARIABLES];
    double[] mean = new double[VARIABLES];
    for (int v = 0; v < VARIABLES; v++) {
      rate[v] = 0.05 + 0.85 * random.nextDouble();
      mean[v] = 10 + 90 * random.nextDouble();
    }
    StringBuilder out = new StringBuilder("id,age,sex,end,minute");
    for (int v = 1; v <= VARIABLES; v++) {
      out.append(",v").append(v);
    }
    out.append('\n');
    for (int p = 1; p <= PATIENTS; p++) {
      int age = 18 + random.nextInt(73);
      String sex = random.nextBoolean() ? "f" : "m";
      int steps = 120 + random.nextInt(43);
      int[] minutes = new int[steps];
      int minute = random.nextInt(60);
      for (int t = 0; t < steps; t++) {
        minutes[t] = minute;
        minute += 15 + random.nextInt(61);
      }
      int end = minutes[steps - 1] + random.nextInt(240);
      double[] level = new double[VARIABLES];
      double[] drift = new double[VARIABLES];
      for (int v = 0; v < VARIABLES; v++) {
        level[v] = mean[v] * (0.8 + 0.4 * random.nextDouble());
      }
      for (int t = 0; t < steps; t++) {
        out.append(String.format(Locale.ROOT, "%d,%d,%s,%d,%d", p, age, sex, end, minutes[t]));
        for (int v = 0; v < VARIABLES; v++) {
          drift[v] = 0.9 * drift[v] + random.nextGaussian() * 0.02 * mean[v];
          out.append(',');
          if (random.nextDouble() < rate[v]) {
            out.append(String.format(Locale.ROOT, "%.1f", level[v] + drift[v]));
          }
        }
        out.append('\n');
      }
    }
    Files.writeString(csv, out);
  }
}
