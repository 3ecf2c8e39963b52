/** Command-line entry points, run in forked JVMs by the Maven plugin. */
package io.github.syntheticpatients.runtime.cli;
