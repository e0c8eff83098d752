package org.distill4j.core.compression;

import org.distill4j.core.linalg.Workspaces;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The per-step arrays of one training run, preallocated for one batch size: each layer's pre-activation
 * (overwritten with its activation for hidden layers, with the logits for the last one), each hidden layer's
 * activation derivative, and each hidden layer's back-propagated delta. A step writes into them instead of
 * creating about seven arrays (ND4J's array creation costs 2–4 µs each, even in a workspace). The arrays are
 * ordinary (detached) C-order allocations, so they outlive the step's workspace; their contents are only valid
 * during one step. Confined to the thread of its {@link MlpTraining}.
 */
final class StepBuffers {

    final long rows;
    final INDArray[] preActivations;
    final INDArray[] derivatives;
    final INDArray[] deltas;

    private StepBuffers(long rows, INDArray[] preActivations, INDArray[] derivatives, INDArray[] deltas) {
        this.rows = rows;
        this.preActivations = preActivations;
        this.derivatives = derivatives;
        this.deltas = deltas;
    }

    /** Buffers for batches of {@code rows} rows of {@code architecture}. */
    @SuppressWarnings("try")
    static StepBuffers of(MlpArchitecture architecture, long rows) {
        int count = architecture.layerCount();
        INDArray[] pre = new INDArray[count];
        INDArray[] derivatives = new INDArray[count - 1];
        INDArray[] deltas = new INDArray[count - 1];
        try (MemoryWorkspace ignored = Workspaces.outside()) {
            for (int l = 0; l < count; l++) {
                long width = architecture.layerSizes().get(l + 1);
                pre[l] = Nd4j.create(architecture.dataType(), new long[] {rows, width}, 'c');
                if (l < count - 1) {
                    derivatives[l] = Nd4j.create(architecture.dataType(), new long[] {rows, width}, 'c');
                    deltas[l] = Nd4j.create(architecture.dataType(), new long[] {rows, width}, 'c');
                }
            }
        }
        return new StepBuffers(rows, pre, derivatives, deltas);
    }
}
