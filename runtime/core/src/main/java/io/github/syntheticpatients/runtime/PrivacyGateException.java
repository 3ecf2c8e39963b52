package io.github.syntheticpatients.runtime;

/**
 * A trained model or a synthetic file failed the privacy gate; the message names each failed check.
 */
public class PrivacyGateException extends SyntheticPatientsException {
  private static final long serialVersionUID = 1L;

  private final transient GateResult gate;

  public PrivacyGateException(String message, GateResult gate) {
    super(message);
    this.gate = gate;
  }

  /** The gate's full verdict. */
  public GateResult gate() {
    return gate;
  }

  /** A message naming each failed check, its value, its threshold and what to change. */
  public static String describe(String subject, GateResult gate) {
    StringBuilder message = new StringBuilder(subject).append(" failed the privacy gate:");
    for (GateCheck check : gate.failures()) {
      message
          .append(System.lineSeparator())
          .append(" - ")
          .append(check.id())
          .append(' ')
          .append(check.name())
          .append(String.format(java.util.Locale.ROOT, " = %.4f", check.value()))
          .append(" violates ")
          .append(check.rule())
          .append(". ")
          .append(check.advice());
    }
    return message.toString();
  }
}
