package io.github.syntheticpatients.runtime.training;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * Notices when the JVM that forked this one is gone, so a cancelled build (a CI cancel sends
 * SIGTERM or SIGKILL to Maven) leaves no training running that would later write its model. Two
 * signals, whichever comes first: the parent process exits, or standard input, a pipe the parent
 * holds open and never writes to, reaches end of file (the operating system closes it when the
 * parent dies, even on {@code kill -9}).
 */
final class ParentWatch {
  private ParentWatch() {}

  /**
   * Calls {@code onGone} (once or more, from a background thread) when process {@code parentPid}
   * has exited or {@code stdin} ends; at once when the parent is already gone.
   */
  static void start(long parentPid, InputStream stdin, Runnable onGone) {
    Optional<ProcessHandle> parent = ProcessHandle.of(parentPid);
    if (parent.isEmpty() || !parent.get().isAlive()) {
      onGone.run();
      return;
    }
    parent.get().onExit().thenRun(onGone);
    Thread reader =
        new Thread(
            () -> {
              try {
                while (stdin.read() != -1) {
                  // The parent never writes; anything read is ignored.
                }
              } catch (IOException e) {
                // A broken pipe means the parent is gone too.
              }
              onGone.run();
            },
            "synthetic-parent-watch");
    reader.setDaemon(true);
    reader.start();
  }
}
