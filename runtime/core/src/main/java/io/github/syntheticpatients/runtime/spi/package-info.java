/** Service-provider interfaces implemented outside the runtime (the model zoo). */
package io.github.syntheticpatients.runtime.spi;
