/**
 * The training entry points: the facade, the forked JVM's main and the request the plugin sends it.
 */
package io.github.syntheticpatients.runtime.training;
