/**
 * Maven goals ({@code synthetic:generate}, {@code train}, {@code schema}, {@code evaluate}, {@code
 * models}) as thin adapters over the runtime.
 */
package io.github.syntheticpatients.maven;
