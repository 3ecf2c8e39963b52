package io.github.syntheticpatients.zoo;

import io.github.syntheticpatients.runtime.TrainSettings;
import java.util.List;

/** The zoo's models, in the order the rebuild trains them. */
final class ZooRecipes {
  private ZooRecipes() {}

  private static final String SURVIVAL = "R survival 3.5-3";
  private static final String LGPL = "LGPL (>= 2)";

  private static final String FIXTURES =
      "Test fixtures, demos and pipeline development: records with the columns, types, missing"
          + " values and rough relationships of ";

  static final List<Recipe> ALL =
      List.of(
          new Recipe(
              "default",
              "pbc.csv",
              "pbc.schema.json",
              null,
              "status",
              "stage",
              TrainSettings.defaults().withGenerator("copula"),
              "hepatology",
              "Mayo Clinic primary biliary cholangitis trial (" + SURVIVAL + ", dataset pbc)",
              LGPL,
              "418 patients with primary biliary cholangitis seen at the Mayo Clinic, 1974-1984: the 312"
                  + " randomised to D-penicillamine or placebo and 106 who consented to follow-up only"
                  + " (their trt and most labs missing); mostly women, aged 26-78",
              "The copula: under 1,000 rows no network beats it measurably (docs/generators.md), it"
                  + " trains in seconds and stores no row.",
              FIXTURES
                  + "a liver-disease trial at baseline (survival time and status, treatment,"
                  + " labs, histologic stage).",
              "A Gaussian copula keeps each column's distribution and the rank correlations between"
                  + " columns (missingness included, as correlated indicators), not non-linear or"
                  + " conditional relationships such as interactions between treatment and labs."
                  + " The table is small, so rare combinations of stage and status are thin."),
          new Recipe(
              "pbcseq",
              "pbcseq.csv",
              "pbcseq.schema.json",
              "id",
              "status",
              "stage",
              TrainSettings.defaults().withGenerator("argn"),
              "hepatology",
              "Mayo Clinic primary biliary cholangitis trial, visits ("
                  + SURVIVAL
                  + ", dataset pbcseq)",
              LGPL,
              "the 312 randomised patients of the same trial with 1,945 visits (1-16 each) and their"
                  + " labs; futime and status describe each patient's whole follow-up",
              "The timeline argn: it keeps visit times increasing, static attributes constant and"
                  + " visits before the end of follow-up (futime), and passes the gate and the"
                  + " membership attack, where the timeline GAN that auto still picks breaks futime in"
                  + " a quarter of its patients (docs/benchmarks/longitudinal.md).",
              FIXTURES
                  + "a longitudinal liver-disease cohort: patient timelines with irregular visits"
                  + " for code that handles visits, follow-up and lab trajectories.",
              "Lag-1 autocorrelation of the labs is weaker than in the real visits (about 0.83-0.84"
                  + " against 0.94 for fresh real patients in the benchmark); about 130 fitted training"
                  + " patients, so long timelines (10+ visits) are rare."),
          new Recipe(
              "rotterdam",
              "rotterdam.csv",
              "rotterdam.schema.json",
              null,
              "death",
              "grade",
              TrainSettings.defaults().withGenerator("argn"),
              "oncology",
              "Rotterdam tumour bank, primary breast cancer (" + SURVIVAL + ", dataset rotterdam)",
              LGPL,
              "2,982 women with primary breast cancer in the Rotterdam tumour bank, operated 1978-1993:"
                  + " tumour size, grade, nodes, receptors, treatment, times to recurrence and death",
              "argn: from 1,000 rows it is at least as hard to detect as the copula"
                  + " (docs/benchmarks/argn.md: tree AUC 0.685 against 0.689) with the better TSTR"
                  + " ratio, and it learns non-linear relationships the copula cannot.",
              FIXTURES
                  + "a breast-cancer survival cohort (tumour features, treatment, recurrence"
                  + " and death).",
              "Times are generated per column: rtime <= dtime and recur/death agreeing with the"
                  + " times hold only as often as the model learned them, not as rules."),
          new Recipe(
              "pima",
              "pima2.csv",
              "pima2.schema.json",
              null,
              "diabetes",
              "diabetes",
              TrainSettings.defaults().withGenerator("copula"),
              "endocrinology (diabetes)",
              "Pima Indians diabetes, corrected (R mlbench 2.1-3, dataset PimaIndiansDiabetes2;"
                  + " originally NIDDK via the UCI repository)",
              "GPL-2",
              "768 women of Pima heritage aged 21 and over, Arizona: pregnancies, glucose, blood"
                  + " pressure, skin fold, insulin, BMI, diabetes pedigree, age and a diabetes test"
                  + " result; impossible zeros recoded as missing (insulin missing in 49 %)",
              "The copula: under 1,000 rows it is the generator auto fits, and argn did not beat it"
                  + " on this table (docs/benchmarks/argn.md).",
              FIXTURES
                  + "a metabolic screening table with a binary outcome and heavy missingness"
                  + " (e.g. to test imputation and classification pipelines).",
              "Missingness is modelled by correlated indicators, so triceps and insulin are missing"
                  + " together often but not always (in the real data every record without triceps"
                  + " lacks insulin too); relationships are monotone rank correlations, not"
                  + " thresholds or interactions."),
          new Recipe(
              "nafld1",
              "nafld1.csv",
              "nafld1.schema.json",
              null,
              "status",
              "male",
              TrainSettings.defaults().withGenerator("argn"),
              "metabolic (fatty liver disease)",
              "Non-alcoholic fatty liver disease cohort, Olmsted County ("
                  + SURVIVAL
                  + ", dataset nafld1)",
              LGPL,
              "17,549 residents of Olmsted County, Minnesota: people diagnosed with non-alcoholic"
                  + " fatty liver disease and age- and sex-matched controls; age, sex, weight, height"
                  + " and BMI at baseline (weight and BMI missing for about 28 %, height for 18 %),"
                  + " follow-up time and death",
              "argn: on this table it is harder to detect than the copula"
                  + " (docs/benchmarks/argn.md: tree AUC 0.559 against 0.583) with the better TSTR"
                  + " ratio (0.937 against 0.886).",
              FIXTURES
                  + "a large metabolic cohort with body measures, missing values and a survival"
                  + " outcome.",
              "The matching is not kept: case.id (the case a control is matched to) is dropped, so"
                  + " records are independent subjects and case/control status cannot be"
                  + " recovered. BMI is generated beside weight and height, not computed from them,"
                  + " so it agrees with weight / height^2 only as closely as the model learned it."));
}
