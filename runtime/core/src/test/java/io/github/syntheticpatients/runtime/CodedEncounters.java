package io.github.syntheticpatients.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A benchmark table of hospital encounters with known structure (issue 17): no shared table has
 * clinical codes. One row per encounter: {@code age}, {@code sex}, {@code admission_type}, {@code
 * length_of_stay} and three diagnosis slots {@code diag_1..diag_3}.
 *
 * <p>The codes come from a hierarchy of the shape of ICD-9-CM (or ICD-10): chapters, each with
 * 3-character categories ({@code 428}, {@code V57}, {@code E849}; ICD-10 {@code I50}), each
 * category written on its own or with subcodes ({@code 250.83}; ICD-10 {@code E11.9}). Known
 * structure, for tests to check:
 *
 * <ul>
 *   <li><b>Zipf frequencies</b>: within a chapter the codes are ranked and the code of rank r (from
 *       0) has weight {@code 1 / (r + 1)^zipf}; chapters too are Zipf-ranked.
 *   <li><b>Dependence on the patient</b>: chapter 0 (circulatory) is {@code 1 + (age - 40) / 20}
 *       times as likely for ages over 40, chapter 1 (endocrine) twice as likely for women, chapter
 *       5 (injury) three times as likely for emergency admissions; length of stay grows with age
 *       and is longer for emergencies.
 *   <li><b>Correlated slots</b>: {@code diag_2} is drawn from {@code diag_1}'s chapter with
 *       probability {@link Settings#sameChapter}, and {@code diag_3} from {@code diag_2}'s
 *       likewise; otherwise from the patient's chapter weights. {@code diag_3} is missing in {@link
 *       Settings#missingThird} of the encounters.
 *   <li><b>A long tail</b>: {@link Settings#singletons} further codes are each held by exactly one
 *       encounter (in a random slot): half are unseen subcodes of a category that occurs ({@code
 *       428.97}, which generalises to {@code 428}), half unseen categories ({@code 998}, {@code
 *       V98}, which do not).
 * </ul>
 *
 * The encounters are drawn from one {@link SplittableRandom} seeded by {@link Settings#seed}, so a
 * table is a pure function of its settings; the codes' ranks are fixed, so tables of two seeds are
 * two samples of one population (a training table and a fresh real one).
 */
public final class CodedEncounters {
  /** The columns, in order. */
  public static final List<String> HEADER =
      List.of("age", "sex", "admission_type", "length_of_stay", "diag_1", "diag_2", "diag_3");

  /** The admission types. */
  public static final List<String> ADMISSION_TYPES = List.of("emergency", "urgent", "elective");

  /**
   * What the table looks like.
   *
   * @param rows encounters
   * @param seed the random seed
   * @param icd10 ICD-10-shaped codes ({@code E11.9}) instead of ICD-9-shaped ones ({@code 250.83})
   * @param categoriesPerChapter 3-character categories per chapter (8 chapters); with {@code
   *     subcodesPerCategory} this sets the vocabulary size
   * @param subcodesPerCategory subcodes under each category, besides the category itself
   * @param zipf the Zipf exponent of the code and chapter ranks (about 1 in real encounter data)
   * @param sameChapter the chance that a slot's code comes from the previous slot's chapter
   * @param missingThird the share of encounters without a third diagnosis
   * @param singletons codes held by exactly one encounter
   */
  public record Settings(
      int rows,
      long seed,
      boolean icd10,
      int categoriesPerChapter,
      int subcodesPerCategory,
      double zipf,
      double sameChapter,
      double missingThird,
      int singletons) {
    /**
     * The shape of the table: 5,600 training rows, about 400 codes a slot, about 130
     * singletons.
     */
    public static Settings defaults(int rows, long seed) {
      return new Settings(rows, seed, false, 12, 4, 1.1, 0.5, 0.05, 130);
    }

    /** The same settings with ICD-10-shaped codes. */
    public Settings withIcd10() {
      return new Settings(
          rows,
          seed,
          true,
          categoriesPerChapter,
          subcodesPerCategory,
          zipf,
          sameChapter,
          missingThird,
          singletons);
    }
  }

  /** The ICD-9 chapters used: first category and the prefix of the category number. */
  private static final String[] ICD9_PREFIX = {"", "", "", "", "", "", "V", "E"};

  private static final int[] ICD9_FIRST = {390, 240, 460, 520, 580, 800, 1, 800};

  /** ICD-10 block letters of the same chapters (circulatory, endocrine, respiratory, ...). */
  private static final String[] ICD10_LETTER = {"I", "E", "J", "K", "N", "S", "Z", "W"};

  private static final int CHAPTERS = ICD9_FIRST.length;
  private static final int INJURY = 5;

  /**
   * The codes' ranks do not depend on {@link Settings#seed}: two seeds are two samples of one
   * population.
   */
  private static final long VOCABULARY_SEED = 17;

  private CodedEncounters() {}

  /** The rows, without the header; a missing value is null. */
  public static List<String[]> rows(Settings settings) {
    SplittableRandom vocabulary = new SplittableRandom(VOCABULARY_SEED);
    List<List<String>> codes = new ArrayList<>();
    for (int chapter = 0; chapter < CHAPTERS; chapter++) {
      codes.add(chapterCodes(settings, chapter, vocabulary));
    }
    SplittableRandom random = new SplittableRandom(settings.seed());
    double[][] codeWeights = new double[CHAPTERS][];
    for (int chapter = 0; chapter < CHAPTERS; chapter++) {
      codeWeights[chapter] = zipfWeights(codes.get(chapter).size(), settings.zipf());
    }
    double[] chapterBase = zipfWeights(CHAPTERS, settings.zipf());
    List<String[]> rows = new ArrayList<>(settings.rows());
    for (int r = 0; r < settings.rows(); r++) {
      int age = 18 + (int) Math.min(82, Math.abs(random.nextGaussian()) * 30 + random.nextInt(20));
      String sex = random.nextDouble() < 0.54 ? "F" : "M";
      String admission = ADMISSION_TYPES.get(pick(new double[] {0.55, 0.2, 0.25}, random));
      double[] weights = chapterBase.clone();
      weights[0] *= age > 40 ? 1 + (age - 40) / 20.0 : 1;
      weights[1] *= sex.equals("F") ? 2 : 1;
      weights[INJURY] *= admission.equals("emergency") ? 3 : 1;
      int stayMean = 2 + age / 20 + (admission.equals("emergency") ? 2 : 0);
      int stay = 1 + (int) Math.round(-stayMean * Math.log(1 - random.nextDouble()));
      String[] row = new String[HEADER.size()];
      row[0] = Integer.toString(age);
      row[1] = sex;
      row[2] = admission;
      row[3] = Integer.toString(Math.min(stay, 60));
      int chapter = pick(weights, random);
      for (int slot = 0; slot < 3; slot++) {
        if (slot > 0 && random.nextDouble() >= settings.sameChapter()) {
          chapter = pick(weights, random);
        }
        row[4 + slot] = codes.get(chapter).get(pick(codeWeights[chapter], random));
      }
      if (random.nextDouble() < settings.missingThird()) {
        row[6] = null;
      }
      rows.add(row);
    }
    plantSingletons(settings, codes, rows, random);
    return rows;
  }

  /**
   * The chapter (0 to 7) a code of this generator belongs to: by its letter, or for ICD-9 numbers
   * by the range from the chapter's first category; -1 for a code this generator does not make.
   */
  public static int chapterOf(String code, Settings settings) {
    for (int chapter = 0; chapter < CHAPTERS; chapter++) {
      String prefix = settings.icd10() ? ICD10_LETTER[chapter] : ICD9_PREFIX[chapter];
      if (!prefix.isEmpty() && code.startsWith(prefix)) {
        return chapter;
      }
    }
    if (settings.icd10() || !Character.isDigit(code.charAt(0))) {
      return -1;
    }
    int number = Integer.parseInt(code.substring(0, 3));
    for (int chapter = 0; chapter < CHAPTERS; chapter++) {
      if (ICD9_PREFIX[chapter].isEmpty()
          && number >= ICD9_FIRST[chapter]
          && number < ICD9_FIRST[chapter] + 60) {
        return chapter;
      }
    }
    return -1;
  }

  /** Writes the table as a CSV with a header; missing values are empty fields. */
  public static Path write(Settings settings, Path file) {
    try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      out.write(String.join(",", HEADER));
      out.write('\n');
      for (String[] row : rows(settings)) {
        for (int c = 0; c < row.length; c++) {
          if (c > 0) {
            out.write(',');
          }
          out.write(row[c] == null ? "" : row[c]);
        }
        out.write('\n');
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }

  /**
   * A chapter's codes in rank order: categories in a shuffled order, each followed by its subcodes.
   */
  private static List<String> chapterCodes(
      Settings settings, int chapter, SplittableRandom random) {
    List<String> categories = new ArrayList<>();
    for (int c = 0; c < settings.categoriesPerChapter(); c++) {
      categories.add(category(settings, chapter, c));
    }
    for (int i = categories.size() - 1;
        i > 0;
        i--) { // Fisher-Yates, so rank is not the code's order
      int j = random.nextInt(i + 1);
      categories.set(i, categories.set(j, categories.get(i)));
    }
    List<String> codes = new ArrayList<>();
    for (String category : categories) {
      codes.add(category);
      for (int s = 0; s < settings.subcodesPerCategory(); s++) {
        codes.add(subcode(settings, category, s));
      }
    }
    return codes;
  }

  /**
   * The {@code index}-th 3-character category of a chapter ({@code 392}, {@code V03}, {@code E803},
   * {@code I02}).
   */
  private static String category(Settings settings, int chapter, int index) {
    if (settings.icd10()) {
      return ICD10_LETTER[chapter] + String.format(Locale.ROOT, "%02d", index * 2 % 100);
    }
    int number = ICD9_FIRST[chapter] + index;
    return ICD9_PREFIX[chapter]
        + String.format(Locale.ROOT, ICD9_PREFIX[chapter].equals("V") ? "%02d" : "%03d", number);
  }

  /** A subcode under a category: ICD-9 two digits ({@code 250.83}), ICD-10 one ({@code E11.9}). */
  private static String subcode(Settings settings, String category, int index) {
    return settings.icd10()
        ? category + "." + (index % 10)
        : category + "." + String.format(Locale.ROOT, "%02d", 11 * (index + 1) % 100);
  }

  /** Overwrites one random slot in distinct random rows with a code no other encounter holds. */
  private static void plantSingletons(
      Settings settings, List<List<String>> codes, List<String[]> rows, SplittableRandom random) {
    Set<String> used = new HashSet<>();
    codes.forEach(used::addAll);
    int count = Math.min(settings.singletons(), rows.size());
    List<Integer> order = new ArrayList<>();
    for (int r = 0; r < rows.size(); r++) {
      order.add(r);
    }
    int next = 0;
    for (int i = 0; i < count; i++) {
      int j = i + random.nextInt(rows.size() - i);
      order.set(i, order.set(j, order.get(i)));
      int chapter = i % CHAPTERS;
      String code;
      do {
        next++;
        code =
            i % 2 == 0
                // an unseen subcode of the chapter's most frequent category (rank 0 is a category)
                ? codes.get(chapter).get(0) + "." + String.format(Locale.ROOT, "%02d", next % 100)
                // an unseen category beyond the chapter's range
                : category(settings, chapter, settings.categoriesPerChapter() + next % 40);
      } while (!used.add(code));
      rows.get(order.get(i))[4 + random.nextInt(3)] = code;
    }
  }

  private static double[] zipfWeights(int size, double exponent) {
    double[] weights = new double[size];
    for (int r = 0; r < size; r++) {
      weights[r] = 1 / Math.pow(r + 1, exponent);
    }
    return weights;
  }

  private static int pick(double[] weights, SplittableRandom random) {
    double total = 0;
    for (double w : weights) {
      total += w;
    }
    double u = random.nextDouble() * total;
    for (int i = 0; i < weights.length - 1; i++) {
      u -= weights[i];
      if (u < 0) {
        return i;
      }
    }
    return weights.length - 1;
  }
}
