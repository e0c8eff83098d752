/**
 * distill4j's binary model format ({@link org.distill4j.core.io.ModelFile}): a magic number, a versioned JSON
 * header, named little-endian arrays and a CRC32, written atomically and read defensively. Every student saves
 * and loads through it; there is no Java serialization anywhere in distill4j.
 */
package org.distill4j.core.io;
