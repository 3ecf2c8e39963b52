/** File input and output shared by the CSV and JSON code: atomic replacement of output files. */
package io.github.syntheticpatients.runtime.io;
