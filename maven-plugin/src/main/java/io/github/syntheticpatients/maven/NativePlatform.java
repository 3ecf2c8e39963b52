package io.github.syntheticpatients.maven;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Picks the {@code ai.djl.pytorch:pytorch-native-cpu} classifier for an OS and CPU architecture:
 * the one Java owner of that mapping. The root POM's {@code pytorch-*} profiles must say the same
 * for Maven (which cannot call Java to activate a profile); {@code NativePlatformTest} reads them
 * and fails when the two disagree.
 */
final class NativePlatform {
  /** The classifiers PyTorch ships a CPU build for, as DJL names them. */
  static final List<String> SUPPORTED =
      List.of("linux-x86_64", "linux-aarch64", "osx-aarch64", "win-x86_64");

  private NativePlatform() {}

  /**
   * The classifier for {@code os.name} and {@code os.arch} as the JVM reports them, or empty where
   * PyTorch ships no CPU build for DJL (e.g. Intel macOS, 32-bit systems).
   */
  static Optional<String> classifier(String osName, String osArch) {
    String os = osName.toLowerCase(Locale.ROOT);
    String arch = osArch.toLowerCase(Locale.ROOT);
    boolean x64 = arch.equals("amd64") || arch.equals("x86_64");
    boolean arm64 = arch.equals("aarch64") || arch.equals("arm64");
    if (os.startsWith("linux") && x64) {
      return Optional.of("linux-x86_64");
    }
    if (os.startsWith("linux") && arm64) {
      return Optional.of("linux-aarch64");
    }
    if ((os.startsWith("mac") || os.startsWith("darwin")) && arm64) {
      return Optional.of("osx-aarch64");
    }
    if (os.startsWith("windows") && x64) {
      return Optional.of("win-x86_64");
    }
    return Optional.empty();
  }
}
