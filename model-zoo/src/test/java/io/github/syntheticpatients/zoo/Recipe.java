package io.github.syntheticpatients.zoo;

import io.github.syntheticpatients.runtime.TrainSettings;

/**
 * A zoo model: its id, training data, edited schema, settings, and what its model card says about
 * it beyond the numbers.
 *
 * @param id the model id ({@code @SyntheticPatients(model = id)})
 * @param data the CSV in {@code model-zoo/src/data}
 * @param schema the edited schema beside it
 * @param group the column whose rows belong to one patient (held back together), or null when each
 *     row is a patient
 * @param target the outcome column for utility (TSTR)
 * @param sensitive the column of the attribute-disclosure checks
 * @param settings the training settings (generator named: see {@code generatorReason})
 * @param domain the clinical domain, e.g. "hepatology"
 * @param dataset the data's name and source, one line
 * @param license the data's licence
 * @param population who the records describe
 * @param generatorReason why this generator, one sentence
 * @param intendedUse what the model is for
 * @param limitations what it does not do well, one or more sentences
 */
record Recipe(
    String id,
    String data,
    String schema,
    String group,
    String target,
    String sensitive,
    TrainSettings settings,
    String domain,
    String dataset,
    String license,
    String population,
    String generatorReason,
    String intendedUse,
    String limitations) {

  /** What every card says about misuse, whatever the data. */
  static final String MISUSE =
      "Not for clinical decisions, not for estimating effects, risks or prevalences of the source"
          + " population (the records are samples of a model fitted on a few hundred real patients),"
          + " and not as evidence that a real person is or is not in the data: the privacy figures"
          + " are statistical tests at this size, not a guarantee.";
}
