/**
 * The JUnit Jupiter extension: {@link io.github.syntheticpatients.junit.SyntheticPatients} injects
 * reproducible synthetic patients into test parameters, {@link
 * io.github.syntheticpatients.junit.Seed} fixes their seed.
 */
package io.github.syntheticpatients.junit;
