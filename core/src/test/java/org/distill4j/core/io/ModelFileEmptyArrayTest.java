package org.distill4j.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/** Empty arrays: read back as empty, and an empty shape with an absurd other dimension is a clear error. */
class ModelFileEmptyArrayTest {

    @TempDir
    Path dir;

    @Test
    void emptyArraysRoundTripAndAbsurdEmptyShapesAreRejected() throws IOException {
        Path file = dir.resolve("empty.d4j");
        ModelFile.write(file, "t", 1, Map.of(), Map.of("e", Nd4j.create(DataType.FLOAT, 0, 3)));
        assertThat(ModelFile.read(file, "t").array("e").shape()).containsExactly(0, 3);

        byte[] bytes = Files.readAllBytes(file);
        ByteBuffer view = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int at = -1;
        for (int i = 0; i + 16 <= bytes.length; i++) {
            if (view.getLong(i) == 0 && view.getLong(i + 8) == 3) {
                at = i + 8;
            }
        }
        assertThat(at).as("position of the shape's second dimension").isPositive();
        view.putLong(at, 1L << 40);
        Files.write(file, LoaderFuzzer.withModelFileChecksum(bytes));
        assertThatThrownBy(() -> ModelFile.read(file, "t")).isInstanceOf(IOException.class)
                .hasMessageContaining("impossible empty shape");
    }
}
