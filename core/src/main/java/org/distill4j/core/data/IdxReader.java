package org.distill4j.core.data;

import static com.google.common.base.Preconditions.checkNotNull;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Reads image data sets in the IDX format of MNIST and Fashion-MNIST (LeCun et al.; Xiao, Rasul and Vollgraf
 * 2017), gzipped or not (detected by the gzip magic number). An image file holds magic {@code 0x00000803}, then
 * the big-endian int32 dimensions n, rows, cols, then n·rows·cols unsigned bytes; a label file holds magic
 * {@code 0x00000801}, n, and n unsigned bytes.
 *
 * <p>Images become rows of {@code [n, rows·cols]} FLOAT features scaled to [0, 1] (pixel / 255), in row-major
 * pixel order. Malformed or truncated files raise an {@link IOException} that names the file and what was
 * expected. Stateless and thread-safe.
 */
public final class IdxReader {

    /** The class names of Fashion-MNIST, in label order. */
    public static final List<String> FASHION_MNIST_CLASS_NAMES = List.of("T-shirt/top", "Trouser", "Pullover",
            "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    private static final int IMAGE_MAGIC = 0x00000803;
    private static final int LABEL_MAGIC = 0x00000801;

    private IdxReader() {
    }

    /**
     * Reads an image file and its label file; the classes are numbered {@code "0".."K-1"} with K the largest
     * label plus one.
     *
     * @param images an IDX3 image file, optionally gzipped
     * @param labels the matching IDX1 label file, optionally gzipped
     * @param name the data set's name
     * @throws IOException if a file cannot be read, is malformed or truncated, or the counts differ
     */
    public static Dataset read(Path images, Path labels, String name) throws IOException {
        return read(images, labels, name, null);
    }

    /**
     * Reads an image file and its label file with the given class names.
     *
     * @param classNames the names of the classes in label order, or {@code null} to number them
     * @throws IOException if a file cannot be read, is malformed or truncated, the counts differ, or a label
     *     has no class name
     */
    public static Dataset read(Path images, Path labels, String name, List<String> classNames) throws IOException {
        checkNotNull(images, "images");
        checkNotNull(labels, "labels");
        try (InputStream imageStream = Files.newInputStream(images);
                InputStream labelStream = Files.newInputStream(labels)) {
            return read(imageStream, images.toString(), labelStream, labels.toString(), name, classNames);
        }
    }

    /**
     * Reads Fashion-MNIST from a folder holding the standard files {@code train-images-idx3-ubyte.gz},
     * {@code train-labels-idx1-ubyte.gz}, {@code t10k-images-idx3-ubyte.gz} and {@code t10k-labels-idx1-ubyte.gz}
     * (or the same names without {@code .gz}), e.g. {@code /usr/share/datasets/fashion-mnist} from Debian's
     * {@code dataset-fashion-mnist}.
     *
     * @param folder the folder
     * @param train the 60,000 training images if true, else the 10,000 test images
     * @return a data set named {@code fashion-mnist-train} or {@code fashion-mnist-test}, {@code [n, 784]}
     * @throws IOException if the files are missing, malformed or truncated
     */
    public static Dataset readFashionMnist(Path folder, boolean train) throws IOException {
        checkNotNull(folder, "folder");
        String prefix = train ? "train" : "t10k";
        Path images = standardFile(folder, prefix + "-images-idx3-ubyte");
        Path labels = standardFile(folder, prefix + "-labels-idx1-ubyte");
        String name = train ? "fashion-mnist-train" : "fashion-mnist-test";
        return read(images, labels, name, FASHION_MNIST_CLASS_NAMES);
    }

    /**
     * Reads images and labels from streams (which the caller closes).
     *
     * @param imageSource a description of the image stream for error messages
     * @param labelSource a description of the label stream for error messages
     * @param classNames the class names in label order, or {@code null} to number them
     */
    static Dataset read(InputStream images, String imageSource, InputStream labels, String labelSource, String name,
            List<String> classNames) throws IOException {
        checkNotNull(name, "name");
        INDArray features = readImages(images, imageSource);
        int[] labelValues = readLabels(labels, labelSource);
        if (labelValues.length != features.rows()) {
            throw new IOException(String.format("%s has %d images but %s has %d labels", imageSource,
                    features.rows(), labelSource, labelValues.length));
        }
        int maxLabel = 0;
        for (int label : labelValues) {
            maxLabel = Math.max(maxLabel, label);
        }
        List<String> names = classNames == null ? Dataset.numberedClassNames(maxLabel + 1) : classNames;
        if (maxLabel >= names.size()) {
            throw new IOException(String.format("%s has label %d but only %d class names were given", labelSource,
                    maxLabel, names.size()));
        }
        return new Dataset(features, labelValues, names.size(), names, name);
    }

    /** Reads an IDX3 image stream into {@code [n, rows·cols]} FLOAT in [0, 1]. */
    static INDArray readImages(InputStream raw, String source) throws IOException {
        InputStream in = Streams.decompressIfGzipped(raw);
        int[] dims = readHeader(in, source, IMAGE_MAGIC, 3);
        long pixels = (long) dims[1] * dims[2];
        long total = dims[0] * pixels;
        if (total > Integer.MAX_VALUE - 8) {
            throw new IOException(String.format("%s: %d x %d x %d images are too many to load", source, dims[0],
                    dims[1], dims[2]));
        }
        byte[] bytes = Streams.readExactly(in, (int) total, source, "image data");
        float[] values = new float[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            values[i] = (bytes[i] & 0xff) / 255f;
        }
        return Nd4j.create(values, new long[] {dims[0], pixels}, DataType.FLOAT);
    }

    /** Reads an IDX1 label stream. */
    static int[] readLabels(InputStream raw, String source) throws IOException {
        InputStream in = Streams.decompressIfGzipped(raw);
        int[] dims = readHeader(in, source, LABEL_MAGIC, 1);
        byte[] bytes = Streams.readExactly(in, dims[0], source, "labels");
        int[] labels = new int[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            labels[i] = bytes[i] & 0xff;
        }
        return labels;
    }

    private static int[] readHeader(InputStream in, String source, int expectedMagic, int rank) throws IOException {
        int magic = ByteBuffer.wrap(Streams.readExactly(in, 4, source, "IDX magic number")).getInt();
        if (magic != expectedMagic) {
            throw new IOException(String.format("%s is not an IDX file of unsigned bytes with %d dimension(s): "
                    + "magic number 0x%08x, expected 0x%08x", source, rank, magic, expectedMagic));
        }
        ByteBuffer header = ByteBuffer.wrap(Streams.readExactly(in, 4 * rank, source, "IDX header"));
        int[] dims = new int[rank];
        for (int i = 0; i < rank; i++) {
            dims[i] = header.getInt();
            if (dims[i] <= 0) {
                throw new IOException(String.format("%s: dimension %d must be positive, got %d", source, i,
                        dims[i]));
            }
        }
        return dims;
    }

    private static Path standardFile(Path folder, String base) throws IOException {
        Path gz = folder.resolve(base + ".gz");
        if (Files.isRegularFile(gz)) {
            return gz;
        }
        Path plain = folder.resolve(base);
        if (Files.isRegularFile(plain)) {
            return plain;
        }
        throw new IOException(String.format("neither %s nor %s exists", gz, plain));
    }
}
