package org.distill4j.core;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A model trained to imitate a teacher. A trained student is itself a {@link Teacher} (students chain:
 * born-again networks, re-distillation), so every concrete student also implements a teacher family such as
 * {@link ConditionalTeacher}. A student never sees its training loop: a {@link Distiller} owns it.
 *
 * <p>Students save to and load from files without Java serialization (each student class has a static
 * {@code load(Path)}), and predict thread-safely.
 */
public interface Student extends Teacher {

    /** The number of trainable scalar parameters, used for compression ratios. */
    long parameterCount();

    /**
     * Writes this student to {@code file} (created or replaced) in distill4j's model format.
     *
     * @throws IOException if the file cannot be written
     */
    void save(Path file) throws IOException;
}
