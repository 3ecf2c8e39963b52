package io.github.syntheticpatients.runtime.gan;

import io.github.syntheticpatients.runtime.InvalidInputException;

/**
 * The range checks both GAN settings' builders run, with errors that name the parameter and the
 * fix.
 */
final class SettingChecks {
  private SettingChecks() {}

  static void positive(String parameter, double value) {
    if (!(value > 0)) {
      throw InvalidInputException.inParameter(
          parameter, parameter + " must be positive, was " + value + "; set a value above 0");
    }
  }

  static void nonNegative(String parameter, double value) {
    if (!(value >= 0)) {
      throw InvalidInputException.inParameter(
          parameter, parameter + " must be 0 or more, was " + value + "; use 0 to turn it off");
    }
  }

  static void unitInterval(String parameter, double value) {
    if (!(value >= 0 && value < 1)) {
      throw InvalidInputException.inParameter(
          parameter,
          parameter + " must be in [0, 1), was " + value + "; set a value from 0 up to but not 1");
    }
  }
}
