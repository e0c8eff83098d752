/**
 * The contract test kit: abstract JUnit 5 classes that state, once, what every teacher, student, distiller and
 * objective term must do. Core publishes them in its test-jar ({@code distill4j-core}, classifier {@code tests});
 * an implementation's test extends the matching contract and supplies factories, as Guava's testlib and Commons
 * Math's abstract distribution tests do. {@link org.distill4j.core.contract.ContractInputs} makes seeded inputs,
 * {@link org.distill4j.core.contract.ContractAssertions} compares arrays with explicit tolerances (exactly, for
 * arguments that must stay untouched), and {@link org.distill4j.core.contract.ThrowingTeacher} is the failing
 * teacher that {@link org.distill4j.core.contract.DistillerContract} implementations return from
 * {@code throwingTeacher(int)}.
 */
package org.distill4j.core.contract;
