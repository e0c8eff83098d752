package org.distill4j.core.compression;

import org.distill4j.core.linalg.HostView;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.AdaDelta;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;

/**
 * Applies one step of an ND4J updater's rule to a parameter vector, given its gradient.
 *
 * <p>Adam and AdaDelta without schedules run as plain Java loops over the arrays' native memory, with the same
 * formulas as libnd4j's {@code adam_updater} / {@code ada_delta_updater}: those ops cost about 1.5 ms per call on a
 * 40k-parameter student (half of a whole training step, measured by JFR on the project's machine; see
 * docs/guides/performance.md), the loops about 0.1 ms. Every other updater goes through ND4J. Mutable state,
 * confined to one training run and thread.
 */
interface UpdateRule {

    /**
     * One step: {@code parameters ← parameters − update(gradient)}.
     *
     * @param parameters a dense {@code [1, count]} array, updated in place
     * @param gradient a dense {@code [1, count]} array; its contents are consumed (overwritten)
     * @param iteration the number of updates applied before this one
     * @param epoch the current epoch
     */
    void update(INDArray parameters, INDArray gradient, int iteration, int epoch);

    /** The rule's state (moments, accumulators) as new double arrays, for checkpoints. */
    INDArray state();

    /**
     * Replaces the rule's state by {@link #state()}'s form.
     *
     * @throws IllegalArgumentException if {@code state} has another length
     */
    void restore(INDArray state);

    /** The rule for {@code config} (cloned) over {@code count} parameters of type {@code type}. */
    static UpdateRule of(IUpdater config, long count, DataType type) {
        IUpdater copy = config.clone();
        boolean java = count <= Integer.MAX_VALUE && (type == DataType.FLOAT || type == DataType.DOUBLE);
        if (java && copy instanceof Adam adam && adam.getLearningRateSchedule() == null) {
            return new JavaAdam(adam, (int) count);
        }
        if (java && copy instanceof AdaDelta adaDelta) {
            return new JavaAdaDelta(adaDelta, (int) count);
        }
        long stateSize = copy.stateSize(count);
        INDArray state = stateSize == 0 ? null : Nd4j.create(type, 1, stateSize);
        GradientUpdater<?> updater = copy.instantiate(state, true);
        return new Nd4jRule(updater, state);
    }

    /** Adam (Kingma &amp; Ba 2014) as libnd4j computes it, bias correction folded into the step size. */
    final class JavaAdam implements UpdateRule {
        private final double learningRate;
        private final double beta1;
        private final double beta2;
        private final double epsilon;
        private final double[] m;
        private final double[] v;
        private final double[] g;
        private final double[] theta;

        JavaAdam(Adam config, int count) {
            this.learningRate = config.getLearningRate();
            this.beta1 = config.getBeta1();
            this.beta2 = config.getBeta2();
            this.epsilon = config.getEpsilon();
            this.m = new double[count];
            this.v = new double[count];
            this.g = new double[count];
            this.theta = new double[count];
        }

        @Override
        public void update(INDArray parameters, INDArray gradient, int iteration, int epoch) {
            double beta1t = Math.pow(beta1, iteration + 1);
            double beta2t = Math.pow(beta2, iteration + 1);
            double step = learningRate * Math.sqrt(1 - beta2t) / (1 - beta1t);
            if (!Double.isFinite(step) || step == 0) {
                step = epsilon; // libnd4j's fallback, kept for parity
            }
            HostView params = HostView.of(parameters);
            HostView.of(gradient).read(g);
            params.read(theta);
            double b1 = beta1;
            double b2 = beta2;
            double eps = epsilon;
            for (int i = 0; i < g.length; i++) {
                double gi = g[i];
                double mi = b1 * m[i] + (1 - b1) * gi;
                double vi = b2 * v[i] + (1 - b2) * gi * gi;
                m[i] = mi;
                v[i] = vi;
                theta[i] -= mi * step / (Math.sqrt(vi) + eps);
            }
            params.write(theta);
        }

        @Override
        public INDArray state() {
            return Moments.pack(m, v);
        }

        @Override
        public void restore(INDArray state) {
            Moments.unpack(state, m, v);
        }
    }

    /** AdaDelta (Zeiler 2012), the thesis's optimiser, as libnd4j computes it. */
    final class JavaAdaDelta implements UpdateRule {
        private final double rho;
        private final double epsilon;
        private final double[] meanSquaredGradient;
        private final double[] meanSquaredUpdate;
        private final double[] g;
        private final double[] theta;

        JavaAdaDelta(AdaDelta config, int count) {
            this.rho = config.getRho();
            this.epsilon = config.getEpsilon();
            this.meanSquaredGradient = new double[count];
            this.meanSquaredUpdate = new double[count];
            this.g = new double[count];
            this.theta = new double[count];
        }

        @Override
        public void update(INDArray parameters, INDArray gradient, int iteration, int epoch) {
            HostView params = HostView.of(parameters);
            HostView.of(gradient).read(g);
            params.read(theta);
            for (int i = 0; i < g.length; i++) {
                double gi = g[i];
                double msg = rho * meanSquaredGradient[i] + (1 - rho) * gi * gi;
                double update = gi * Math.sqrt(meanSquaredUpdate[i] + epsilon) / Math.sqrt(msg + epsilon);
                meanSquaredGradient[i] = msg;
                meanSquaredUpdate[i] = rho * meanSquaredUpdate[i] + (1 - rho) * update * update;
                theta[i] -= update;
            }
            params.write(theta);
        }

        @Override
        public INDArray state() {
            return Moments.pack(meanSquaredGradient, meanSquaredUpdate);
        }

        @Override
        public void restore(INDArray state) {
            Moments.unpack(state, meanSquaredGradient, meanSquaredUpdate);
        }
    }

    /** Any other ND4J updater, through its own (view) state array. */
    final class Nd4jRule implements UpdateRule {
        private final GradientUpdater<?> updater;
        private final INDArray stateView;

        Nd4jRule(GradientUpdater<?> updater, INDArray stateView) {
            this.updater = updater;
            this.stateView = stateView;
        }

        @Override
        public void update(INDArray parameters, INDArray gradient, int iteration, int epoch) {
            updater.applyUpdater(gradient, iteration, epoch);
            parameters.subi(gradient);
        }

        @Override
        public INDArray state() {
            return stateView == null ? Nd4j.create(DataType.DOUBLE, 0) : stateView.castTo(DataType.DOUBLE).reshape(-1);
        }

        @Override
        public void restore(INDArray state) {
            long expected = stateView == null ? 0 : stateView.length();
            if (state.length() != expected) {
                throw new IllegalArgumentException("updater state must have " + expected + " values, got "
                        + state.length());
            }
            if (stateView != null) {
                stateView.assign(state.reshape(stateView.shape()).castTo(stateView.dataType()));
            }
        }
    }

    /** Two moment vectors as one double array and back. */
    final class Moments {
        private Moments() {
        }

        static INDArray pack(double[] first, double[] second) {
            double[] both = new double[first.length + second.length];
            System.arraycopy(first, 0, both, 0, first.length);
            System.arraycopy(second, 0, both, first.length, second.length);
            return Nd4j.createFromArray(both);
        }

        static void unpack(INDArray state, double[] first, double[] second) {
            if (state.length() != first.length + second.length) {
                throw new IllegalArgumentException("updater state must have " + (first.length + second.length)
                        + " values, got " + state.length());
            }
            double[] both = state.castTo(DataType.DOUBLE).toDoubleVector();
            System.arraycopy(both, 0, first, 0, first.length);
            System.arraycopy(both, first.length, second, 0, second.length);
        }
    }
}
