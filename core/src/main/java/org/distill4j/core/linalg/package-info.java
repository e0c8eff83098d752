/**
 * Dense linear algebra on ND4J arrays with less per-call overhead than ND4J's own entry points, for the small
 * matrix products that dominate distillation (see docs/guides/performance.md).
 */
package org.distill4j.core.linalg;
