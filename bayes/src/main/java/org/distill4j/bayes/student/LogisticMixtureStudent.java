package org.distill4j.bayes.student;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.distill4j.bayes.bag.InputChecks;
import org.distill4j.core.ConditionalTeacher;
import org.distill4j.core.Student;
import org.distill4j.core.io.ModelFile;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The thesis's student of a posterior predictive: a chain distilled into K representative samples,
 * {@code q(y=1|x) = (1/K) Σ_k σ(w_k·x + b_k)} for binary labels, or an equal-weight mixture of K softmax
 * regressors {@code q(y|x) = (1/K) Σ_k softmax(W_k x + b_k)_y} (Papamakarios 2015, arXiv:1510.02437, ch. 3).
 * Layout of the parameters: {@link MixtureShape}; math: {@link MixtureObjective}.
 *
 * <p>{@link #predict} takes {@code [n, inputSize()]} and returns a new {@code [n, classes]} array of the inputs'
 * floating type (FLOAT unless DOUBLE), computed in {@code double}. Saved with core's {@link ModelFile} (type
 * {@value #MODEL_TYPE}; header {@code components}, {@code inputSize}, {@code classes}, {@code binary}; array
 * {@code parameters [K, P]} DOUBLE). Immutable and thread-safe.
 */
public final class LogisticMixtureStudent implements Student, ConditionalTeacher {

    /** The model type of saved students. */
    public static final String MODEL_TYPE = "org.distill4j.bayes.LogisticMixtureStudent";

    /** The version of the saved layout. */
    public static final int MODEL_VERSION = 1;

    private final MixtureShape shape;
    private final double[] params;

    private LogisticMixtureStudent(MixtureShape shape, double[] params) {
        this.shape = shape;
        this.params = params;
    }

    /**
     * A student with the given parameters (copied).
     *
     * @param params {@code [K·P]} finite numbers in the layout of {@link MixtureShape}
     * @throws IllegalArgumentException if the length is not {@code shape.parameterCount()} or a value is not finite
     */
    public static LogisticMixtureStudent of(MixtureShape shape, double[] params) {
        checkNotNull(shape, "shape");
        checkNotNull(params, "params");
        checkArgument(params.length == shape.parameterCount(), "params must have length %s for %s, got %s",
                shape.parameterCount(), shape, params.length);
        for (int i = 0; i < params.length; i++) {
            checkArgument(Double.isFinite(params[i]), "params[%s] must be finite, got %s", (Object) i, params[i]);
        }
        return new LogisticMixtureStudent(shape, params.clone());
    }

    /**
     * A student whose components are the given rows, e.g. K posterior samples of a logistic or softmax regression
     * with a bias (the thesis's "K representative samples").
     *
     * @param components K rows of {@code shape.parametersPerComponent()} numbers
     */
    public static LogisticMixtureStudent ofComponents(MixtureShape shape, double[][] components) {
        checkNotNull(shape, "shape");
        checkNotNull(components, "components");
        checkArgument(components.length == shape.components(), "components has %s rows but the shape has %s",
                components.length, shape.components());
        int per = shape.parametersPerComponent();
        double[] flat = new double[shape.parameterCount()];
        for (int k = 0; k < components.length; k++) {
            checkArgument(components[k] != null && components[k].length == per,
                    "component %s must have %s parameters, got %s", k, per,
                    components[k] == null ? null : components[k].length);
            System.arraycopy(components[k], 0, flat, k * per, per);
        }
        return of(shape, flat);
    }

    /** The shape. */
    public MixtureShape shape() {
        return shape;
    }

    /** A copy of all parameters {@code [K·P]}. */
    public double[] parameters() {
        return params.clone();
    }

    /** A copy of component {@code k}'s parameters. */
    public double[] component(int k) {
        checkArgument(k >= 0 && k < shape.components(), "component index must be in [0, %s), got %s",
                shape.components(), k);
        int per = shape.parametersPerComponent();
        return java.util.Arrays.copyOfRange(params, k * per, (k + 1) * per);
    }

    @Override
    public int inputSize() {
        return shape.inputSize();
    }

    @Override
    public int outputSize() {
        return shape.classes();
    }

    @Override
    public long parameterCount() {
        return params.length;
    }

    /** The bytes of the parameters, {@code 8·parameterCount()}. */
    public long memoryBytes() {
        return 8L * params.length;
    }

    @Override
    public INDArray predict(INDArray inputs) {
        INDArray p = predictDouble(inputs);
        DataType type = InputChecks.answerType(inputs);
        return type == DataType.DOUBLE ? p : p.castTo(type);
    }

    /** The probabilities in {@code double}: a new {@code [n, classes]} DOUBLE array. */
    public INDArray predictDouble(INDArray inputs) {
        double[] x = InputChecks.doubles(inputs, shape.inputSize(), "inputs");
        int n = (int) inputs.rows();
        double[] out = new double[n * shape.classes()];
        MixtureObjective.probabilities(shape, params, x, n, out);
        return Nd4j.create(out, new long[] {n, shape.classes()}, DataType.DOUBLE);
    }

    @Override
    public void save(Path file) throws IOException {
        checkNotNull(file, "file");
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("components", shape.components());
        header.put("inputSize", shape.inputSize());
        header.put("classes", shape.classes());
        header.put("binary", shape.binary());
        INDArray array = Nd4j.create(params.clone(), new long[] {shape.components(), shape.parametersPerComponent()},
                DataType.DOUBLE);
        ModelFile.write(file, MODEL_TYPE, MODEL_VERSION, header, Map.of("parameters", array));
    }

    /**
     * Loads a student saved by {@link #save}.
     *
     * @throws IOException if the file is missing, not a mixture student, or inconsistent
     */
    public static LogisticMixtureStudent load(Path file) throws IOException {
        checkNotNull(file, "file");
        ModelFile.Contents contents = ModelFile.read(file, MODEL_TYPE);
        if (contents.modelVersion() != MODEL_VERSION) {
            throw new IOException(file + ": mixture student version " + contents.modelVersion()
                    + " is not supported (" + MODEL_VERSION + " is)");
        }
        Object binary = contents.field("binary");
        if (!(binary instanceof Boolean)) {
            throw new IOException(file + ": header field 'binary' must be a boolean, got " + binary);
        }
        MixtureShape shape;
        try {
            shape = new MixtureShape(Math.toIntExact(contents.longField("components")),
                    Math.toIntExact(contents.longField("inputSize")), Math.toIntExact(contents.longField("classes")),
                    (Boolean) binary);
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new IOException(file + ": invalid mixture shape: " + e.getMessage(), e);
        }
        INDArray array = contents.array("parameters");
        if (array.length() != shape.parameterCount() || array.dataType() != DataType.DOUBLE) {
            throw new IOException(file + ": array 'parameters' has shape " + java.util.Arrays.toString(array.shape())
                    + " of " + array.dataType() + ", expected [" + shape.components() + ", "
                    + shape.parametersPerComponent() + "] DOUBLE");
        }
        try {
            return of(shape, array.dup('c').data().asDouble());
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "LogisticMixtureStudent[" + shape + "]";
    }
}
