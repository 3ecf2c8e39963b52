/**
 * Internals of the JUnit extension: seeds, the model cache, parameter types and record mapping; not
 * API.
 */
package io.github.syntheticpatients.junit.internal;
