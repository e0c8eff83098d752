package org.distill4j.docs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.distill4j.core.data.Dataset;
import org.distill4j.core.data.IdxReader;

/** Finds and loads the full Fashion-MNIST for the reproductions and benchmarks. */
final class FashionMnist {

    /** Where the data is looked for when {@code --data} is not given, in order. */
    static final List<Path> DEFAULT_FOLDERS = List.of(Path.of("../shared/data/fashion-mnist"),
            Path.of("../../shared/data/fashion-mnist"), Path.of("/usr/share/datasets/fashion-mnist"));

    private FashionMnist() {
    }

    /** The folder from {@code --data}, or the first default folder holding the training images. */
    static Path folder(Args args) {
        Path given = args.pathOption("data", null);
        if (given != null) {
            return given;
        }
        for (Path p : DEFAULT_FOLDERS) {
            if (Files.exists(p.resolve("train-images-idx3-ubyte.gz"))) {
                return p;
            }
        }
        throw new IllegalArgumentException("Fashion-MNIST not found in " + DEFAULT_FOLDERS
                + ": pass --data DIR (the four IDX files) or run apt-get install -y dataset-fashion-mnist");
    }

    static Dataset train(Path folder) throws IOException {
        return IdxReader.readFashionMnist(folder, true);
    }

    static Dataset test(Path folder) throws IOException {
        return IdxReader.readFashionMnist(folder, false);
    }
}
