/** The model file, its plain-Java generator networks and samplers. */
package io.github.syntheticpatients.runtime.model;
