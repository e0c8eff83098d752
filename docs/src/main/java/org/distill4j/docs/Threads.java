package org.distill4j.docs;

import org.bytedeco.openblas.global.openblas_nolapack;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * Sets ND4J's thread counts for a benchmark, so that ours and the reference use the same number: libnd4j's own
 * loops, its OpenMP pool and OpenBLAS's threads.
 */
final class Threads {

    private Threads() {
    }

    static void limit(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("--threads must be >= 1, got " + threads);
        }
        Nd4j.create(1); // loads the backend before its native settings are touched
        Nd4j.getEnvironment().setMaxThreads(threads);
        Nd4j.getEnvironment().setMaxMasterThreads(threads);
        NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(threads);
        openblas_nolapack.blas_set_num_threads(threads);
    }
}
