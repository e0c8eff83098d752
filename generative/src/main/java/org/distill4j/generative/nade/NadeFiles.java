package org.distill4j.generative.nade;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.distill4j.core.io.ModelFile;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Saving and loading {@link Nade}s with distill4j's {@link ModelFile}. Stateless and thread-safe. */
final class NadeFiles {

    /** The model type in saved files. */
    static final String MODEL_TYPE = "org.distill4j.generative.nade.Nade";

    /** The current version of the saved form. */
    static final int MODEL_VERSION = 1;

    private NadeFiles() {
    }

    static void save(Nade nade, Path file) throws IOException {
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("visible", nade.visibleSize());
        header.put("hidden", nade.hiddenSize());
        header.put("dataType", nade.dataType().name());
        header.put("blockSize", nade.blockSize());
        Map<String, INDArray> arrays = new LinkedHashMap<>();
        arrays.put("W", nade.inputWeights());
        arrays.put("V", nade.outputWeights());
        arrays.put("b", nade.visibleBias());
        arrays.put("c", nade.hiddenBias());
        arrays.put("ordering", Nd4j.createFromArray(nade.ordering()));
        ModelFile.write(file, MODEL_TYPE, MODEL_VERSION, header, arrays);
    }

    static Nade load(Path file) throws IOException {
        ModelFile.Contents contents = ModelFile.read(file, MODEL_TYPE);
        if (contents.modelVersion() > MODEL_VERSION) {
            throw new IOException(file + ": Nade model version " + contents.modelVersion()
                    + " is newer than this library reads (" + MODEL_VERSION + ")");
        }
        long visible = contents.longField("visible");
        long hidden = contents.longField("hidden");
        DataType type;
        try {
            type = DataType.valueOf(contents.stringField("dataType"));
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": invalid dataType in the Nade header: " + e.getMessage(), e);
        }
        INDArray ordering = contents.array("ordering");
        if (ordering.dataType() != DataType.INT32 || ordering.length() != visible) {
            throw new IOException(file + ": array 'ordering' must hold " + visible + " INT32 values, got "
                    + ordering.length() + " " + ordering.dataType());
        }
        INDArray w = contents.array("W");
        if (w.rank() != 2 || w.rows() != hidden || w.columns() != visible) {
            throw new IOException(file + ": array 'W' must be [" + hidden + ", " + visible + "], got "
                    + java.util.Arrays.toString(w.shape()));
        }
        try {
            Nade nade = Nade.of(w, contents.array("V"), contents.array("b"), contents.array("c"),
                    ordering.toIntVector());
            if (nade.dataType() != type) {
                throw new IOException(file + ": header says " + type + " but the arrays are " + nade.dataType());
            }
            Object block = contents.header().get("blockSize");
            return block instanceof Integer k && k >= 1 ? nade.withBlockSize(k) : nade;
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": not a valid NADE: " + e.getMessage(), e);
        }
    }
}
