/**
 * The random streams sampling draws from: named generators whose output is the same on every
 * machine.
 */
package io.github.syntheticpatients.runtime.random;
