/**
 * Small examples compiled by the build and referenced from the guides: how a user extends distill4j by
 * overriding one hook of a distiller, and proves the extension with the core contract test kit.
 */
package org.distill4j.docs.examples;
