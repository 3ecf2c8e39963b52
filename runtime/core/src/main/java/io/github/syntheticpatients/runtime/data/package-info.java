/** In-memory columnar tables of patient records. */
package io.github.syntheticpatients.runtime.data;
