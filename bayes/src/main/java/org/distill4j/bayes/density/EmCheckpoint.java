package org.distill4j.bayes.density;

import java.util.ArrayList;
import java.util.List;
import org.distill4j.core.distill.RunState;
import org.nd4j.linalg.api.buffer.DataType;

/** The checkpoint form of an EM run's mixture and loss history (DOUBLE arrays: bit-exact). Stateless. */
final class EmCheckpoint {

    private EmCheckpoint() {
    }

    /** A builder holding {@code q} and {@code nll}. */
    static RunState.Builder writing(GaussianMixture q, List<Double> nll) {
        return RunState.builder().put("weights", q.weights()).put("means", q.means())
                .put("variances", q.variances()).put("nll", nll.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /** The saved mixture of {@code k} components (validated). */
    static GaussianMixture mixture(RunState state, int k) {
        return GaussianMixture.of(state.doubles("weights", k), state.doubles("means", k),
                state.doubles("variances", k));
    }

    /** The saved loss history. */
    static List<Double> nll(RunState state) {
        List<Double> out = new ArrayList<>();
        for (double v : doubles(state, "nll")) {
            out.add(v);
        }
        return out;
    }

    /** A saved vector of any length. */
    static double[] doubles(RunState state, String name) {
        return state.array(name).castTo(DataType.DOUBLE).dup('c').data().asDouble();
    }
}
