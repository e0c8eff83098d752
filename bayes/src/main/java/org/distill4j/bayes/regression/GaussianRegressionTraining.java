package org.distill4j.bayes.regression;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.LinkedHashMap;
import java.util.Map;
import org.distill4j.core.distill.RunState;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A Gaussian regression student in training: its parameters and Adam state. Each {@link #step} takes the mean
 * loss over a batch of inputs with target means and variances and moves the parameters once. Mutable, not
 * thread-safe; one per run.
 */
final class GaussianRegressionTraining {

    private final int[] sizes;
    private final double[] params;
    private final double[] grad;
    private final Adam adam;

    GaussianRegressionTraining(GaussianRegressionStudent start, double learningRate) {
        this.sizes = start.layerSizes();
        this.params = start.parameters();
        this.grad = new double[params.length];
        this.adam = new Adam(params.length, learningRate);
    }

    /**
     * One Adam step on the mean loss of {@code n} rows.
     *
     * @param x row-major {@code [n, p]}
     * @param m target means {@code [n]}
     * @param v target variances {@code [n]}
     * @return the loss before the step
     */
    double step(double[] x, int n, double[] m, double[] v) {
        return step(x, n, m, v, Double.NaN);
    }

    /** As {@link #step(double[], int, double[], double[])} with learning rate {@code rate} (NaN: the default). */
    double step(double[] x, int n, double[] m, double[] v, double rate) {
        return step(x, n, m, v, rate, 0);
    }

    /** As above, adding the L2 penalty {@code (λ/2)‖w‖²} to the gradient (not to the returned loss). */
    double step(double[] x, int n, double[] m, double[] v, double rate, double weightDecay) {
        double loss = GaussianMlp.lossAndGradient(params, sizes, x, n, m, v, grad);
        if (weightDecay > 0) {
            for (int i = 0; i < params.length; i++) {
                grad[i] += weightDecay * params[i];
            }
        }
        if (Double.isFinite(loss)) {
            if (Double.isNaN(rate)) {
                adam.step(params, grad);
            } else {
                adam.step(params, grad, rate);
            }
        }
        return loss;
    }

    /** Adds the current parameters to {@code sum} ({@code [parameterCount]}), for tail averaging. */
    void addParametersTo(double[] sum) {
        for (int i = 0; i < params.length; i++) {
            sum[i] += params[i];
        }
    }

    /** The layer sizes {@code [p, h.., 2]} (a copy). */
    int[] layerSizes() {
        return sizes.clone();
    }

    /** The student as it is now. */
    GaussianRegressionStudent snapshot() {
        return GaussianRegressionStudent.of(sizes, params);
    }

    /** The state for a checkpoint: parameters and Adam's moments (copies), Adam's step count. */
    RunState saveState() {
        double[][] moments = adam.momentsCopy();
        Map<String, INDArray> arrays = new LinkedHashMap<>();
        arrays.put("parameters", Nd4j.createFromArray(params.clone()));
        arrays.put("adamFirstMoment", Nd4j.createFromArray(moments[0]));
        arrays.put("adamSecondMoment", Nd4j.createFromArray(moments[1]));
        return new RunState(Map.of("adamSteps", adam.steps()), arrays);
    }

    /**
     * Replaces the state by a checkpoint's; a state that does not fit changes nothing.
     *
     * @throws IllegalArgumentException if an array is missing or of another length, or the step count is < 0
     */
    void restoreState(RunState state) {
        double[] p = vector(state, "parameters");
        double[] m = vector(state, "adamFirstMoment");
        double[] v = vector(state, "adamSecondMoment");
        long steps = state.longField("adamSteps");
        checkArgument(steps >= 0, "checkpoint adamSteps must be >= 0, got %s", steps);
        System.arraycopy(p, 0, params, 0, params.length);
        adam.restore(m, v, steps);
    }

    private double[] vector(RunState state, String name) {
        INDArray a = state.array(name);
        checkArgument(a.length() == params.length, "checkpoint array '%s' has %s entries but the student (layers %s)"
                + " has %s parameters", name, a.length(), java.util.Arrays.toString(sizes), params.length);
        return a.castTo(DataType.DOUBLE).dup('c').data().asDouble();
    }
}
