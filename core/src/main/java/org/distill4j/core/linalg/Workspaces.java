package org.distill4j.core.linalg;

import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.api.memory.enums.AllocationPolicy;
import org.nd4j.linalg.api.memory.enums.LearningPolicy;
import org.nd4j.linalg.api.memory.enums.ResetPolicy;
import org.nd4j.linalg.api.memory.enums.SpillPolicy;
import org.nd4j.linalg.factory.Nd4j;

/**
 * ND4J memory workspaces for the temporaries of one training step or one prediction. Off-heap allocation is
 * expensive (a fresh {@code [n, K, d]} Jacobian costs more than the gemm that fills it), so every temporary is
 * taken from a per-thread arena that is sized on first use and reused afterwards; nothing allocated inside may
 * escape the scope ({@code detach()} copies out). ND4J keeps workspaces per thread, so this is thread-safe; the
 * arena of a thread lives as long as the thread and is as large as its largest step.
 */
public final class Workspaces {

    /** Workspace of an MLP student's training steps. */
    public static final String TRAINING = "distill4j-mlp-training";

    /** Workspace of an MLP student's predictions and Jacobians. */
    public static final String INFERENCE = "distill4j-mlp-inference";

    /** Workspace of the dense-adjoint Jacobians of DL4J teachers. */
    public static final String TEACHER_JACOBIAN = "distill4j-teacher-jacobian";

    private Workspaces() {
    }

    /** Opens (activates) the named workspace of the calling thread; close it with try-with-resources. */
    public static MemoryWorkspace open(String id) {
        WorkspaceConfiguration config = WorkspaceConfiguration.builder()
                .initialSize(0)
                .overallocationLimit(0.2)
                .policyAllocation(AllocationPolicy.OVERALLOCATE)
                .policyLearning(LearningPolicy.FIRST_LOOP)
                .policyReset(ResetPolicy.BLOCK_LEFT)
                .policySpill(SpillPolicy.REALLOCATE)
                .build();
        return Nd4j.getWorkspaceManager().getAndActivateWorkspace(config, id);
    }

    /** A scope in which allocations are ordinary (long-lived) ones, whatever workspace the caller is in. */
    public static MemoryWorkspace outside() {
        return Nd4j.getWorkspaceManager().scopeOutOfWorkspaces();
    }
}
