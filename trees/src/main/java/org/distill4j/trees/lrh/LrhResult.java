package org.distill4j.trees.lrh;

import static com.google.common.base.Preconditions.checkNotNull;

import java.util.List;
import org.distill4j.core.Distillation;
import org.distill4j.core.DistillationReport;
import org.distill4j.trees.tree.ClassificationTree;

/**
 * What an LRH distillation produced (Boix-Adsera 2024, arXiv:2403.09053, section 5): the explicit tree over
 * literals ({@code x_i <= 0} tests {@code x_i = -1}), the probe error of the conjunction of each of its nodes, the
 * beam of each level, the number of probes fitted, and the usual report (fidelity and PAC certificate on fresh
 * inputs).
 *
 * @param tree the distilled tree
 * @param nodeProbeErrors per node of {@code tree}, the scoring MSE of its conjunction's probe (NaN at the root)
 * @param beams the beam of each level 1..r, best first
 * @param probesUsed the number of distinct conjunctions probed
 * @param report losses per level, fidelity, certificate, timings, provenance
 */
public record LrhResult(ClassificationTree tree, double[] nodeProbeErrors, List<List<AndTerm>> beams, long probesUsed,
        DistillationReport report) {

    /** Checks presence and copies. */
    public LrhResult {
        checkNotNull(tree, "tree");
        checkNotNull(report, "report");
        nodeProbeErrors = nodeProbeErrors.clone();
        beams = beams.stream().map(List::copyOf).toList();
    }

    /** A copy of the per-node probe errors. */
    @Override
    public double[] nodeProbeErrors() {
        return nodeProbeErrors.clone();
    }

    /** The tree and the report as a {@link Distillation}. */
    public Distillation<ClassificationTree> distillation() {
        return new Distillation<>(tree, report);
    }
}
