/** Implementation details shared inside the runtime; not API. */
package io.github.syntheticpatients.runtime.internal;
