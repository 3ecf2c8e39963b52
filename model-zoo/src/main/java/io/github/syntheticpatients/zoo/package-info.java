/** The model zoo: pretrained generators found by id through the runtime's ModelZooProvider SPI. */
package io.github.syntheticpatients.zoo;
