package org.distill4j.generative.ais;

import static com.google.common.base.Preconditions.checkNotNull;

import java.util.OptionalDouble;
import org.distill4j.generative.rbm.Rbm;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The outcome of an AIS run: {@code log Ẑ = log Z_A + log mean(w)} and Salakhutdinov and Murray's band
 * {@code log(mean(w) ± 3 sd)} with {@code sd = std(w) / sqrt(runs)} (the lower end does not exist when
 * {@code mean(w) ≤ 3 sd}), as in {@code rbm_ais.py}.
 *
 * @param logZ the estimate {@code log Ẑ}
 * @param lower {@code log(mean(w) − 3 sd) + log Z_A}, or NaN when {@code mean(w) − 3 sd ≤ 0}
 * @param upper {@code log(mean(w) + 3 sd) + log Z_A}
 * @param standardError the delta-method standard error of {@code log Ẑ}: {@code sd / mean(w)}
 * @param logZBase {@code log Z_A} of the base-rate model
 * @param logWeights the log importance weights of the runs, relative to the base model (copied in and out)
 * @param temperatures the number of inverse temperatures of the schedule
 * @param seconds the wall time of the sweeps
 */
public record AisResult(double logZ, double lower, double upper, double standardError, double logZBase,
        double[] logWeights, int temperatures, double seconds) {

    /** Copies the log-weights. */
    public AisResult {
        checkNotNull(logWeights, "logWeights");
        logWeights = logWeights.clone();
    }

    /** A copy of the runs' log-weights. */
    @Override
    public double[] logWeights() {
        return logWeights.clone();
    }

    /** The lower end of the ±3 s.e. band, when it exists. */
    public OptionalDouble lowerBound() {
        return Double.isNaN(lower) ? OptionalDouble.empty() : OptionalDouble.of(lower);
    }

    /** The number of runs. */
    public int runs() {
        return logWeights.length;
    }

    /**
     * The RBM's average log-likelihood of {@code data} under this estimate: {@code mean(−F(v)) − log Ẑ}.
     *
     * @param data {@code [n, V]} binary; not modified
     */
    public double averageLogLikelihood(Rbm rbm, INDArray data) {
        checkNotNull(rbm, "rbm");
        return rbm.averageLogLikelihood(data, logZ);
    }
}
