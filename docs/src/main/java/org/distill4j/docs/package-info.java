/**
 * The runnable side of distill4j's documentation: the tour, the quick start of the README, reproductions of the
 * papers' results and benchmarks against the reference programs, all reached through {@link
 * org.distill4j.docs.Main}. Each command logs progress to stderr and ends stdout with one {@code RESULT {json}}
 * line.
 */
package org.distill4j.docs;
