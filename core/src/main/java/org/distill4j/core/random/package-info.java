/**
 * Random streams whose state can be saved and restored, so that checkpointed runs continue exactly the draws they
 * left: {@link org.distill4j.core.random.SplitMix64}.
 */
package org.distill4j.core.random;
