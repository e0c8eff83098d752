package org.distill4j.generative.rbm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.distill4j.core.data.NpyReader;
import org.distill4j.core.data.NpyWriter;
import org.distill4j.generative.testing.TinyRbmFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class RbmFilesTest {

    @Test
    void roundTripsBothTypesAndWritesNumpyShapes(@TempDir Path dir) throws IOException {
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            Rbm rbm = TinyRbmFixtures.random(5, 3, 1.0, 11, type);
            Path folder = dir.resolve(type.name());
            rbm.save(folder);
            Rbm loaded = Rbm.load(folder);
            assertThat(loaded).isEqualTo(rbm);
            assertThat(loaded.dataType()).isEqualTo(type);
            assertThat(NpyReader.read(folder.resolve("W.npy")).shape()).containsExactly(5, 3);
            assertThat(NpyReader.read(folder.resolve("b.npy")).shape()).containsExactly(5);
            assertThat(NpyReader.read(folder.resolve("c.npy")).shape()).containsExactly(3);
            assertThat(Files.readString(folder.resolve("rbm.json"))).contains("\"visible\" : 5")
                    .contains("\"hidden\" : 3");
        }
    }

    @Test
    void loadsPythonFolderWithoutHeaderAndConvertsBiasTypes(@TempDir Path dir) throws IOException {
        Rbm rbm = TinyRbmFixtures.random(4, 2, 1.0, 12, DataType.FLOAT);
        NpyWriter.write(rbm.weights(), dir.resolve("W.npy"));
        NpyWriter.write(rbm.visibleBias().castTo(DataType.DOUBLE).reshape(1, 4), dir.resolve("b.npy"));
        NpyWriter.write(rbm.hiddenBias().castTo(DataType.DOUBLE), dir.resolve("c.npy"));
        Rbm loaded = Rbm.load(dir);
        assertThat(loaded.dataType()).isEqualTo(DataType.FLOAT);
        assertThat(loaded).isEqualTo(rbm);
    }

    @Test
    void inconsistentShapesNameBothShapes(@TempDir Path dir) throws IOException {
        NpyWriter.write(Nd4j.zeros(DataType.FLOAT, 4, 2), dir.resolve("W.npy"));
        NpyWriter.write(Nd4j.zeros(DataType.FLOAT, 3), dir.resolve("b.npy"));
        NpyWriter.write(Nd4j.zeros(DataType.FLOAT, 2), dir.resolve("c.npy"));
        assertThatThrownBy(() -> Rbm.load(dir)).isInstanceOf(IOException.class).hasMessageContaining("b.npy")
                .hasMessageContaining("[4, 2]").hasMessageContaining("[3]").hasMessageContaining("4 values");
        NpyWriter.write(Nd4j.zeros(DataType.FLOAT, 4), dir.resolve("b.npy"));
        NpyWriter.write(Nd4j.zeros(DataType.FLOAT, 2, 2), dir.resolve("c.npy"));
        assertThatThrownBy(() -> Rbm.load(dir)).isInstanceOf(IOException.class).hasMessageContaining("c.npy")
                .hasMessageContaining("hidden");
        NpyWriter.write(Nd4j.zeros(DataType.FLOAT, 4), dir.resolve("W.npy"));
        assertThatThrownBy(() -> Rbm.load(dir)).isInstanceOf(IOException.class).hasMessageContaining("W.npy")
                .hasMessageContaining("(visible, hidden)");
    }

    @Test
    void nanWeightsAreRejected(@TempDir Path dir) throws IOException {
        INDArray w = Nd4j.zeros(DataType.FLOAT, 3, 2);
        w.putScalar(1, 0, Float.NaN);
        NpyWriter.write(w, dir.resolve("W.npy"));
        NpyWriter.write(Nd4j.zeros(DataType.FLOAT, 3), dir.resolve("b.npy"));
        NpyWriter.write(Nd4j.zeros(DataType.FLOAT, 2), dir.resolve("c.npy"));
        assertThatThrownBy(() -> Rbm.load(dir)).isInstanceOf(IOException.class).hasMessageContaining("finite")
                .hasMessageContaining("row 1, column 0");
    }

    @Test
    void missingArraysAndBadHeadersAreNamed(@TempDir Path dir) throws IOException {
        assertThatThrownBy(() -> Rbm.load(dir.resolve("nowhere"))).isInstanceOf(NoSuchFileException.class);
        TinyRbmFixtures.random(3, 2, 1.0, 1, DataType.FLOAT).save(dir);
        Files.delete(dir.resolve("c.npy"));
        assertThatThrownBy(() -> Rbm.load(dir)).isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining("c.npy");
        TinyRbmFixtures.random(3, 2, 1.0, 1, DataType.FLOAT).save(dir);
        Files.writeString(dir.resolve("rbm.json"), "{\"format\": \"distill4j-rbm\", \"formatVersion\": 1, "
                + "\"visible\": 4, \"hidden\": 2}", StandardCharsets.UTF_8);
        assertThatThrownBy(() -> Rbm.load(dir)).isInstanceOf(IOException.class).hasMessageContaining("'visible' is 4")
                .hasMessageContaining("3 visible");
        Files.writeString(dir.resolve("rbm.json"), "{not json", StandardCharsets.UTF_8);
        assertThatThrownBy(() -> Rbm.load(dir)).isInstanceOf(IOException.class).hasMessageContaining("JSON");
    }

    @Test
    void saveReplacesAnExistingRbm(@TempDir Path dir) throws IOException {
        TinyRbmFixtures.random(6, 4, 1.0, 1, DataType.DOUBLE).save(dir);
        Rbm second = TinyRbmFixtures.random(3, 2, 1.0, 2, DataType.FLOAT);
        second.save(dir);
        assertThat(Rbm.load(dir)).isEqualTo(second);
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("rbm.json", "W.npy",
                    "b.npy", "c.npy");
        }
    }
}
