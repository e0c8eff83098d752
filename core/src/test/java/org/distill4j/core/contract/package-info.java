/**
 * The contract test kit: abstract JUnit 5 classes that state, once, what every teacher, student, distiller and
 * objective term must do. Core publishes them in its test-jar ({@code distill4j-core}, classifier {@code tests});
 * an implementation's test extends the matching contract and supplies factories, as Guava's testlib and Commons
 * Math's abstract distribution tests do.
 */
package org.distill4j.core.contract;
