/** JSON reading and writing; the only package that uses Jackson. */
package io.github.syntheticpatients.runtime.io.json;
