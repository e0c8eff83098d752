package org.distill4j.bayes.bag;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.distill4j.bayes.model.PredictiveModel;
import org.distill4j.bayes.sampler.MarkovChain;
import org.distill4j.core.io.ModelFile;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * An immutable bag of {@code S} posterior samples {@code θ_1..θ_S ∈ R^d} of a {@link PredictiveModel}: what a
 * sampler leaves behind, and what batch distillation imitates through the Monte-Carlo posterior predictive
 * {@code (1/S) Σ_s p(y|x,θ_s)} (Papamakarios 2015, arXiv:1510.02437, ch. 3; see {@link CategoricalPredictive}).
 * Storing it costs {@link #memoryBytes()} = {@code 8·S·d} bytes, the figure online distillation avoids.
 *
 * <p>The samples live in one row-major {@code double[S·d]}; accessors return copies. Saved with core's
 * {@link ModelFile} (type {@value #MODEL_TYPE}): the header holds {@code samples}, {@code dimension}, the model's
 * {@code modelKind} and {@code model} description written by a {@link ModelCodec}, and its sizes, which are checked
 * against the rebuilt model on load; the array {@code samples} is {@code [S, d]} DOUBLE.
 *
 * <p>Thread-safe: immutable (the model must be thread-safe, as {@link PredictiveModel} requires).
 */
public final class PosteriorBag {

    /** The model type of bag files. */
    public static final String MODEL_TYPE = "org.distill4j.bayes.PosteriorBag";

    /** The version of the bag file layout. */
    public static final int MODEL_VERSION = 1;

    private final PredictiveModel model;
    private final int size;
    private final int dimension;
    private final double[] samples;

    private PosteriorBag(PredictiveModel model, int size, int dimension, double[] samples) {
        this.model = model;
        this.size = size;
        this.dimension = dimension;
        this.samples = samples;
    }

    /**
     * A bag of the given samples (copied).
     *
     * @param model the model the samples parametrise
     * @param samples {@code S >= 1} rows of {@code model.parameterDimension()} finite numbers
     * @throws IllegalArgumentException if the bag is empty, a row has the wrong length, or a value is not finite
     */
    public static PosteriorBag of(PredictiveModel model, double[][] samples) {
        checkNotNull(model, "model");
        checkNotNull(samples, "samples");
        checkArgument(samples.length > 0, "a posterior bag needs at least one sample, got an empty bag");
        int d = model.parameterDimension();
        double[] flat = new double[Math.multiplyExact(samples.length, d)];
        for (int s = 0; s < samples.length; s++) {
            checkNotNull(samples[s], "sample %s", s);
            checkArgument(samples[s].length == d,
                    "sample %s has dimension %s but the model has parameterDimension %s", s, samples[s].length, d);
            System.arraycopy(samples[s], 0, flat, s * d, d);
        }
        return checked(model, samples.length, flat);
    }

    /**
     * A bag of the rows of {@code samples} (copied; not modified).
     *
     * @param samples {@code [S >= 1, model.parameterDimension()]}
     * @throws IllegalArgumentException if the bag is empty, the width differs from the model's dimension (both
     *     named), or a value is not finite
     */
    public static PosteriorBag of(PredictiveModel model, INDArray samples) {
        checkNotNull(model, "model");
        checkNotNull(samples, "samples");
        checkArgument(samples.rank() == 2, "samples must be [S, d], got shape %s",
                java.util.Arrays.toString(samples.shape()));
        checkArgument(samples.rows() > 0, "a posterior bag needs at least one sample, got an empty bag");
        checkArgument(samples.columns() == model.parameterDimension(),
                "samples have dimension %s but the model has parameterDimension %s", samples.columns(),
                model.parameterDimension());
        double[] flat = samples.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        return checked(model, (int) samples.rows(), flat);
    }

    /**
     * Runs a chain and keeps every {@code thin}-th state: {@code S·thin} transitions.
     *
     * @param chain advanced {@code size·thin} times; its dimension must be the model's
     * @param size the number of samples {@code S >= 1}
     * @param thin transitions per kept sample, {@code >= 1}
     */
    public static PosteriorBag fromChain(PredictiveModel model, MarkovChain chain, int size, int thin) {
        checkNotNull(model, "model");
        checkNotNull(chain, "chain");
        checkArgument(size >= 1, "size must be >= 1 (a posterior bag cannot be empty), got %s", size);
        checkArgument(thin >= 1, "thin must be >= 1, got %s", thin);
        int d = model.parameterDimension();
        checkArgument(chain.dimension() == d, "the chain has dimension %s but the model has parameterDimension %s",
                chain.dimension(), d);
        double[] flat = new double[Math.multiplyExact(size, d)];
        for (int s = 0; s < size; s++) {
            double[] state = null;
            for (int t = 0; t < thin; t++) {
                state = chain.next();
            }
            checkArgument(state.length == d, "the chain returned a state of length %s, expected %s", state.length,
                    d);
            System.arraycopy(state, 0, flat, s * d, d);
        }
        return checked(model, size, flat);
    }

    private static PosteriorBag checked(PredictiveModel model, int size, double[] flat) {
        int d = model.parameterDimension();
        for (int i = 0; i < flat.length; i++) {
            if (!Double.isFinite(flat[i])) {
                throw new IllegalArgumentException(String.format(
                        "sample %d has a non-finite value %s at coordinate %d", i / d, flat[i], i % d));
            }
        }
        return new PosteriorBag(model, size, d, flat);
    }

    /** The model whose parameters the samples are. */
    public PredictiveModel model() {
        return model;
    }

    /** The number of samples {@code S}. */
    public int size() {
        return size;
    }

    /** The parameter dimension {@code d}. */
    public int dimension() {
        return dimension;
    }

    /** The number of input features of the model. */
    public int inputSize() {
        return model.inputSize();
    }

    /**
     * A copy of sample {@code s}.
     *
     * @param s in {@code [0, size())}
     */
    public double[] sample(int s) {
        checkArgument(s >= 0 && s < size, "sample index must be in [0, %s), got %s", size, s);
        double[] out = new double[dimension];
        System.arraycopy(samples, s * dimension, out, 0, dimension);
        return out;
    }

    /** Copies sample {@code s} into {@code target[0..d)} without allocating (for hot loops). */
    public void copySample(int s, double[] target) {
        checkArgument(s >= 0 && s < size, "sample index must be in [0, %s), got %s", size, s);
        checkArgument(target != null && target.length >= dimension, "target must hold %s numbers", dimension);
        System.arraycopy(samples, s * dimension, target, 0, dimension);
    }

    /** A new {@code [S, d]} DOUBLE array of the samples. */
    public INDArray samples() {
        return Nd4j.create(samples.clone(), new long[] {size, dimension}, DataType.DOUBLE);
    }

    /** The posterior mean of each coordinate, {@code [d]}. */
    public double[] mean() {
        double[] mean = new double[dimension];
        for (int s = 0; s < size; s++) {
            for (int j = 0; j < dimension; j++) {
                mean[j] += samples[s * dimension + j];
            }
        }
        for (int j = 0; j < dimension; j++) {
            mean[j] /= size;
        }
        return mean;
    }

    /** The bytes the samples occupy: {@code 8·S·d} (doubles; object headers not counted). */
    public long memoryBytes() {
        return 8L * size * dimension;
    }

    /**
     * Saves this bag with its model's description.
     *
     * @param codecs must hold a codec that handles {@link #model()}
     * @throws IllegalArgumentException if no codec handles the model (naming its class and the known kinds)
     * @throws IOException if the file cannot be written
     */
    public void save(Path file, ModelCodecs codecs) throws IOException {
        checkNotNull(file, "file");
        checkNotNull(codecs, "codecs");
        ModelCodec codec = codecs.forModel(model).orElseThrow(() -> new IllegalArgumentException(
                "no codec handles the model " + model.getClass().getName() + " (codecs for " + codecs.kinds()
                        + ")"));
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("samples", size);
        header.put("dimension", dimension);
        header.put("modelKind", codec.kind());
        header.put("model", codec.describe(model));
        header.put("inputSize", model.inputSize());
        header.put("outputSize", model.outputSize());
        header.put("response", model.response().name());
        ModelFile.write(file, MODEL_TYPE, MODEL_VERSION, header, Map.of("samples", samples()));
    }

    /**
     * Loads a bag saved by {@link #save}, rebuilding its model with the codec of the kind written in the file.
     *
     * @throws IOException if the file is not a valid bag file, its model kind has no codec in {@code codecs}, or
     *     the rebuilt model's sizes differ from those recorded
     */
    public static PosteriorBag load(Path file, ModelCodecs codecs) throws IOException {
        checkNotNull(file, "file");
        checkNotNull(codecs, "codecs");
        ModelFile.Contents contents = ModelFile.read(file, MODEL_TYPE);
        if (contents.modelVersion() != MODEL_VERSION) {
            throw new IOException(file + ": bag file version " + contents.modelVersion() + " is not supported ("
                    + MODEL_VERSION + " is)");
        }
        String kind = contents.stringField("modelKind");
        ModelCodec codec = codecs.forKind(kind).orElseThrow(() -> new IOException(file + ": no codec for the model kind '"
                + kind + "' (codecs for " + codecs.kinds() + ")"));
        Object description = contents.field("model");
        if (!(description instanceof Map<?, ?> map)) {
            throw new IOException(file + ": header field 'model' must be an object, got " + description);
        }
        @SuppressWarnings("unchecked")
        PredictiveModel model;
        try {
            model = codec.restore((Map<String, Object>) map);
        } catch (IOException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
        long s = contents.longField("samples");
        long d = contents.longField("dimension");
        check(file, "dimension", d, model.parameterDimension());
        check(file, "inputSize", contents.longField("inputSize"), model.inputSize());
        check(file, "outputSize", contents.longField("outputSize"), model.outputSize());
        if (!model.response().name().equals(contents.stringField("response"))) {
            throw new IOException(file + ": the file records response " + contents.stringField("response")
                    + " but the rebuilt model has " + model.response());
        }
        INDArray array = contents.array("samples");
        if (array.rank() != 2 || array.rows() != s || array.columns() != d) {
            throw new IOException(file + ": array 'samples' has shape " + java.util.Arrays.toString(array.shape())
                    + " but the header says [" + s + ", " + d + "]");
        }
        try {
            return of(model, array);
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    private static void check(Path file, String field, long recorded, long actual) throws IOException {
        if (recorded != actual) {
            throw new IOException(file + ": the file records " + field + " " + recorded
                    + " but the rebuilt model has " + actual);
        }
    }

    @Override
    public String toString() {
        return "PosteriorBag[S=" + size + ", d=" + dimension + ", model=" + model.getClass().getSimpleName() + "]";
    }
}
